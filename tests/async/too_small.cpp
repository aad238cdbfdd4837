// A task frame that does not fit the arena stops the system at start-up, before any task
// runs, with a message naming the task. Built with a 64-byte arena; host only (on a board
// the stop is a halt, which a test can only see as a hang).
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
async::Task never_runs() {
    volatile char state[128];  // lives across the suspension, so in the frame
    state[0] = 1;
    print("FAIL: a task ran\r\n");
    co_await yield_now();
    port::exit(state[0]);
}

void executor_main(void*) {
    run_tasks(never_runs());
}
}  // namespace

int main() {
    test::start_executor("async_too_small", executor_main);
}
