// `ccbpf compile|run|pause|resume|stop|rm <name>` and `ccbpf list`: the shell's face of the
// program runtime. Each subcommand is one runtime call and its message.
#include <string.h>

#include "programs.hpp"
#include "tern/programs.hpp"
#include "tern/shell.hpp"

#ifndef TERN_BOARD_NAME
#define TERN_BOARD_NAME "tern"
#endif

namespace tern::shell {

int cmd_load(int argc, char** argv);

namespace {

// Programs print "\n"; a raw terminal needs "\r\n".
void program_output(void*, const char* bytes, size_t n) {
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
        if (bytes[i] == '\n') {
            shell::write(bytes + start, i - start);
            shell::write("\r\n", 2);
            start = i + 1;
        }
    }
    shell::write(bytes + start, n - start);
}

// News from a program's task: it ended, or it asked to move.
void program_changed(void*, const programs::Status& s) {
    switch (s.state) {
        case programs::State::exited:
            printf("\r\n[%s] exited with status %d\r\n", s.name, static_cast<int>(s.exit_code));
            break;
        case programs::State::trapped:
            printf("\r\n[%s] trapped: %s\r\n", s.name, s.message);
            break;
        case programs::State::stopped:
            printf("\r\n[%s] stopped\r\n", s.name);
            break;
        case programs::State::migrating:
            printf("\r\n[%s] asked to migrate to '%s': parked here (ccbpf resume %s goes on)\r\n",
                   s.name, s.migrate_to, s.name);
            break;
        default:
            return;
    }
    request_redraw();  // the prompt again, below the news
}

// A program's status is a few hundred bytes and the shell's stack is small: the commands
// (which only the shell task runs) share this one.
programs::Status shown;

// Instructions as a decimal number: the console's printf has no 64-bit conversion.
void print_count(uint64_t n) {
    if (n >> 32 == 0) {
        printf("%10u", static_cast<unsigned>(n));
    } else {
        printf("%u%09u", static_cast<unsigned>(n / 1000000000u),
               static_cast<unsigned>(n % 1000000000u));
    }
}

void list() {
    puts("PROGRAM          SOURCE   IMAGE INSTRUCTIONS  STATE\r\n");
    programs::Status& s = shown;
    for (unsigned i = 0; i < PROGRAMS_SLOTS; ++i) {
        if (!programs::status_at(i, s)) continue;
        printf("%-15s %7u %7u ", s.name, static_cast<unsigned>(s.source_bytes),
               static_cast<unsigned>(s.image_bytes));
        print_count(s.instructions);
        printf("   %s", programs::state_name(s.state));
        if (s.state == programs::State::exited) printf(" %d", static_cast<int>(s.exit_code));
        if (s.state == programs::State::sleeping) {
            printf(" (%u ms left)", static_cast<unsigned>(s.sleep_left_ms));
        }
        if (s.state == programs::State::migrating) printf(" to '%s'", s.migrate_to);
        puts("\r\n");
    }
}

// The message for a refused call; a failed compile shows the compiler's own line.
void report(const char* name, programs::Error e) {
    programs::Status& s = shown;
    if ((e == programs::Error::compile_failed || e == programs::Error::load_failed) &&
        programs::status(name, s) == programs::Error::none) {
        printf("%s\r\n", s.message);
        return;
    }
    printf("ccbpf: %s: %s\r\n", name, programs::error_text(e));
}

int cmd_ccbpf(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        list();
        return 0;
    }
    if (argc != 3) return 1;
    const char* what = argv[1];
    const char* name = argv[2];
    programs::Error e;
    programs::Status& s = shown;
    bool run = strcmp(what, "run") == 0;
    // `run` compiles first when there is no image, and says so like `compile`.
    if (strcmp(what, "compile") == 0 ||
        (run && programs::status(name, s) == programs::Error::none && s.image_bytes == 0 &&
         s.state != programs::State::running)) {
        uint32_t bytes = 0, peak = 0;
        e = programs::compile(name, &bytes, &peak);
        if (e == programs::Error::none) {
            printf("ccbpf: %s: %u-byte image (compiler used %u bytes)\r\n", name,
                   static_cast<unsigned>(bytes), static_cast<unsigned>(peak));
        }
        if (e != programs::Error::none || !run) {
            if (e != programs::Error::none) report(name, e);
            return 0;
        }
    }
    if (run) {
        e = programs::start(name);
        if (e == programs::Error::none) {
            printf("ccbpf: %s running (stop it with: ccbpf stop %s)\r\n", name, name);
        }
    } else if (strcmp(what, "pause") == 0) {
        e = programs::pause(name);
    } else if (strcmp(what, "resume") == 0) {
        e = programs::resume(name);
    } else if (strcmp(what, "stop") == 0) {
        e = programs::stop(name);
    } else if (strcmp(what, "rm") == 0) {
        e = programs::remove(name);
    } else {
        return 1;
    }
    if (e != programs::Error::none) report(name, e);
    return 0;
}

void complete_program(int arg_index, const char*, Offer offer, void* ctx) {
    static const char* const verbs[] = {"compile", "run", "pause", "resume", "stop", "rm", "list"};
    if (arg_index == 1) {
        for (const char* v : verbs) offer(v, ctx);
    } else if (arg_index == 2) {
        // Names must outlive the call: the runtime's status is copied, so keep them here.
        static programs::Status names[PROGRAMS_SLOTS];
        for (unsigned i = 0; i < PROGRAMS_SLOTS; ++i) {
            if (programs::status_at(i, names[i])) offer(names[i].name, ctx);
        }
    }
}

const Command commands[] = {
    {"load", cmd_load, "load <name>", "Receive a program's C source, ended by a line '.'", nullptr},
    {"ccbpf", cmd_ccbpf, "ccbpf compile|run|pause|resume|stop|rm <name> | ccbpf list",
     "Compile, run and control loaded programs", complete_program},
};
CommandGroup group{commands, 2};

}  // namespace

void register_program_commands() {
    programs::set_environment(
        {program_output, program_changed, nullptr, 0, TERN_BOARD_NAME});
    register_commands(group);
}

}  // namespace tern::shell
