// yield_now(): lets every other ready operation run once before this coroutine continues.
// Cancel safety: strictly cancel-safe (it consumes nothing).
#pragma once
#include "tern/async/op.hpp"

namespace tern::async {

class Yield : public Op {
  public:
    Yield() : Op(&poll_fn) {}
    void await_resume() {}

  private:
    // First poll: queue ourselves behind whatever is ready. Second poll: done.
    static bool poll_fn(Op& o, bool cancel) {
        if (cancel) {
            Masked m;
            o.unlink();
            o.state_ = 0;
            return false;
        }
        if (o.state_ == 1 && !o.linked()) {
            o.state_ = 0;
            return true;
        }
        o.state_ = 1;
        detail::make_ready(o);
        return false;
    }
};

inline Yield yield_now() {
    return Yield();
}

}  // namespace tern::async
