// The migration state machine one message at a time (the simulator's manual network: a
// message waits until the test delivers, drops or duplicates it), and bad images and
// snapshots refused before anything runs, with the program still running at its source.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "sim.hpp"
#include "tern/ccbpf/image.hpp"

using namespace tern::migration;
using namespace tern::migration::sim;

namespace {

const Program& counter() {
    const Program* p = find_program("counter");
    EXPECT_NE(p, nullptr);
    return *p;
}

Type type_of(const sim::Message& m) {
    tern::migration::Message d;
    EXPECT_EQ(decode(m.bytes, d), DecodeError::none);
    return d.header.type;
}

// The oldest message in flight, taken off the network.
sim::Message take(World& w) {
    EXPECT_FALSE(w.queue().empty());
    sim::Message m = w.queue().front();
    w.queue().erase(w.queue().begin());
    return m;
}

// Delivers messages in order until one of type `t` is next (not delivered), or none left.
bool deliver_until(World& w, Type t, int limit = 1000) {
    while (!w.queue().empty() && limit-- > 0) {
        if (type_of(w.queue().front()) == t) return true;
        w.deliver(take(w));
    }
    return false;
}

void deliver_all(World& w, int limit = 10000) {
    while (!w.queue().empty() && limit-- > 0) w.deliver(take(w));
}

// Runs everything to the end: delivery, retries, the VMs.
void settle(World& w, Millis limit = 120000) {
    Millis end = w.now() + limit;
    while (w.now() < end) {
        deliver_all(w);
        w.step(500);
        bool busy = !w.queue().empty();
        for (int i = 1; i <= w.node_count(); i++) {
            Node& n = w.node(NodeId(i));
            if (!n.migrator().idle()) busy = true;
            for (auto& c : n.copies())
                if (c->state == Copy::State::running || c->state == Copy::State::paused) busy = true;
        }
        if (!busy) return;
        w.advance(1);
    }
}

Copy::State state_at(World& w, NodeId n, const char* name) {
    Copy* c = w.node(n).copy(name);
    return c == nullptr ? Copy::State::trapped : c->state;  // trapped: "no copy" here
}

const LoggedEvent* find_event(World& w, NodeId node, Event::Kind kind) {
    for (const LoggedEvent& e : w.events)
        if (e.node == node && e.kind == kind) return &e;
    return nullptr;
}

// Launches counter on node 1, runs `k` instructions, starts moving it to node 2.
void begin(World& w, std::uint64_t k = 700) {
    w.manual = true;
    w.launch(1, counter());
    w.plans.push_back({"counter", k, 2});
    for (int i = 0; i < 100 && w.node(1).migrator().idle(); i++) w.step(100);
    ASSERT_FALSE(w.node(1).migrator().idle());
    EXPECT_EQ(w.executed("counter"), k);
}

}  // namespace

TEST(Transitions, EveryStepOfAMigrationAndTheOwnershipPoint) {
    World w(1, 2);
    begin(w);
    EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::paused);
    EXPECT_EQ(w.node(1).migrator().owner_of("counter"), 1);
    ASSERT_EQ(type_of(w.queue().front()), Type::offer);
    w.deliver(take(w));  // offer -> accept
    ASSERT_EQ(type_of(w.queue().front()), Type::accept);
    ASSERT_TRUE(deliver_until(w, Type::ready));
    // The destination holds a verified, restored, paused copy; it is not running and the
    // source still owns the program.
    EXPECT_EQ(state_at(w, 2, "counter"), Copy::State::paused);
    EXPECT_EQ(w.node(1).migrator().owner_of("counter"), 1);
    w.deliver(take(w));  // ready -> commit: the ownership point
    EXPECT_EQ(w.node(1).migrator().owner_of("counter"), 2);
    ASSERT_EQ(type_of(w.queue().front()), Type::commit);
    take(w);  // the commit is lost: the source resends it on its retry
    w.advance(w.node(1).migrator().config().retry_ms);
    ASSERT_FALSE(w.queue().empty());
    ASSERT_EQ(type_of(w.queue().front()), Type::commit);
    sim::Message commit = w.queue().front();
    w.deliver(take(w));
    EXPECT_EQ(state_at(w, 2, "counter"), Copy::State::running);
    EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::paused);  // kept, never to run
    ASSERT_TRUE(deliver_until(w, Type::committed));
    w.deliver(take(w));  // committed -> the source drops its copy, confirms with a verdict
    EXPECT_EQ(w.node(1).copy("counter"), nullptr);
    ASSERT_TRUE(deliver_until(w, Type::verdict));
    w.deliver(take(w));
    EXPECT_TRUE(w.node(1).migrator().idle());
    EXPECT_TRUE(w.node(2).migrator().idle());
    ASSERT_NE(find_event(w, 1, Event::Kind::moved), nullptr);
    ASSERT_NE(find_event(w, 2, Event::Kind::moved), nullptr);

    // A late duplicate of the commit is answered from the ring of finished migrations.
    deliver_all(w);
    w.deliver(commit);
    ASSERT_EQ(type_of(w.queue().front()), Type::committed);
    w.deliver(take(w));
    ASSERT_EQ(type_of(w.queue().front()), Type::verdict);
    settle(w);
    EXPECT_EQ(w.output("counter"), counter().reference);
    EXPECT_TRUE(w.violations.empty());
}

