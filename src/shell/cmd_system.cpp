// System commands: ver, uptime, reboot.
#include "builtins.hpp"
#include "tern/port.hpp"
#include "tern/shell.hpp"
#include "tern/task.hpp"
#include "text.hpp"

#ifndef TERN_VERSION
#define TERN_VERSION "0.0.0"
#endif
#ifndef TERN_BOARD_NAME
#define TERN_BOARD_NAME "unknown"
#endif

namespace tern::shell {

namespace {

// ver and uptime share one handler, told apart by the name they were called by: ver is
// uptime after a line about the build.
int cmd_ver_uptime(int argc, char** argv) {
    if (argc != 1) return 1;
    if (argv[0][0] == 'v') {
        puts("tern " TERN_VERSION " (" TERN_BOARD_NAME ", built " __DATE__ ")\r\nuptime ");
    }
    SystemStats sys;
    system_stats(sys);
    char text[uptime_text_max];
    uptime_text(text, sys.uptime_ticks / config::tick_hz);
    printf("%s\r\n", text);
    return 0;
}

int cmd_reboot(int argc, char**) {
    if (argc != 1) return 1;
    puts("rebooting...\r\n");
    port::reset();
}

const Command commands[] = {
    {"ver", cmd_ver_uptime, "ver", "tern version and formatted uptime", nullptr},
    {"uptime", cmd_ver_uptime, "uptime", "Show system uptime (HH:MM:SS or N day(s), HH:MM:SS)",
     nullptr},
    {"reboot", cmd_reboot, "reboot", "Reboot the system", nullptr},
};

}  // namespace

CommandGroup system_group{commands, sizeof commands / sizeof commands[0]};

void register_system_commands() {
    register_commands(system_group);
}

}  // namespace tern::shell
