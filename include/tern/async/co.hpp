// Co<T>: a child coroutine, awaited like any operation (`T v = co_await read_sensor();`) and
// usable inside select/join/with_timeout. Its frame comes from the arena when it is called
// and goes back when the Co is destroyed.
//
// A child starts at its first poll and runs on until it first suspends. When it finishes
// after suspending, its final suspend puts the awaiting Op on the ready list instead of
// resuming the parent directly: the stack stays flat, with no reliance on symmetric
// transfer being a tail call (it is not on every GCC target).
//
// Cancel safety: cancelling a Co destroys its frame, which cancels the operation it was
// suspended in (per that operation's statement) and runs its locals' destructors. So a Co
// is as cancel-safe as the code in it; a cancelled Co cannot be resumed (await a new one).
#pragma once
#include "tern/async/arena.hpp"
#include "tern/async/op.hpp"

namespace tern::async {

namespace detail {
template <typename T>
struct CoResult {
    T value{};
    void return_value(T v) { value = static_cast<T&&>(v); }
    T take() { return static_cast<T&&>(value); }
};
template <>
struct CoResult<void> {
    void return_void() {}
    void take() {}
};
}  // namespace detail

template <typename T = void>
class Co : public Op {
  public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    struct promise_type : FramePromise, detail::CoResult<T> {
        Op* owner = nullptr;
        Co get_return_object() noexcept { return Co(Handle::from_promise(*this)); }
        static Co get_return_object_on_allocation_failure() noexcept { return Co(Handle()); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct Final {
            bool await_ready() noexcept { return false; }
            void await_suspend(Handle h) noexcept {
                Op* o = h.promise().owner;
                if (o != nullptr && o->state_ == waiting) detail::make_ready(*o);
            }
            void await_resume() noexcept {}
        };
        Final final_suspend() noexcept { return {}; }
    };

    Co(Co&& o) noexcept : Op(o), h_(o.h_) { o.h_ = Handle(); }
    Co& operator=(Co&&) = delete;
    ~Co() { poll_fn(*this, true); }

    T await_resume() { return h_.promise().take(); }
    bool valid() const { return static_cast<bool>(h_); }

  private:
    enum : uint8_t { fresh = 0, waiting = 1, running = 2 };
    explicit Co(Handle h) : Op(&poll_fn), h_(h) {}

    static bool poll_fn(Op& o, bool cancel) {
        auto& c = static_cast<Co&>(o);
        if (cancel) {
            {
                Masked m;
                c.unlink();
            }
            if (c.h_) c.h_.destroy();  // unlinks whatever the child waits in
            c.h_ = Handle();
            return false;
        }
        if (!c.h_) detail::fatal("a Co frame does not fit TERN_ASYNC_ARENA_BYTES; Co #", 0);
        if (c.state_ == fresh) {
            c.state_ = running;
            c.h_.promise().owner = &c;
            c.h_.resume();
        }
        if (c.h_.done()) return true;
        c.state_ = waiting;
        return false;
    }

    Handle h_;
};

}  // namespace tern::async
