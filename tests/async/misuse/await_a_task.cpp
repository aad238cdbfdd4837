// expect: tern::async::Task is a top-level task for run_tasks(), not awaitable
#include "tern/async/all.hpp"
using namespace tern::async;
Task child() { co_return; }
Task parent() { co_await child(); }
