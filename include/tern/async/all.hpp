// tern::async: cooperative coroutine tasks polled by an executor inside one kernel task.
// The whole API in one include; docs/async.md explains the design.
#pragma once
#include "tern/async/bridge.hpp"
#include "tern/async/co.hpp"
#include "tern/async/handoff.hpp"
#include "tern/async/mutex.hpp"
#include "tern/async/notify.hpp"
#include "tern/async/queue.hpp"
#include "tern/async/select.hpp"
#include "tern/async/semaphore.hpp"
#include "tern/async/task.hpp"
#include "tern/async/time.hpp"
#include "tern/async/watch.hpp"
#include "tern/async/yield.hpp"
