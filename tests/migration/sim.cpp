// The deterministic migration simulator (sim.hpp).
#include "sim.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/snapshot.hpp"

namespace tern::migration::sim {

namespace {

constexpr std::uint32_t kStack = 1024;  // VM stack every corpus program is compiled for

std::string read_text(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Runs a program once, never moved: its reference output and instruction count.
struct ReferenceHost final : ccbpf::Host {
    std::string out;
    std::uint32_t clock = 0;  // advanced past each sleep
    void write(const char* b, std::size_t n) override { out.append(b, n); }
    std::uint32_t now_ms() override { return clock; }
    std::uint32_t node_id() override { return 0; }
    const char* node_name() override { return "sim"; }
};

bool run_reference(Program* p, std::string* error) {
    ccbpf::ImageView view{};
    char why[160];
    if (!ccbpf::image_parse(p->image.data(), p->image.size, &view, why, sizeof why)) {
        *error = why;
        return false;
    }
    std::vector<std::uint8_t> memory(view.mem_size);
    ReferenceHost host;
    auto vm = std::make_unique<ccbpf::Vm>();
    if (!vm->load(p->image.data(), p->image.size, memory.data(), memory.size(), &host, why,
                  sizeof why)) {
        *error = why;
        return false;
    }
    p->instructions = 0;
    for (;;) {
        ccbpf::Status s = vm->run(100000);
        p->instructions += vm->last_run_instructions();
        if (s == ccbpf::Status::Halted) break;
        if (s == ccbpf::Status::Sleeping) {
            host.clock += vm->sleep_remaining_ms();
            continue;
        }
        if (s == ccbpf::Status::Migrate) continue;  // a run that never moves goes on
        if (s != ccbpf::Status::Slice && s != ccbpf::Status::Yielded) {
            *error = "reference run did not halt cleanly";
            return false;
        }
    }
    p->reference = host.out;
    return true;
}

}  // namespace

bool compile_program(const std::string& name, const std::string& source, Program* out,
                     std::string* error) {
    out->name = name;
    if (!ccbpf::hosttool::compile_source(name + ".c", source, kStack, &out->image, error))
        return false;
    return run_reference(out, error);
}

const std::vector<Program>& corpus() {
    static const std::vector<Program> programs = [] {
        std::vector<Program> v;
        const std::string mig = MIGRATION_TEST_DIR "/programs/";
        const std::string conf = CCBPF_CONFORMANCE_DIR "/";
        const std::pair<std::string, std::string> files[] = {
            {"counter", mig + "counter.c"},         {"collatz", conf + "collatz.c"},
            {"hanoi", conf + "hanoi.c"},            {"fib", conf + "fib_recursive.c"},
            {"sieve", conf + "sieve.c"},            {"gcd", conf + "gcd_lcm.c"},
            {"mutual", conf + "mutual_recursion.c"}, {"bubble", conf + "bubble_sort.c"},
            {"sleeper", mig + "sleeper.c"},         {"traveller", mig + "traveller.c"},
        };
        for (const auto& [name, path] : files) {
            Program p;
            std::string error;
            if (!compile_program(name, read_text(path), &p, &error)) {
                std::fprintf(stderr, "sim corpus: %s: %s\n", path.c_str(), error.c_str());
                std::abort();
            }
            v.push_back(std::move(p));
        }
        return v;
    }();
    return programs;
}

const Program* find_program(const std::string& name) {
    for (const Program& p : corpus())
        if (p.name == name) return &p;
    return nullptr;
}

// ---- CopyHost / Node ----------------------------------------------------------------

void CopyHost::write(const char* bytes, std::size_t n) { world->note_output(program, bytes, n); }
std::uint32_t CopyHost::now_ms() { return std::uint32_t(world->now()); }

Node::Node(World& world, NodeId id, Incarnation incarnation, const Config& base)
    : world_(world), id_(id), incarnation_(incarnation), base_(base) {
    Config c = base_;
    c.self = id_;
    c.incarnation = incarnation_;
    migrator_ = std::make_unique<Migrator>(c, *this, *this, *this);
}

void Node::reset(Incarnation incarnation) {
    incarnation_ = incarnation;
    copies_.clear();
    image_cache_.clear();
    Config c = base_;
    c.self = id_;
    c.incarnation = incarnation_;
    migrator_ = std::make_unique<Migrator>(c, *this, *this, *this);
}

Copy* Node::copy(const std::string& name) {
    for (auto& c : copies_)
        if (c->name == name) return c.get();
    return nullptr;
}

namespace {
std::unique_ptr<Copy> make_copy(World& world, const std::string& name, const std::uint8_t* image,
                                std::size_t size, std::string* why_out) {
    auto c = std::make_unique<Copy>();
    c->name = name;
    c->host.world = &world;
    c->host.program = name;
    c->image.resize(size);
    std::memcpy(c->image.data(), image, size);
    ccbpf::ImageView view{};
    char why[160];
    if (!ccbpf::image_parse(c->image.data(), size, &view, why, sizeof why)) {
        *why_out = why;
        return nullptr;
    }
    c->memory.assign(view.mem_size, 0);
    c->vm = std::make_unique<ccbpf::Vm>();
    if (!c->vm->load(c->image.data(), size, c->memory.data(), c->memory.size(), &c->host, why,
                     sizeof why)) {
        *why_out = why;
        return nullptr;
    }
    return c;
}
}  // namespace

bool Node::launch(const Program& p) {
    std::string why;
    auto c = make_copy(world_, p.name, p.image.data(), p.image.size, &why);
    if (!c) return false;
    c->state = Copy::State::running;
    image_cache_[c->vm->image().hash] = c->image;
    copies_.push_back(std::move(c));
    return true;
}

bool Node::pause(const char* name) {
    Copy* c = copy(name);
    if (c == nullptr || (c->state != Copy::State::running && c->state != Copy::State::paused))
        return false;
    c->state = Copy::State::paused;
    return true;
}

void Node::resume(const char* name) {
    Copy* c = copy(name);
    if (c != nullptr && c->state == Copy::State::paused) c->state = Copy::State::running;
}

bool Node::image(const char* name, std::span<const std::uint8_t>* out) {
    Copy* c = copy(name);
    if (c == nullptr) return false;
    *out = std::span<const std::uint8_t>(c->image.data(), c->image.size);
    return true;
}

std::size_t Node::snapshot(const char* name, std::span<std::uint8_t> out) {
    Copy* c = copy(name);
    if (c == nullptr) return 0;
    std::vector<std::uint8_t> v(ccbpf::snapshot_size(*c->vm));
    std::size_t n = ccbpf::snapshot_save(*c->vm, v.data(), v.size());
    v.resize(n);
    if (mangle_snapshot) mangle_snapshot(v);
    if (v.empty() || v.size() > out.size()) return 0;
    std::memcpy(out.data(), v.data(), v.size());
    return v.size();
}

Reason Node::restore_paused(const char* name, std::span<const std::uint8_t> image,
                            std::span<const std::uint8_t> snapshot) {
    if (name_taken(name)) return Reason::name_taken;
    if (copies_.size() >= max_copies) return Reason::memory;
    std::string why;
    auto c = make_copy(world_, name, image.data(), image.size(), &why);
    if (!c) return Reason::image_rejected;
    char buf[160];
    if (!ccbpf::snapshot_restore(*c->vm, snapshot.data(), snapshot.size(), buf, sizeof buf))
        return Reason::snapshot_rejected;
    c->state = Copy::State::paused;
    image_cache_[c->vm->image().hash] = c->image;
    copies_.push_back(std::move(c));
    return Reason::none;
}

void Node::drop(const char* name) {
    for (auto it = copies_.begin(); it != copies_.end(); ++it)
        if ((*it)->name == name) {
            copies_.erase(it);
            return;
        }
}

bool Node::name_taken(const char* name) { return copy(name) != nullptr; }

bool Node::cached_image(std::uint64_t hash, std::span<const std::uint8_t>* out) {
    auto it = image_cache_.find(hash);
    if (it == image_cache_.end()) return false;
    *out = std::span<const std::uint8_t>(it->second.data(), it->second.size);
    return true;
}

std::uint32_t Node::free_memory() { return copies_.size() < max_copies ? memory_limit : 0; }

void Node::send(NodeId to, std::span<const std::uint8_t> bytes) {
    world_.transmit(id_, to, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

void Node::on_event(const Event& e) {
    // A loss report must be true: no copy of the program may live on anywhere. (A program
    // that finished before its owner reset is reported lost too: nobody can tell.)
    if (e.kind == Event::Kind::lost)
        for (int i = 1; i <= world_.node_count(); i++)
            if (world_.may_run(NodeId(i), e.program))
                world_.violations.push_back(std::string(e.program) + " reported lost by node " +
                                            std::to_string(id_) + " but lives on node " +
                                            std::to_string(i));
    if (world_.trace)
        std::fprintf(stderr, "%6llu  node %u: %s %s %s (%u -> %u) %s\n",
                     (unsigned long long)world_.now(), id_,
                     e.role == Role::source ? "source" : "destination",
                     e.kind == Event::Kind::moved ? "moved" : e.kind == Event::Kind::failed ? "failed" : "LOST",
                     e.program, e.source, e.destination, reason_text(e.reason));
    world_.events.push_back(LoggedEvent{world_.now(), id_, e.kind, e.role, e.program, e.source,
                                        e.destination, e.reason, e.image_cached, e.image_bytes,
                                        e.snapshot_bytes});
}

// ---- World --------------------------------------------------------------------------

World::World(std::uint64_t seed, int nodes, const Config& base) : rng_(seed) {
    for (int i = 0; i < nodes; i++)
        nodes_.push_back(std::make_unique<Node>(*this, NodeId(i + 1), Incarnation(1), base));
}

void World::launch(NodeId where, const Program& p) {
    launched[p.name] = &p;
    output_[p.name].clear();
    executed_[p.name] = 0;
    if (!node(where).launch(p)) violations.push_back("launch failed: " + p.name);
}

void World::note_output(const std::string& program, const char* bytes, std::size_t n) {
    std::string& out = output_[program];
    out.append(bytes, n);
    auto it = launched.find(program);
    if (it != launched.end()) {
        const std::string& ref = it->second->reference;
        if (out.size() > ref.size() || ref.compare(0, out.size(), out) != 0)
            violations.push_back("output of " + program + " departs from its reference at byte " +
                                 std::to_string(out.size() - n));
    }
}

namespace {
bool cut(const std::vector<int>& partition, NodeId a, NodeId b) {
    if (partition.empty()) return false;
    return partition[a - 1] != partition[b - 1];
}
}  // namespace

void World::transmit(NodeId from, NodeId to, std::vector<std::uint8_t> bytes) {
    sent++;
    bytes_on_wire += bytes.size();
    if (to == 0 || to > nodes_.size()) {
        dropped++;
        return;
    }
    if (tamper) tamper(bytes);
    if (manual) {
        in_flight_.push_back(Message{now_, seq_++, from, to, std::move(bytes)});
        return;
    }
    std::uniform_real_distribution<double> u(0, 1);
    if (cut(partition, from, to) || u(rng_) < faults.drop) {
        dropped++;
        return;
    }
    int copies = u(rng_) < faults.duplicate ? 2 : 1;
    if (copies == 2) duplicated++;
    for (int i = 0; i < copies; i++) {
        std::vector<std::uint8_t> b = bytes;
        if (u(rng_) < faults.corrupt) {
            corrupted++;
            int flips = 1 + int(rng_() % 3);
            for (int f = 0; f < flips; f++) b[rng_() % b.size()] ^= std::uint8_t(1u << (rng_() % 8));
        }
        Millis lat = faults.latency_min + rng_() % (faults.latency_max - faults.latency_min + 1);
        if (faults.delay_max > 0 && u(rng_) < faults.delay) lat += rng_() % (faults.delay_max + 1);
        in_flight_.push_back(Message{now_ + lat, seq_++, from, to, std::move(b)});
    }
}

void World::deliver(const Message& m) {
    delivered++;
    if (trace) {
        tern::migration::Message d;
        DecodeError e = decode(m.bytes, d);
        if (e == DecodeError::none)
            std::fprintf(stderr, "%6llu  %u -> %u  %s id %u inc %u->%u%s\n", (unsigned long long)now_,
                         m.from, m.to, type_name(d.header.type), d.header.id,
                         d.header.sender_incarnation, d.header.receiver_incarnation,
                         d.header.type == Type::unknown ? type_name(d.echoed.type) : "");
        else
            std::fprintf(stderr, "%6llu  %u -> %u  rejected: %s\n", (unsigned long long)now_, m.from,
                         m.to, decode_error_text(e));
    }
    node(m.to).migrator().on_message(now_, m.from, m.bytes);
}

void World::deliver_due() {
    for (;;) {
        auto best = in_flight_.end();
        for (auto it = in_flight_.begin(); it != in_flight_.end(); ++it)
            if (it->at <= now_ && (best == in_flight_.end() || it->at < best->at ||
                                   (it->at == best->at && it->seq < best->seq)))
                best = it;
        if (best == in_flight_.end()) return;
        Message m = std::move(*best);
        in_flight_.erase(best);
        if (cut(partition, m.from, m.to)) {
            dropped++;
            continue;
        }
        deliver(m);
    }
}

// A copy that runs or may run again: a source's paused copy after commit never will.
bool World::may_run(NodeId id, const std::string& program) {
    Copy* c = node(id).copy(program);
    if (c == nullptr) return false;
    if (c->state == Copy::State::running) return true;
    if (c->state != Copy::State::paused) return false;
    NodeId owner = node(id).migrator().owner_of(program.c_str());
    return owner == 0 || owner == id;
}

void World::check_running() {
    std::map<std::string, int> running;
    for (auto& n : nodes_)
        for (auto& c : n->copies())
            if (c->state == Copy::State::running) running[c->name]++;
    for (auto& [name, count] : running)
        if (count > 1)
            violations.push_back(name + " runs on " + std::to_string(count) + " nodes at " +
                                 std::to_string(now_) + " ms");
}

void World::step(std::uint32_t budget) {
    for (auto& n : nodes_) {
        for (std::size_t i = 0; i < n->copies().size(); i++) {
            Copy* c = n->copies()[i].get();
            if (c->state != Copy::State::running) continue;
            std::uint64_t done = executed_[c->name];
            Plan* next = nullptr;
            for (Plan& p : plans)
                if (!p.done && p.program == c->name &&
                    (next == nullptr || p.at_instruction < next->at_instruction))
                    next = &p;
            std::uint32_t b = budget;
            if (next != nullptr && next->at_instruction > done &&
                next->at_instruction - done < b)
                b = std::uint32_t(next->at_instruction - done);
            if (next == nullptr || next->at_instruction > done) {
                ccbpf::Status s = c->vm->run(b);
                note_executed(c->name, c->vm->last_run_instructions());
                if (s == ccbpf::Status::Halted) {
                    c->state = Copy::State::halted;
                    halted_[c->name] = true;
                    continue;
                }
                if (s == ccbpf::Status::Migrate) {
                    // The program asked to move: "nK" names node K. A move refused at
                    // once (no such node, itself, busy) lets it go on here.
                    const char* to = c->vm->migrate_target();
                    NodeId k = to[0] == 'n' ? NodeId(std::atoi(to + 1)) : 0;
                    if (k >= 1 && k <= nodes_.size() && k != n->id()) {
                        std::string name = c->name;
                        Reason why = n->migrator().start(now_, name.c_str(), k);
                        if (trace)
                            std::fprintf(stderr, "%6llu  node %u: %s asks to go to %u: %s\n",
                                         (unsigned long long)now_, n->id(), name.c_str(), k,
                                         why == Reason::none ? "started" : reason_text(why));
                        if (why == Reason::none && on_start) on_start(n->id(), k);
                        continue;  // the copy may be gone from the table now
                    }
                }
                if (s == ccbpf::Status::Trapped) {
                    c->state = Copy::State::trapped;
                    violations.push_back(c->name + " trapped: " + c->vm->trap_message());
                    continue;
                }
            }
            if (next != nullptr && executed_[c->name] >= next->at_instruction) {
                next->done = true;
                if (next->destination != n->id()) {
                    Reason why = n->migrator().start(now_, c->name.c_str(), next->destination);
                    if (why == Reason::none && on_start) on_start(n->id(), next->destination);
                    start_refusals[std::uint8_t(why)]++;
                    if (why == Reason::busy) {  // a migration of it still settles: later
                        next->done = false;
                        next->at_instruction = executed_[c->name] + 200;
                    }
                    if (trace)
                        std::fprintf(stderr, "%6llu  node %u: start %s -> %u at %llu: %s\n",
                                     (unsigned long long)now_, n->id(), c->name.c_str(),
                                     next->destination, (unsigned long long)executed_[c->name],
                                     why == Reason::none ? "started" : reason_text(why));
                }
            }
        }
    }
    check_running();
    for (auto& n : nodes_)
        if (n->migrator().next_deadline() <= now_) n->migrator().poll(now_);
}

void World::advance(Millis dt) {
    Millis end = now_ + dt;
    while (now_ < end) {
        now_++;
        deliver_due();
        for (auto& n : nodes_)
            if (n->migrator().next_deadline() <= now_) n->migrator().poll(now_);
    }
}

void World::reset_node(NodeId id) {
    resets++;
    // A reset may lose only the programs this node holds a copy of that may run (the
    // source's until it sends commit, the destination's from its ready on: docs/migration.md
    // "The guarantee"). Nothing else may go missing.
    for (auto& [name, prog] : launched)
        if (may_run(id, name)) loss_justified[name] = true;
    Node& n = node(id);
    if (trace) std::fprintf(stderr, "%6llu  node %u RESETS\n", (unsigned long long)now_, id);
    n.reset(n.incarnation() + 1 + Incarnation(rng_() % 3));
}

// ---- schedules ----------------------------------------------------------------------

std::string ScheduleResult::summary() const {
    std::ostringstream s;
    s << nodes << " nodes, " << programs << " programs, " << moves_planned << " moves planned, "
      << moved << " moved, " << failed << " failed, " << lost << " lost, " << resets
      << " resets, " << partitions << " partitions, ended at " << end << " ms";
    return s.str();
}

ScheduleResult run_schedule(std::uint64_t seed) {
    ScheduleResult r;
    std::mt19937_64 plan(seed * 0x9E3779B97F4A7C15ull + 1);
    auto pick = [&](std::uint64_t n) { return n == 0 ? 0 : plan() % n; };
    auto chance = [&](double p) { return double(plan() % 1000000) / 1e6 < p; };
    r.nodes = 3 + int(pick(6));
    World w(seed, r.nodes);
    w.trace = std::getenv("MIGRATION_TRACE") != nullptr;

    if (!chance(0.15)) {
        w.faults.drop = double(pick(30)) / 100;
        w.faults.duplicate = double(pick(20)) / 100;
        w.faults.corrupt = double(pick(10)) / 100;
        w.faults.latency_min = 1 + pick(3);
        w.faults.latency_max = w.faults.latency_min + pick(20);
        w.faults.delay = double(pick(30)) / 100;
        w.faults.delay_max = pick(400);
    }

    const auto& all = corpus();
    std::vector<std::size_t> order(all.size());
    for (std::size_t i = 0; i < order.size(); i++) order[i] = i;
    for (std::size_t i = order.size(); i > 1; i--) std::swap(order[i - 1], order[pick(i)]);
    r.programs = 1 + int(pick(3));
    for (int i = 0; i < r.programs; i++) {
        const Program& p = all[order[std::size_t(i)]];
        w.launch(NodeId(1 + pick(std::uint64_t(r.nodes))), p);
        int moves = 1 + int(pick(4));
        for (int m = 0; m < moves; m++) {
            w.plans.push_back({p.name, pick(p.instructions), NodeId(1 + pick(std::uint64_t(r.nodes)))});
            r.moves_planned++;
        }
    }

    struct Timed {
        Millis at;
        int kind;  // 0 partition on, 1 partition off, 2 reset
        NodeId node;
        std::vector<int> groups;
    };
    std::vector<Timed> timeline;
    int partitions = int(pick(3));
    for (int i = 0; i < partitions; i++) {
        Millis at = pick(3000);
        std::vector<int> groups(std::size_t(r.nodes));
        for (int& g : groups) g = int(pick(2));
        timeline.push_back({at, 0, 0, groups});
        timeline.push_back({at + 100 + pick(5000), 1, 0, {}});
    }
    r.partitions = partitions;
    int resets = chance(0.35) ? 1 + int(pick(2)) : 0;
    for (int i = 0; i < resets; i++)
        timeline.push_back({pick(3000), 2, NodeId(1 + pick(std::uint64_t(r.nodes))), {}});
    auto by_time = [](const Timed& a, const Timed& b) { return a.at < b.at; };
    std::sort(timeline.begin(), timeline.end(), by_time);
    Millis last_fault = timeline.empty() ? 0 : timeline.back().at;
    std::size_t next_timed = 0;

    // Faults aimed at a migration in progress: a reset of its source or its destination,
    // or a partition between them, a little after it starts (so at every step of it).
    const double aim_reset = chance(0.5) ? 0.25 : 0.0;
    const double aim_partition = chance(0.5) ? 0.3 : 0.0;
    auto insert = [&](Timed t) {
        auto at = std::upper_bound(timeline.begin() + long(next_timed), timeline.end(), t, by_time);
        timeline.insert(at, std::move(t));
        last_fault = std::max(last_fault, timeline.back().at);
    };
    w.on_start = [&](NodeId source, NodeId destination) {
        if (chance(aim_reset)) {
            insert({w.now() + pick(400), 2, chance(0.5) ? source : destination, {}});
        }
        if (chance(aim_partition)) {
            std::vector<int> groups(std::size_t(r.nodes), 0);
            groups[destination - 1] = 1;
            Millis at = w.now() + pick(300);
            insert({at, 0, 0, groups});
            insert({at + 100 + pick(8000), 1, 0, {}});
            r.partitions++;
        }
    };

    constexpr std::uint32_t kBudgetPerMs = 200;
    constexpr Millis kGiveUp = 600000;
    for (;;) {
        while (next_timed < timeline.size() && timeline[next_timed].at <= w.now()) {
            Timed& t = timeline[next_timed++];
            if (w.trace) std::fprintf(stderr, "%6llu  partition %s\n", (unsigned long long)w.now(), t.kind == 0 ? "on" : t.kind == 1 ? "off" : "-");
            if (t.kind == 0) w.partition = t.groups;
            else if (t.kind == 1) w.partition.clear();
            else w.reset_node(t.node);
        }
        w.deliver_due();
        w.step(kBudgetPerMs);
        if (!w.violations.empty()) break;

        bool anything_runs = false, anything_left = false;
        for (int i = 1; i <= r.nodes; i++) {
            Node& n = w.node(NodeId(i));
            if (!n.migrator().idle()) anything_left = true;
            for (auto& c : n.copies()) {
                if (c->state == Copy::State::running) anything_runs = true;
                if (c->state == Copy::State::running || c->state == Copy::State::paused)
                    anything_left = true;
            }
        }
        if (!anything_left && w.now() >= last_fault && next_timed == timeline.size()) break;
        if (w.now() > kGiveUp) {
            w.violations.push_back("did not settle by " + std::to_string(kGiveUp) + " ms");
            break;
        }
        // Nothing computes: jump to the next thing that happens.
        Millis next = w.now() + 1;
        if (!anything_runs) {
            Millis t = kNever;
            for (const Message& m : w.queue()) t = std::min(t, m.at);
            for (int i = 1; i <= r.nodes; i++)
                t = std::min(t, w.node(NodeId(i)).migrator().next_deadline());
            if (next_timed < timeline.size()) t = std::min(t, timeline[next_timed].at);
            if (t != kNever && t > next) next = t;
        }
        w.advance_to(next);
    }

    // The guarantee, program by program.
    std::map<std::string, bool> halted, reported_lost;
    for (int i = 1; i <= r.nodes; i++)
        for (auto& c : w.node(NodeId(i)).copies())
            if (c->state == Copy::State::halted) halted[c->name] = true;
    for (const LoggedEvent& e : w.events) {
        if (e.kind == Event::Kind::moved && e.role == Role::source) r.moved++;
        if (e.kind == Event::Kind::failed && e.role == Role::source) r.failed++;
        if (e.kind == Event::Kind::lost) reported_lost[e.program] = true;
    }
    for (auto& [name, prog] : w.launched) {
        const std::string& out = w.output(name);
        if (halted[name] || w.halted_ever(name)) {
            if (out != prog->reference)
                w.violations.push_back(name + ": output differs from the run that never moved");
        } else {
            r.lost++;
            if (!w.loss_justified[name])
                w.violations.push_back(name + " lost without a reset of its owner");
        }
    }
    for (int i = 1; i <= r.nodes; i++)
        if (!w.node(NodeId(i)).migrator().idle())
            w.violations.push_back("node " + std::to_string(i) + " still has a migration");
    r.resets = int(w.resets);
    for (int i = 0; i < 16; i++) r.start_refusals[i] = w.start_refusals[i];
    r.end = w.now();
    r.violations = w.violations;
    return r;
}

}  // namespace tern::migration::sim
