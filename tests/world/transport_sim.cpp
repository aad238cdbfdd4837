// The transport simulator (see transport_sim.hpp for what it checks).
#include "transport_sim.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <map>
#include <memory>
#include <queue>
#include <vector>

#include "tern/world/transport.hpp"

namespace tern::world::sim {
namespace {

using SimTransport = Transport<8, 200, 8, 16, 40000, 16384>;
using transport::kGiveUpMs;
using transport::kMaxRtoMs;

// Short faults stay well under the give-up time (no loss allowed); long ones well over it.
constexpr Millis kShortFaultMaxMs = 10000;
constexpr Millis kLongFaultMinMs = 150000;
constexpr Millis kGraceMs = 2 * kMaxRtoMs + 1000;
constexpr Millis kDrainMs = 20 * 60 * 1000;

struct Rng {
    std::uint64_t s;
    std::uint64_t next() {  // splitmix64
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
    bool chance(double p) { return double(next() >> 11) * 0x1p-53 < p; }
};

std::uint8_t content(std::uint32_t index, std::uint32_t at) {
    return std::uint8_t(index * 131 + at * 7 + (at >> 9));
}

struct Message {
    int src, dst;
    std::uint32_t life;  // the sender's life (its reset count) when sent
    std::uint32_t id;
    std::uint32_t length;
    Millis sent_at;
    Millis resolved_at = 0;
    enum { pending, acked, lost, vanished } state = pending;
    LossReason why = LossReason::timeout;
    int delivered = 0;
};

struct Packet {
    Millis at;
    std::uint64_t order;  // ties in arrival time keep the order they were scheduled in
    int src, dst;
    std::vector<std::uint8_t> bytes;
    bool operator>(const Packet& o) const { return at != o.at ? at > o.at : order > o.order; }
};

struct Interval {
    Millis from, to;
    std::uint32_t side;  // partition: the nodes in this mask cannot reach the others
    bool long_one() const { return to - from >= kLongFaultMinMs; }
};

struct Plan {  // an application send
    Millis at;
    int src, dst;
    std::uint32_t length;
};

class World;

struct Node final : TransportSink {
    World* world = nullptr;
    int index = 0;
    std::uint32_t life = 0;
    std::unique_ptr<SimTransport> t;
    void packet(NodeId dst, std::span<const std::uint8_t> bytes) override;
    void delivered(NodeId src, std::span<const std::uint8_t> message) override;
    void acked(NodeId dst, std::uint32_t id) override;
    void lost(NodeId dst, std::uint32_t id, LossReason why) override;
    void peer_reset(NodeId, Incarnation) override {}
};

class World {
  public:
    World(std::uint64_t seed, const Options& o) : rng_{seed * 0x2545F4914F6CDD1Dull + 1} {
        n_ = 2 + int(rng_.below(o.max_nodes - 1));
        stats_.nodes = std::uint32_t(n_);
        nodes_.resize(std::size_t(n_));
        for (int i = 0; i < n_; ++i) {
            nodes_[std::size_t(i)].world = this;
            nodes_[std::size_t(i)].index = i;
            boot(i);
        }
        Millis traffic_end = 30000 + rng_.below(200000);
        if (o.faults) {
            // A mix from gentle to hostile; most schedules have some of everything.
            drop_ = double(rng_.below(16)) / 100;
            duplicate_ = double(rng_.below(6)) / 100;
            corrupt_ = double(rng_.below(4)) / 100;
            jitter_ = rng_.below(80);
            int partitions = int(rng_.below(4));
            for (int k = 0; k < partitions; ++k) {
                Millis from = rng_.below(traffic_end);
                bool long_one = rng_.chance(0.3);
                Millis len = long_one ? kLongFaultMinMs + rng_.below(100000)
                                      : 100 + rng_.below(kShortFaultMaxMs - 100);
                std::uint32_t side = 0;
                while (side == 0 || side == (1u << n_) - 1) side = std::uint32_t(rng_.below(1u << n_));
                partitions_.push_back({from, from + len, side});
                if (long_one) ++stats_.long_partitions;
            }
            int resets = int(rng_.below(3));
            for (int k = 0; k < resets; ++k) {
                Millis from = rng_.below(traffic_end);
                Millis len = rng_.chance(0.25) ? kLongFaultMinMs + rng_.below(60000)
                                               : rng_.below(kShortFaultMaxMs);
                downs_.push_back({from, from + len, 1u << rng_.below(std::uint64_t(n_))});
            }
            std::sort(downs_.begin(), downs_.end(),
                      [](const Interval& a, const Interval& b) { return a.from < b.from; });
        }
        base_delay_ = 1 + rng_.below(30);
        int count = 1 + int(rng_.below(o.max_messages));
        for (int k = 0; k < count; ++k) {
            int src = int(rng_.below(std::uint64_t(n_)));
            int dst = int(rng_.below(std::uint64_t(n_ - 1)));
            if (dst >= src) ++dst;
            std::uint64_t kind = rng_.below(100);
            std::uint32_t length = kind < 70   ? 4 + std::uint32_t(rng_.below(150))
                                   : kind < 95 ? 4 + std::uint32_t(rng_.below(2000))
                                               : 4 + std::uint32_t(rng_.below(16384 - 4 + 1));
            plans_.push_back({rng_.below(traffic_end), src, dst, length});
        }
        std::sort(plans_.begin(), plans_.end(), [](const Plan& a, const Plan& b) { return a.at < b.at; });
        end_of_faults_ = traffic_end;
        for (auto& p : partitions_) end_of_faults_ = std::max(end_of_faults_, p.to);
        for (auto& d : downs_) end_of_faults_ = std::max(end_of_faults_, d.to);
    }

