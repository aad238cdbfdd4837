// <coroutine>, or the minimal part of it tern::async needs where the toolchain has no C++
// standard headers (riscv64-unknown-elf with picolibc ships none). GCC lowers coroutines
// onto its __builtin_coro_* builtins and only needs std::coroutine_traits and
// std::coroutine_handle to exist; this is a fresh, minimal definition of both plus the two
// trivial awaitables, enough for GCC's lowering and for this library.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
#else
#include <stddef.h>

namespace std {

// GCC finds the promise type through coroutine_traits<Return, Args...>::promise_type.
template <typename R, typename... Args>
struct coroutine_traits {
    using promise_type = typename R::promise_type;
};

template <typename Promise = void>
struct coroutine_handle;

template <>
struct coroutine_handle<void> {
    constexpr coroutine_handle() noexcept = default;
    constexpr coroutine_handle(decltype(nullptr)) noexcept {}
    static constexpr coroutine_handle from_address(void* a) noexcept {
        coroutine_handle h;
        h.frame_ = a;
        return h;
    }
    constexpr void* address() const noexcept { return frame_; }
    constexpr explicit operator bool() const noexcept { return frame_ != nullptr; }
    bool done() const noexcept { return __builtin_coro_done(frame_); }
    void operator()() const { resume(); }
    void resume() const { __builtin_coro_resume(frame_); }
    void destroy() const { __builtin_coro_destroy(frame_); }

  protected:
    void* frame_ = nullptr;
};

template <typename Promise>
struct coroutine_handle : coroutine_handle<void> {
    constexpr coroutine_handle() noexcept = default;
    constexpr coroutine_handle(decltype(nullptr)) noexcept {}
    static constexpr coroutine_handle from_address(void* a) noexcept {
        coroutine_handle h;
        h.frame_ = a;
        return h;
    }
    // The promise sits inside the frame at an offset only the compiler knows.
    static coroutine_handle from_promise(Promise& p) noexcept {
        return from_address(__builtin_coro_promise(&p, alignof(Promise), true));
    }
    Promise& promise() const {
        return *static_cast<Promise*>(__builtin_coro_promise(frame_, alignof(Promise), false));
    }
};

inline bool operator==(coroutine_handle<> a, coroutine_handle<> b) noexcept {
    return a.address() == b.address();
}

struct suspend_always {
    constexpr bool await_ready() const noexcept { return false; }
    constexpr void await_suspend(coroutine_handle<>) const noexcept {}
    constexpr void await_resume() const noexcept {}
};

struct suspend_never {
    constexpr bool await_ready() const noexcept { return true; }
    constexpr void await_suspend(coroutine_handle<>) const noexcept {}
    constexpr void await_resume() const noexcept {}
};

}  // namespace std
#endif
