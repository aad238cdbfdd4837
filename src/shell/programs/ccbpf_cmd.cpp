// `ccbpf compile|run|list`: compiles a loaded program on the device and runs it as a VM in
// a task of its own, named after the program.
#include <string.h>

#include "program_slots.hpp"
#include "tern/ccbpf/compiler.hpp"
#include "tern/shell.hpp"

#ifndef TERN_BOARD_NAME
#define TERN_BOARD_NAME "tern"
#endif

namespace tern::shell {

int cmd_load(int argc, char** argv);

namespace {

// What a program sees of the system: its output goes to the shell's stream.
class ShellHost final : public ccbpf::Host {
public:
    void write(const char* bytes, size_t n) override {
        // Programs print "\n"; a raw terminal needs "\r\n".
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
    uint32_t now_ms() override { return ticks_to_ms(now()); }
    uint32_t node_id() override { return 0; }
    const char* node_name() override { return TERN_BOARD_NAME; }
};

ShellHost host;
alignas(8) uint8_t arena[SHELL_COMPILER_ARENA_BYTES];

// The compiler recurses with the program's syntax: it runs on a task of its own with a
// large stack, while the shell (whose stack is sized for commands) waits for it.
Task compiler_task;
Stack<SHELL_COMPILER_STACK_BYTES> compiler_stack;
ccbpf::CompileResult compiled;
volatile bool compiling = false;

void compiler_main(void* arg) {
    ProgramSlot& p = *static_cast<ProgramSlot*>(arg);
    ccbpf::CompileOptions options;
    options.stack_size = SHELL_PROGRAM_VM_STACK_BYTES;
    compiled = ccbpf::compile(p.name, p.source, p.source_len, arena, sizeof arena, p.image,
                              sizeof p.image, options);
    compiling = false;
}

bool compile(ProgramSlot& p) {
    p.image_len = 0;
    compiling = true;
    if (task_create(compiler_task, "ccbpf-cc", compiler_main, &p, SHELL_PROGRAM_PRIORITY,
                    compiler_stack) != Result::ok) {
        compiling = false;
        puts("ccbpf: cannot start the compiler task\r\n");
        return false;
    }
    while (compiling) delay(1);
    if (!compiled.ok) {
        printf("%s\r\n", compiled.message);
        return false;
    }
    p.image_len = static_cast<uint32_t>(compiled.image_size);
    printf("ccbpf: %s: %u-byte image (compiler used %u bytes)\r\n", p.name,
           static_cast<unsigned>(compiled.image_size), static_cast<unsigned>(compiled.arena_peak));
    return true;
}

// The program's task: runs the VM in slices, sleeping when the program sleeps and giving
// way to equal-priority tasks (the shell) after every slice.
void program_main(void* arg) {
    ProgramSlot& p = *static_cast<ProgramSlot*>(arg);
    for (;;) {
        ccbpf::Status st = p.vm.run(2000);
        if (st == ccbpf::Status::Halted || st == ccbpf::Status::Trapped) break;
        if (st == ccbpf::Status::Sleeping) {
            delay(ms_to_ticks(p.vm.sleep_remaining_ms()));
        } else {
            yield();  // Slice, Yielded; Migrate: no other node to move to, keep running
        }
    }
    p.trapped = p.vm.state().run_state == ccbpf::RunState::Trapped;
    p.exit_status = p.vm.exit_code();
    p.finished = true;
    if (p.trapped) {
        printf("\r\n[%s] trapped: %s\r\n", p.name, p.vm.trap_message());
    } else {
        printf("\r\n[%s] exited with status %d\r\n", p.name, static_cast<int>(p.exit_status));
    }
    request_redraw();  // the prompt again, below the news
}

bool run(ProgramSlot& p) {
    if (program_running(p)) {
        printf("ccbpf: %s is already running\r\n", p.name);
        return false;
    }
    if (p.image_len == 0 && !compile(p)) return false;
    static char why[160];
    if (!p.vm.load(p.image, p.image_len, p.memory, sizeof p.memory, &host, why, sizeof why)) {
        printf("ccbpf: %s: %s\r\n", p.name, why);
        return false;
    }
    p.finished = false;
    p.trapped = false;
    if (task_create(p.task, p.name, program_main, &p, SHELL_PROGRAM_PRIORITY, p.stack) !=
        Result::ok) {
        printf("ccbpf: %s: cannot create its task\r\n", p.name);
        return false;
    }
    p.started = true;
    printf("ccbpf: %s running (stop it with: kill %s)\r\n", p.name, p.name);
    return true;
}

void list() {
    puts("PROGRAM          SOURCE   IMAGE  STATE\r\n");
    ProgramSlot* p;
    for (unsigned i = 0; (p = program_at(i)) != nullptr; ++i) {
        if (p->name[0] == '\0') continue;
        printf("%-15s %7u %7u  ", p->name, static_cast<unsigned>(p->source_len),
               static_cast<unsigned>(p->image_len));
        if (program_running(*p)) {
            puts("running\r\n");
        } else if (p->finished && p->trapped) {
            puts("trapped\r\n");
        } else if (p->finished) {
            printf("exited %d\r\n", static_cast<int>(p->exit_status));
        } else if (p->started) {
            puts("killed\r\n");
        } else {
            puts(p->image_len != 0 ? "compiled\r\n" : "loaded\r\n");
        }
    }
}

int cmd_ccbpf(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        list();
        return 0;
    }
    if (argc != 3) return 1;
    bool do_run = strcmp(argv[1], "run") == 0;
    if (!do_run && strcmp(argv[1], "compile") != 0) return 1;
    ProgramSlot* p = program_find(argv[2]);
    if (p == nullptr) {
        printf("ccbpf: no program '%s' (load it first: load %s)\r\n", argv[2], argv[2]);
        return 0;
    }
    if (do_run) {
        run(*p);
    } else if (program_running(*p)) {
        printf("ccbpf: %s is running; kill it first\r\n", p->name);
    } else {
        compile(*p);
    }
    return 0;
}

void complete_program(int arg_index, const char*, Offer offer, void* ctx) {
    if (arg_index == 1) {
        offer("compile", ctx);
        offer("run", ctx);
        offer("list", ctx);
    } else if (arg_index == 2) {
        ProgramSlot* p;
        for (unsigned i = 0; (p = program_at(i)) != nullptr; ++i) {
            if (p->name[0] != '\0') offer(p->name, ctx);
        }
    }
}

const Command commands[] = {
    {"load", cmd_load, "load <name>", "Receive a program's C source, ended by a line '.'", nullptr},
    {"ccbpf", cmd_ccbpf, "ccbpf compile|run <name> | ccbpf list",
     "Compile a loaded program, run it as a task, list programs", complete_program},
};
CommandGroup group{commands, 2};

}  // namespace

void register_program_commands() { register_commands(group); }

}  // namespace tern::shell