    Result run() {
        std::size_t next_plan = 0, next_down = 0;
        std::vector<std::pair<Millis, int>> ups;  // (time, node) a down node boots again
        Millis limit = end_of_faults_ + kDrainMs;
        while (ok_) {
            // The next instant anything happens.
            Millis next = kNever;
            if (!wire_.empty()) next = wire_.top().at;
            if (next_plan < plans_.size()) next = std::min(next, plans_[next_plan].at);
            if (next_down < downs_.size()) next = std::min(next, downs_[next_down].from);
            for (auto& u : ups) next = std::min(next, u.first);
            for (auto& node : nodes_)
                if (node.t) next = std::min(next, std::max(now_, node.t->next_deadline()));
            if (next == kNever) break;
            if (next > limit) break;
            now_ = std::max(now_, next);

            while (!wire_.empty() && wire_.top().at <= now_) {
                Packet p = wire_.top();
                wire_.pop();
                Node& to = nodes_[std::size_t(p.dst)];
                if (to.t && !down(p.dst)) to.t->on_packet(now_, NodeId(p.src + 1), p.bytes, to);
                if (!ok_) break;
            }
            while (next_down < downs_.size() && downs_[next_down].from <= now_) {
                int i = std::countr_zero(downs_[next_down].side);
                crash(i);
                ups.push_back({downs_[next_down].to, i});
                ++next_down;
            }
            for (auto it = ups.begin(); it != ups.end();) {
                if (it->first <= now_) {  // (a later down time boots it when it ends)
                    if (!down_at(it->second, now_)) boot(it->second);
                    it = ups.erase(it);
                } else {
                    ++it;
                }
            }
            while (next_plan < plans_.size() && plans_[next_plan].at <= now_) {
                Plan& pl = plans_[next_plan];
                Node& from = nodes_[std::size_t(pl.src)];
                if (!from.t) {  // the application is down with its node
                    ++next_plan;
                    continue;
                }
                std::vector<std::uint8_t> body(pl.length);
                std::uint32_t index = std::uint32_t(messages_.size());
                for (std::uint32_t i = 0; i < pl.length; ++i) body[i] = content(index, i);
                for (int i = 0; i < 4; ++i) body[std::size_t(i)] = std::uint8_t(index >> (8 * i));
                SendResult r = from.t->send(now_, NodeId(pl.dst + 1), body);
                if (!r.ok()) {
                    if (r.error != SendError::queue_full) fail("send refused: error %d", int(r.error));
                    pl.at = now_ + 50;  // the application tries again
                    std::stable_sort(plans_.begin() + std::ptrdiff_t(next_plan), plans_.end(),
                                     [](const Plan& a, const Plan& b) { return a.at < b.at; });
                    continue;
                }
                messages_.push_back({pl.src, pl.dst, from.life, r.id, pl.length, now_});
                by_id_[key(pl.src, from.life, r.id)] = index;
                ++next_plan;
            }
            for (auto& node : nodes_)
                if (node.t && node.t->next_deadline() <= now_) node.t->poll(now_, node);
        }
        if (ok_) check_end();
        stats_.messages = std::uint32_t(messages_.size());
        stats_.virtual_ms = now_;
        Result r;
        r.ok = ok_;
        r.failure = failure_;
        r.stats = stats_;
        return r;
    }

