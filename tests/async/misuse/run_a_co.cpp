// expect: tern::async::run_tasks() takes tern::async::Task coroutines
#include "tern/async/all.hpp"
using namespace tern::async;
Co<int> child() { co_return 1; }
void start() { run_tasks(child()); }
