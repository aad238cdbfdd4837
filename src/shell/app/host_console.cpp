// The host terminal as the shell's stream: raw mode (every key reaches the editor, Ctrl-C
// included, and the shell writes its own CR LF), input polled without blocking the
// simulated CPU for more than a millisecond. stdin is never made O_NONBLOCK: on a
// terminal it shares its file description with stdout, whose writes would then fail.
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "console.hpp"
#include "tern/port.hpp"

namespace shell_app {

namespace {

termios saved;
bool raw = false;
unsigned char pending[64];
ssize_t pending_len = 0;
ssize_t pending_pos = 0;

int host_getc(void*) {
    if (pending_pos < pending_len) return pending[pending_pos++];
    // Waiting here up to 1 ms of real time keeps the host port's virtual clock (which
    // jumps ahead while the CPU idles) close to the wall clock for `uptime`.
    pollfd p = {0, POLLIN, 0};
    int ready = poll(&p, 1, 1);
    if (ready == 0 || (ready < 0 && errno == EINTR)) return tern::shell::Io::none;
    ssize_t n = read(0, pending, sizeof pending);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return tern::shell::Io::none;
    if (n <= 0) return tern::shell::Io::closed;  // end of input, or the terminal is gone
    pending_len = n;
    pending_pos = 1;
    return pending[0];
}

void host_write(void*, const char* s, size_t n) { tern::port::console_write(s, n); }

const tern::shell::Io host_io = {host_getc, host_write, nullptr};

}  // namespace

const tern::shell::Io& console_open() {
    signal(SIGPIPE, SIG_IGN);  // a vanished reader makes writes fail, not kill us
    if (isatty(0) && tcgetattr(0, &saved) == 0) {
        termios t = saved;
        cfmakeraw(&t);
        raw = tcsetattr(0, TCSANOW, &t) == 0;
    }
    return host_io;
}

void console_close() {
    if (raw) tcsetattr(0, TCSANOW, &saved);
    raw = false;
}

}  // namespace shell_app