TEST(Transitions, DuplicatedAndReorderedMessagesChangeNothing) {
    World w(2, 2);
    begin(w, 1234);
    // Every message is delivered twice, the second copy after the next one.
    for (int guard = 0; guard < 2000 && !w.queue().empty(); guard++) {
        sim::Message m = take(w);
        w.deliver(m);
        if (!w.queue().empty()) w.deliver(take(w));
        w.deliver(m);
    }
    settle(w);
    EXPECT_EQ(w.output("counter"), counter().reference);
    EXPECT_TRUE(w.violations.empty());
    EXPECT_NE(w.node(2).copy("counter"), nullptr);
}

TEST(Transitions, RefusalsLeaveTheProgramRunningAtTheSource) {
    struct Case {
        const char* what;
        std::function<void(World&)> arrange;
        Reason expected;
    };
    const Case cases[] = {
        {"memory", [](World& w) { w.node(2).memory_limit = 64; }, Reason::memory},
        {"builtins", [](World& w) { w.node(2).builtins_mask = 0; }, Reason::builtins},
        {"name taken",
         [](World& w) {
             w.node(2).launch(counter());
             w.node(2).pause("counter");  // held there, not running
         },
         Reason::name_taken},
        {"no room", [](World& w) { w.node(2).max_copies = 0; }, Reason::memory},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        World w(3, 2);
        c.arrange(w);
        begin(w);
        w.deliver(take(w));  // offer
        ASSERT_EQ(type_of(w.queue().front()), Type::refuse);
        w.deliver(take(w));
        EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::running);
        const LoggedEvent* e = find_event(w, 1, Event::Kind::failed);
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(e->reason, c.expected);
        EXPECT_TRUE(w.node(1).migrator().idle());
    }
}

TEST(Transitions, AnotherFormatVersionIsRefused) {
    Config newer;
    newer.image_version = 2;  // a node that reads only a later image format
    World w(4, 2, newer);
    begin(w);
    w.deliver(take(w));
    ASSERT_EQ(type_of(w.queue().front()), Type::refuse);
    w.deliver(take(w));
    const LoggedEvent* e = find_event(w, 1, Event::Kind::failed);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->reason, Reason::version);
    EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::running);
}

TEST(Transitions, SilentDestinationTimesOutAndTheProgramRunsOn) {
    World w(5, 2);
    begin(w);
    Millis timeout = w.node(1).migrator().config().offer_timeout_ms;
    for (Millis t = 0; t <= timeout; t++) {
        w.queue().clear();  // everything is lost
        w.advance(1);
    }
    const LoggedEvent* e = find_event(w, 1, Event::Kind::failed);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->reason, Reason::timeout);
    EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::running);
    settle(w);
    EXPECT_EQ(w.output("counter"), counter().reference);
}

// A partition after the transfer began: the source may not resume (the destination may be
// ready), so the program stays paused until the partition heals.
TEST(Transitions, PartitionDuringTransferPausesUntilItHeals) {
    World w(6, 2);
    begin(w);
    w.deliver(take(w));  // offer
    w.deliver(take(w));  // accept -> data
    const Millis long_time = 20000;
    std::vector<sim::Message> cut;  // what the partition swallowed
    for (Millis t = 0; t < long_time; t += 10) {
        for (auto& m : w.queue()) cut.push_back(m);
        w.queue().clear();
        w.advance(10);
        ASSERT_EQ(state_at(w, 1, "counter"), Copy::State::paused) << "at " << t;
    }
    EXPECT_FALSE(w.node(1).migrator().idle());  // aborting, waiting for an answer
    EXPECT_EQ(find_event(w, 1, Event::Kind::failed), nullptr);
    settle(w);  // healed
    const LoggedEvent* e = find_event(w, 1, Event::Kind::failed);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->reason, Reason::timeout);
    EXPECT_EQ(w.output("counter"), counter().reference);
    EXPECT_EQ(w.node(2).copy("counter"), nullptr);
    // The swallowed messages, delivered long after, change nothing.
    for (auto& m : cut) w.deliver(m);
    settle(w);
    EXPECT_TRUE(w.violations.empty());
}

