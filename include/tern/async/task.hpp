// Top-level async tasks and the executor that polls them.
//
//   tern::async::Task blinky() { for (;;) { toggle(); co_await sleep_for(500); } }
//   ...
//   tern::async::run_tasks(blinky(), other());   // never returns
//
// run_tasks runs inside the kernel task that calls it: beside ordinary tasks, or alone
// (the only task created before tern::start(): "bare metal"). See docs/async.md.
#pragma once
#include "tern/async/arena.hpp"
#include "tern/async/coroutine.hpp"

#include <type_traits>

namespace tern::async {

// A never-ending coroutine run by the executor. Created suspended; run_tasks starts it.
// If it ever returns, it just stays finished and is never polled again.
class Task {
  public:
    struct promise_type : FramePromise {
        Task get_return_object() noexcept {
            return Task(std::coroutine_handle<promise_type>::from_promise(*this).address());
        }
        static Task get_return_object_on_allocation_failure() noexcept { return Task(nullptr); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
    };

    Task() = default;  // empty: for arrays filled by assignment
    Task(Task&& o) noexcept : frame_(o.frame_) { o.frame_ = nullptr; }
    Task& operator=(Task&& o) noexcept {
        if (this != &o) {
            reset();
            frame_ = o.frame_;
            o.frame_ = nullptr;
        }
        return *this;
    }
    ~Task() { reset(); }
    // False when the frame did not fit the arena.
    bool valid() const { return frame_ != nullptr; }

    // `co_await` on a Task is a mistake the compiler would report as "no member named
    // await_ready": say what to write instead (issue 22 item 5).
    template <typename Self = Task>
    std::suspend_never operator co_await() const {
        static_assert(sizeof(Self) == 0,
                      "tern::async::Task is a top-level task for run_tasks(), not awaitable: "
                      "make the child return tern::async::Co<T> to co_await it");
        return {};
    }
    void* frame() const { return frame_; }

  private:
    explicit Task(void* frame) : frame_(frame) {}
    void reset() {
        if (frame_ != nullptr) std::coroutine_handle<>::from_address(frame_).destroy();
        frame_ = nullptr;
    }
    void* frame_ = nullptr;
};

// Polls the tasks forever in the calling kernel task. A task whose frame did not fit the
// arena stops the system at once with a message naming the shortfall. The array must stay
// alive (it does: run_tasks never returns).
[[noreturn]] void run_tasks(Task* tasks, size_t count);

// A Co<T> given to run_tasks is the other mistake: it names the type to use.
template <typename T>
class Co;
namespace detail {
template <typename T>
inline constexpr bool is_co = false;
template <typename T>
inline constexpr bool is_co<Co<T>> = true;
}  // namespace detail
template <typename... Tasks>
requires(detail::is_co<std::remove_cvref_t<Tasks>> || ...) void run_tasks(Tasks&&...) {
    static_assert((__is_same(Tasks, Task) && ...),
                  "tern::async::run_tasks() takes tern::async::Task coroutines (declare the "
                  "top-level coroutine as 'tern::async::Task f()'); a Co<T> is a child, "
                  "co_await it from a Task");
}

template <typename... Tasks>
requires(__is_same(Tasks, Task) && ...) [[noreturn]] void run_tasks(Tasks&&... tasks) {
    Task all[] = {static_cast<Tasks&&>(tasks)...};
    run_tasks(all, sizeof...(Tasks));
}

}  // namespace tern::async