    // Sink events, from Node.
    void on_wire(int src, NodeId dst, std::span<const std::uint8_t> bytes) {
        ++stats_.packets;
        int d = int(dst) - 1;
        if (d < 0 || d >= n_ || d == src) return fail("packet to node id %u", unsigned(dst));
        if (separated(src, d, now_)) return;
        int copies = rng_.chance(duplicate_) ? 2 : 1;
        for (int c = 0; c < copies; ++c) {
            if (rng_.chance(drop_) || rng_.chance(corrupt_)) continue;
            Millis at = now_ + base_delay_ + rng_.below(jitter_ + 1);
            wire_.push({at, order_++, src, d, {bytes.begin(), bytes.end()}});
        }
    }
    void on_delivered(int at, NodeId src, std::span<const std::uint8_t> m) {
        int s = int(src) - 1;
        if (m.size() < 4) return fail("node %d: a %zu-byte message", at, m.size());
        std::uint32_t index = m[0] | std::uint32_t(m[1]) << 8 | std::uint32_t(m[2]) << 16 |
                              std::uint32_t(m[3]) << 24;
        if (index >= messages_.size()) return fail("node %d: unknown message %u", at, index);
        Message& msg = messages_[index];
        if (msg.src != s || msg.dst != at)
            return fail("message %u (%d->%d) delivered at %d from %d", index, msg.src, msg.dst, at, s);
        if (m.size() != msg.length) return fail("message %u: %zu bytes, sent %u", index, m.size(), msg.length);
        for (std::uint32_t i = 4; i < msg.length; ++i)
            if (m[i] != content(index, i)) return fail("message %u: byte %u differs", index, i);
        if (++msg.delivered > 1) return fail("message %u delivered twice", index);
        auto& last = last_delivered_[{s, at}];
        if (last != 0 && index < last - 1)
            return fail("message %u (%d->%d) delivered after message %u", index, s, at, last - 1);
        last = index + 1;
        stats_.bytes_delivered += m.size();
    }
    void on_outcome(int at, NodeId dst, std::uint32_t id, bool acked, LossReason why) {
        auto it = by_id_.find(key(at, nodes_[std::size_t(at)].life, id));
        if (it == by_id_.end()) return fail("node %d: outcome for unknown id %u", at, id);
        Message& msg = messages_[it->second];
        if (msg.dst != int(dst) - 1) return fail("message %u: outcome names the wrong peer", it->second);
        if (msg.state != Message::pending) return fail("message %u: a second outcome", it->second);
        msg.state = acked ? Message::acked : Message::lost;
        msg.why = why;
        msg.resolved_at = now_;
        if (acked && msg.delivered != 1) return fail("message %u acked, delivered %d times", it->second, msg.delivered);
    }

