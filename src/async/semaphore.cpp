// The async semaphore: a release with waiters grants the permit to the first one directly.
#include "tern/async/semaphore.hpp"

namespace tern::async {

bool Semaphore::Acquire::poll_fn(Op& o, bool cancel) {
    auto& a = static_cast<Acquire&>(o);
    if (cancel) {
        bool held = a.state_ == granted;
        {
            Masked m;
            a.unlink();
        }
        a.state_ = idle;
        if (held) a.s_->release();  // give back a permit we never used
        return false;
    }
    if (a.state_ == granted) {
        a.state_ = idle;
        return true;
    }
    if (!a.linked() && a.s_->try_acquire()) return true;
    if (!a.linked()) {
        a.s_->waiters_.push_back(a);
        a.state_ = waiting;
    }
    return false;
}

bool Semaphore::try_acquire() {
    if (count_ == 0 || !waiters_.empty()) return false;
    --count_;
    return true;
}

void Semaphore::release() {
    if (Node* n = waiters_.front()) {
        auto& a = static_cast<Acquire&>(*n);
        a.state_ = Acquire::granted;
        detail::make_ready(a);
    } else {
        ++count_;
    }
}

}  // namespace tern::async
