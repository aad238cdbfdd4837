// Sleeps and the periodic gate: Timed ops over the executor's deadline list.
#include "tern/async/time.hpp"

namespace tern::async {

namespace {
// Shared by both: done when due, otherwise (re)linked into the deadline list.
bool poll_timed(detail::Timed& t, bool cancel) {
    if (cancel || !tick_before(tern::now(), t.deadline)) {
        Masked m;
        t.unlink();
        return !cancel;
    }
    if (!t.linked()) detail::timer_insert(t);
    return false;
}
}  // namespace

bool SleepUntil::poll_fn(Op& o, bool cancel) {
    return poll_timed(static_cast<SleepUntil&>(o), cancel);
}

bool PeriodicGate::Next::poll_fn(Op& o, bool cancel) {
    auto& n = static_cast<Next&>(o);
    n.deadline = n.gate_->next_;
    if (!poll_timed(n, cancel)) return false;
    n.gate_->next_ += n.gate_->period_;
    return true;
}

}  // namespace tern::async