TEST(Transitions, ReadyDestinationRunsItsCopyWhenTheSourceRestarts) {
    World w(7, 2);
    begin(w);
    ASSERT_TRUE(deliver_until(w, Type::ready));
    w.reset_node(1);  // the source's copy dies before it could commit
    w.deliver(take(w));  // ready reaches the source's new life: unknown
    ASSERT_EQ(type_of(w.queue().front()), Type::unknown);
    w.deliver(take(w));
    EXPECT_EQ(state_at(w, 2, "counter"), Copy::State::running);
    settle(w);
    EXPECT_EQ(w.output("counter"), counter().reference);  // nothing lost, nothing twice
}

TEST(Transitions, DestinationResetAfterCommitIsReportedLost) {
    World w(8, 2);
    begin(w);
    ASSERT_TRUE(deliver_until(w, Type::commit));
    w.reset_node(2);
    w.deliver(take(w));  // commit reaches the destination's new life: unknown
    ASSERT_EQ(type_of(w.queue().front()), Type::unknown);
    w.deliver(take(w));
    const LoggedEvent* e = find_event(w, 1, Event::Kind::lost);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->program, "counter");
    EXPECT_EQ(w.node(1).copy("counter"), nullptr);
    EXPECT_TRUE(w.node(1).migrator().idle());
}

TEST(Transitions, SourceResetWhileReceivingIsReportedLostAtTheDestination) {
    World w(9, 2);
    begin(w);
    w.deliver(take(w));  // offer
    w.deliver(take(w));  // accept
    w.reset_node(1);
    w.queue().clear();
    w.advance(w.node(2).migrator().config().retry_ms);  // the destination's retry
    deliver_all(w);
    const LoggedEvent* e = find_event(w, 2, Event::Kind::lost);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->program, "counter");
    EXPECT_TRUE(w.node(2).migrator().idle());
}

TEST(Transitions, WarmMigrationSendsOnlyTheSnapshot) {
    World w(10, 2);
    w.plans.push_back({"counter", counter().instructions * 2 / 3, 1});  // and back, later
    begin(w, 500);
    settle(w);
    std::vector<const LoggedEvent*> moved;
    for (const LoggedEvent& e : w.events)
        if (e.kind == Event::Kind::moved && e.role == Role::source) moved.push_back(&e);
    ASSERT_EQ(moved.size(), 2u);
    EXPECT_FALSE(moved[0]->image_cached);
    EXPECT_EQ(moved[0]->image_bytes, counter().image.size);
    EXPECT_TRUE(moved[1]->image_cached);  // node 1 still has the image it launched from
    EXPECT_EQ(moved[1]->image_bytes, 0u);
    EXPECT_EQ(w.output("counter"), counter().reference);
}

TEST(Transitions, QueryIsAnsweredWithTheVerdict) {
    World w(11, 3);
    begin(w);
    settle(w, 500);
    tern::migration::Message q;
    q.header.type = Type::query;
    q.header.id = 1;
    q.header.sender_incarnation = 5;
    q.query.source_node = 1;
    q.query.source_incarnation = w.node(1).incarnation();
    std::uint8_t buf[kMaxMessage];
    std::size_t n = encode(q, buf);
    ASSERT_GT(n, 0u);
    for (NodeId asked : {NodeId(1), NodeId(2)}) {
        w.queue().clear();
        w.node(asked).migrator().on_message(w.now(), 3, std::span<const std::uint8_t>(buf, n));
        ASSERT_EQ(w.queue().size(), 1u);
        tern::migration::Message v;
        ASSERT_EQ(decode(w.queue().front().bytes, v), DecodeError::none);
        EXPECT_EQ(v.header.type, Type::verdict);
        EXPECT_EQ(v.query.outcome, Outcome::committed) << "asked node " << asked;
    }
}

TEST(Transitions, MalformedBytesAreCountedAndChangeNothing) {
    World w(12, 2);
    begin(w);
    sim::Message offer = take(w);
    for (std::size_t i = 0; i < offer.bytes.size(); i++) {
        sim::Message bad = offer;
        bad.bytes[i] ^= 0x10;
        w.deliver(bad);
    }
    EXPECT_EQ(w.node(2).migrator().stats().rejected, offer.bytes.size());
    EXPECT_TRUE(w.queue().empty());
    EXPECT_TRUE(w.node(2).migrator().idle());
}

// ---- bad images and snapshots --------------------------------------------------------