  private:
    static std::uint64_t key(int node, std::uint32_t life, std::uint32_t id) {
        return std::uint64_t(node) << 48 | std::uint64_t(life) << 32 | id;
    }
    bool down(int i) const { return !nodes_[std::size_t(i)].t; }
    bool down_at(int i, Millis t) const {
        for (auto& d : downs_)
            if ((d.side >> i & 1) && d.from <= t && t < d.to) return true;
        return false;
    }
    bool separated(int a, int b, Millis t) const {
        for (auto& p : partitions_)
            if (p.from <= t && t < p.to && ((p.side >> a) & 1) != ((p.side >> b) & 1)) return true;
        return false;
    }
    void boot(int i) {
        Node& node = nodes_[std::size_t(i)];
        if (node.t) return;
        ++node.life;
        // A larger incarnation at each boot, from a per-node base.
        node.t = std::make_unique<SimTransport>(Incarnation(1000 * (i + 1) + node.life));
    }
    void crash(int i) {
        Node& node = nodes_[std::size_t(i)];
        if (!node.t) return;
        node.t.reset();
        ++stats_.resets;
        resets_.push_back({now_, i});
        for (auto& m : messages_)
            if (m.src == i && m.state == Message::pending) m.state = Message::vanished, m.resolved_at = now_;
    }
    // A loss needs a reason: the receiver reset, or a long fault between the two while the
    // message was pending (or shortly before it was sent: the give-up may fire just after).
    bool loss_explained(const Message& m) const {
        for (auto& r : resets_)
            if (r.second == m.dst && r.first <= m.resolved_at) return true;
        Millis from = m.sent_at > kGraceMs ? m.sent_at - kGraceMs : 0;
        auto overlaps = [&](const Interval& i) { return i.from <= m.resolved_at && from < i.to; };
        for (auto& p : partitions_)
            if (p.long_one() && overlaps(p) && ((p.side >> m.src) & 1) != ((p.side >> m.dst) & 1))
                return true;
        for (auto& d : downs_)
            if (d.long_one() && overlaps(d) && ((d.side >> m.dst) & 1)) return true;
        return false;
    }
    void check_end() {
        for (std::size_t i = 0; i < messages_.size() && ok_; ++i) {
            const Message& m = messages_[i];
            switch (m.state) {
                case Message::pending:
                    fail("message %zu (%d->%d, %u bytes, sent at %llu) never resolved", i, m.src,
                         m.dst, m.length, (unsigned long long)m.sent_at);
                    break;
                case Message::acked: ++stats_.acked; break;
                case Message::vanished: ++stats_.vanished; break;
                case Message::lost:
                    if (m.why == LossReason::timeout) ++stats_.lost_timeout; else ++stats_.lost_reset;
                    if (m.delivered) ++stats_.lost_but_delivered;
                    if (!loss_explained(m))
                        fail("message %zu (%d->%d, %u bytes, sent at %llu) lost at %llu (%s) with "
                             "no reset or long fault", i, m.src, m.dst, m.length,
                             (unsigned long long)m.sent_at, (unsigned long long)m.resolved_at,
                             m.why == LossReason::timeout ? "timeout" : "peer reset");
                    break;
            }
        }
    }
    template <typename... A>
    void fail(const char* fmt, A... args) {
        if (!ok_) return;
        ok_ = false;
        char buf[256];
        int n = std::snprintf(buf, sizeof buf, "t=%llu: ", (unsigned long long)now_);
        std::snprintf(buf + n, sizeof buf - std::size_t(n), fmt, args...);
        failure_ = buf;
    }

    Rng rng_;
    int n_ = 0;
    std::vector<Node> nodes_;
    std::vector<Plan> plans_;
    std::vector<Interval> partitions_, downs_;
    std::vector<std::pair<Millis, int>> resets_;
    std::vector<Message> messages_;
    std::map<std::uint64_t, std::uint32_t> by_id_;
    std::map<std::pair<int, int>, std::uint32_t> last_delivered_;  // index + 1
    std::priority_queue<Packet, std::vector<Packet>, std::greater<Packet>> wire_;
    std::uint64_t order_ = 0;
    double drop_ = 0, duplicate_ = 0, corrupt_ = 0;
    Millis jitter_ = 0, base_delay_ = 1;
    Millis now_ = 0, end_of_faults_ = 0;
    bool ok_ = true;
    std::string failure_;
    Stats stats_;
};

void Node::packet(NodeId dst, std::span<const std::uint8_t> b) { world->on_wire(index, dst, b); }
void Node::delivered(NodeId src, std::span<const std::uint8_t> m) { world->on_delivered(index, src, m); }
void Node::acked(NodeId dst, std::uint32_t id) { world->on_outcome(index, dst, id, true, LossReason::timeout); }
void Node::lost(NodeId dst, std::uint32_t id, LossReason why) { world->on_outcome(index, dst, id, false, why); }

}  // namespace

Result run_schedule(std::uint64_t seed, const Options& options) {
    auto world = std::make_unique<World>(seed, options);
    return world->run();
}

}  // namespace tern::world::sim
