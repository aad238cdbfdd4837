// System commands: mem, ver, uptime, reboot.
#include "tern/port.hpp"
#include "tern/shell.hpp"
#include "tern/task.hpp"

#ifndef TERN_VERSION
#define TERN_VERSION "0.0.0"
#endif
#ifndef TERN_BOARD_NAME
#define TERN_BOARD_NAME "unknown"
#endif

namespace tern::shell {

namespace {

// "00:01:02", or "2 days, 03:04:05" once a day has passed.
void print_uptime() {
    SystemStats sys;
    system_stats(sys);
    uint32_t s = sys.uptime_ticks / config::tick_hz;
    uint32_t days = s / 86400;
    if (days > 0) printf("%u day%s, ", static_cast<unsigned>(days), days == 1 ? "" : "s");
    printf("%02u:%02u:%02u\r\n", static_cast<unsigned>(s / 3600 % 24),
           static_cast<unsigned>(s / 60 % 60), static_cast<unsigned>(s % 60));
}

int cmd_mem(int argc, char**) {
    if (argc != 1) return 1;
    // The heap service (issue 3) registers its statistics here once it lands.
    puts("no heap configured\r\n");
    return 0;
}

int cmd_ver(int argc, char**) {
    if (argc != 1) return 1;
    puts("tern " TERN_VERSION " (" TERN_BOARD_NAME ", built " __DATE__ ")\r\nuptime ");
    print_uptime();
    return 0;
}

int cmd_uptime(int argc, char**) {
    if (argc != 1) return 1;
    print_uptime();
    return 0;
}

int cmd_reboot(int argc, char**) {
    if (argc != 1) return 1;
    puts("rebooting...\r\n");
    port::reset();
}

const Command commands[] = {
    {"mem", cmd_mem, "mem", "Heap statistics (total / used / free, alloc/free counts)", nullptr},
    {"ver", cmd_ver, "ver", "tern version and formatted uptime", nullptr},
    {"uptime", cmd_uptime, "uptime", "Show system uptime (HH:MM:SS or N day(s), HH:MM:SS)",
     nullptr},
    {"reboot", cmd_reboot, "reboot", "Reboot the system", nullptr},
};
CommandGroup group{commands, sizeof commands / sizeof commands[0]};

}  // namespace

void register_system_commands() { register_commands(group); }

}  // namespace tern::shell