namespace {
void reseal_snapshot(std::vector<std::uint8_t>& s) {
    tern::ccbpf::wr32(s.data() + s.size() - 4, tern::ccbpf::crc32(s.data(), s.size() - 4));
}
}  // namespace

TEST(BadInput, RefusedBeforeAnythingRunsAndTheProgramRunsOnAtItsSource) {
    struct Case {
        const char* what;
        std::function<void(Node&)> arrange;  // on the source
        Reason expected;
    };
    const Case cases[] = {
        {"truncated snapshot",
         [](Node& n) { n.mangle_snapshot = [](std::vector<std::uint8_t>& s) { s.resize(s.size() - 9); }; },
         Reason::snapshot_rejected},
        {"forged snapshot (a memory byte changed, CRC kept)",
         [](Node& n) { n.mangle_snapshot = [](std::vector<std::uint8_t>& s) { s[s.size() - 12] ^= 1; }; },
         Reason::snapshot_rejected},
        {"snapshot of another version",
         [](Node& n) {
             n.mangle_snapshot = [](std::vector<std::uint8_t>& s) {
                 tern::ccbpf::wr16(s.data() + 4, 2);
                 reseal_snapshot(s);
             };
         },
         Reason::snapshot_rejected},
        {"snapshot bound to another image",
         [](Node& n) {
             n.mangle_snapshot = [](std::vector<std::uint8_t>& s) {
                 s[8] ^= 0xff;  // its image hash
                 reseal_snapshot(s);
             };
         },
         Reason::snapshot_rejected},
        {"snapshot forged to a frame the code could not produce",
         [](Node& n) {
             n.mangle_snapshot = [](std::vector<std::uint8_t>& s) {
                 tern::ccbpf::wr32(s.data() + 20, tern::ccbpf::rd32(s.data() + 20) + 4);  // fp
                 reseal_snapshot(s);
             };
         },
         Reason::snapshot_rejected},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        World w(13, 2);
        w.manual = true;
        w.launch(1, counter());
        c.arrange(w.node(1));
        w.plans.push_back({"counter", 900, 2});
        settle(w);
        const LoggedEvent* src = find_event(w, 1, Event::Kind::failed);
        const LoggedEvent* dst = find_event(w, 2, Event::Kind::failed);
        ASSERT_NE(src, nullptr);
        ASSERT_NE(dst, nullptr);  // both sides say why
        EXPECT_EQ(src->reason, c.expected);
        EXPECT_EQ(dst->reason, c.expected);
        EXPECT_EQ(w.node(2).copy("counter"), nullptr);  // nothing ever ran there
        ASSERT_NE(w.node(1).copy("counter"), nullptr);
        EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::halted);  // ran on to its end here
        EXPECT_EQ(w.output("counter"), counter().reference);
        EXPECT_TRUE(w.violations.empty());
    }
}

// An image altered on the way (by a faulty link without CRC, or a forger): the destination
// checks it against the offer's content hash, CRC and verifier before anything runs.
TEST(BadInput, ImageAlteredInTransitIsRefused) {
    struct Case {
        const char* what;
        std::function<void(tern::migration::Message&, std::vector<std::uint8_t>&)> alter;
    };
    const Case cases[] = {
        {"a code byte changed",
         [](tern::migration::Message& m, std::vector<std::uint8_t>& chunk) {
             if (m.header.type == Type::data && m.data.stream == Stream::image && m.data.offset == 0)
                 chunk[70] ^= 0x01;
         }},
        {"the offer names another image",
         [](tern::migration::Message& m, std::vector<std::uint8_t>&) {
             if (m.header.type == Type::offer) m.offer.image_hash ^= 1;
         }},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        World w(14, 2);
        w.manual = true;
        w.tamper = [&](std::vector<std::uint8_t>& bytes) {
            tern::migration::Message m;
            if (decode(bytes, m) != DecodeError::none) return;
            std::vector<std::uint8_t> chunk;
            if (m.header.type == Type::data) {
                chunk.assign(m.data.bytes, m.data.bytes + m.data.length);
                m.data.bytes = chunk.data();
            }
            c.alter(m, chunk);
            std::vector<std::uint8_t> out(kMaxMessage);
            out.resize(encode(m, out));
            bytes = out;
        };
        w.launch(1, counter());
        w.plans.push_back({"counter", 900, 2});
        settle(w);
        const LoggedEvent* src = find_event(w, 1, Event::Kind::failed);
        const LoggedEvent* dst = find_event(w, 2, Event::Kind::failed);
        ASSERT_NE(src, nullptr);
        ASSERT_NE(dst, nullptr);
        EXPECT_EQ(src->reason, Reason::image_rejected);
        EXPECT_EQ(dst->reason, Reason::image_rejected);
        EXPECT_EQ(w.node(2).copy("counter"), nullptr);
        EXPECT_EQ(state_at(w, 1, "counter"), Copy::State::halted);
        EXPECT_EQ(w.output("counter"), counter().reference);
    }
}

