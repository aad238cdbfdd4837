// Notify::wait(): an edge. The node is in the Notify's list while waiting; notify() moves
// it to the ready list, so "polled again and no longer linked" means "notified".
#include "tern/async/notify.hpp"

namespace tern::async {

bool Notify::Wait::poll_fn(Op& o, bool cancel) {
    auto& w = static_cast<Wait&>(o);
    Masked m;
    if (cancel) {
        w.unlink();
        w.state_ = 0;
        return false;
    }
    if (w.state_ == 1 && !w.linked()) {
        w.state_ = 0;
        return true;
    }
    if (!w.linked()) {
        w.n_->waiters_.push_back(w);
        w.state_ = 1;
    }
    return false;
}

}  // namespace tern::async
