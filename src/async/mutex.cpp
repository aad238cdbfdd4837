// The fair mutex: ownership is handed over in unlock(), so `locked_` stays true while any
// Lock is queued and a newcomer's poll can never take it first.
#include "tern/async/mutex.hpp"

namespace tern::async {

bool Mutex::Lock::poll_fn(Op& o, bool cancel) {
    auto& l = static_cast<Lock&>(o);
    if (cancel) {
        bool holds = l.state_ == granted || l.state_ == owned;
        {
            Masked m;
            l.unlink();
        }
        l.state_ = idle;
        if (holds) l.m_->unlock();  // pass on what we were given but never used
        return false;
    }
    if (l.state_ == granted || !l.m_->locked_) {
        l.m_->locked_ = true;
        l.state_ = owned;
        return true;
    }
    if (!l.linked()) {
        l.m_->waiters_.push_back(l);
        l.state_ = waiting;
    }
    return false;
}

void Mutex::unlock() {
    if (Node* n = waiters_.front()) {
        auto& next = static_cast<Lock&>(*n);
        next.state_ = Lock::granted;
        detail::make_ready(next);
    } else {
        locked_ = false;
    }
}

}  // namespace tern::async