// Forged but well-formed messages (random types, ids, incarnations and fields, from random
// nodes) thrown at nodes in the middle of migrations: the state machine must never read
// out of bounds or crash (ASan and UBSan watch). There is no authentication, so forged
// messages may make a migration fail; they must not make the Migrator misbehave.
TEST(Transitions, ForgedWellFormedMessagesNeverCrashTheStateMachine) {
    std::mt19937_64 rng(99);
    std::uint8_t chunk[kMaxChunk];
    for (auto& b : chunk) b = std::uint8_t(rng());
    for (int round = 0; round < 40; round++) {
        World w(100 + std::uint64_t(round), 3);
        w.manual = true;
        w.launch(1, counter());
        w.plans.push_back({"counter", 300 + rng() % 2000, NodeId(2 + rng() % 2)});
        for (int i = 0; i < 400; i++) {
            tern::migration::Message m;
            m.header.type = Type(1 + rng() % 12);
            m.header.from_source = rng() % 2;
            if (m.header.type == Type::offer || m.header.type == Type::data ||
                m.header.type == Type::commit)
                m.header.from_source = true;
            if (m.header.type == Type::query || m.header.type == Type::verdict)
                m.header.from_source = false;
            m.header.id = 1 + rng() % 3;
            m.header.sender_incarnation = 1 + rng() % 3;
            m.header.receiver_incarnation = rng() % 3;
            std::strcpy(m.offer.name, rng() % 2 ? "counter" : "other");
            m.offer.image_hash = counter().image.size;
            m.offer.image_version = m.offer.snapshot_version = 1;
            m.offer.memory_bytes = 1 + rng() % 4096;
            m.offer.stack_bytes = 0;
            m.offer.image_size = 1 + rng() % 9000;
            m.offer.snapshot_size = 1 + rng() % 20000;
            m.image_cached = rng() % 2;
            m.reason = Reason(1 + rng() % kReasonLast);
            m.data.stream = Stream(rng() % 2);
            m.data.length = std::uint16_t(1 + rng() % kMaxChunk);
            m.data.offset = std::uint32_t(rng() % 20000);
            m.data.bytes = chunk;
            m.acked[0] = std::uint32_t(rng() % 20000);
            m.acked[1] = std::uint32_t(rng() % 20000);
            m.query.source_node = NodeId(1 + rng() % 3);
            m.query.source_incarnation = 1 + rng() % 3;
            m.query.outcome = Outcome(rng() % 5);
            m.echoed = m.header;
            m.echoed.type = Type(1 + rng() % 11);
            m.echoed.from_source = !m.header.from_source;
            if (m.echoed.type == Type::offer || m.echoed.type == Type::data ||
                m.echoed.type == Type::commit) {
                m.echoed.from_source = true;
                m.header.from_source = false;
            }
            if (m.header.type == Type::unknown &&
                (m.echoed.type == Type::query || m.echoed.type == Type::verdict ||
                 m.echoed.from_source == m.header.from_source))
                continue;
            std::uint8_t buf[kMaxMessage];
            std::size_t n = encode(m, buf);
            if (n == 0) continue;
            NodeId from = NodeId(1 + rng() % 3), to = NodeId(1 + rng() % 3);
            if (from == to) continue;
            w.node(to).migrator().on_message(w.now(), from, std::span<const std::uint8_t>(buf, n));
            if (rng() % 4 == 0) deliver_all(w);
            w.step(50);
            w.advance(1 + rng() % 50);
        }
        settle(w, 20000);
    }
}

// A program that asks to move itself (migrate("n2") ...): each request starts a migration
// from wherever it runs; the journey's output is exactly one unmoved run's.
TEST(Transitions, ProgramAsksToMoveItself) {
    World w(15, 3);
    w.manual = true;
    const Program* p = find_program("traveller");
    ASSERT_NE(p, nullptr);
    w.launch(1, *p);
    settle(w);
    int moved = 0;
    for (const LoggedEvent& e : w.events)
        if (e.kind == Event::Kind::moved && e.role == Role::source) moved++;
    EXPECT_GE(moved, 4);  // legs 3, 7, 11, ... ask for n1, n2, n3 in turn
    EXPECT_EQ(w.output("traveller"), p->reference);
    EXPECT_TRUE(w.violations.empty());
}
