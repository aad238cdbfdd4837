// A minimal tuple of Ops for the combinators (no <tuple>: some toolchains have no C++
// library). An element is stored by value when the combinator was given a temporary and
// by reference when given a named Op, so a caller can read a named Op's result afterwards.
#pragma once
#include <stddef.h>

#include "tern/async/op.hpp"

namespace tern::async::detail {

template <size_t... I>
struct Indices {};
template <size_t N>
using MakeIndices = Indices<__integer_pack(N)...>;

template <typename T>
struct RemoveRef {
    using type = T;
};
template <typename T>
struct RemoveRef<T&> {
    using type = T;
};
template <typename T>
T&& declval() noexcept;

template <size_t I, typename T>
struct Leaf {
    T v;
};

template <typename Idx, typename... Ts>
struct Pack;

template <size_t... I, typename... Ts>
struct Pack<Indices<I...>, Ts...> : Leaf<I, Ts>... {
    // f(index, op) for every element, in order.
    template <typename F>
    void each(F f) {
        (f(I, static_cast<Op&>(static_cast<Leaf<I, Ts>&>(*this).v)), ...);
    }
};

template <typename... Ts>
using PackOf = Pack<MakeIndices<sizeof...(Ts)>, Ts...>;

}  // namespace tern::async::detail
