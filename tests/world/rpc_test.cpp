// RPC and the world namespace: the wire format (frozen samples, parser rejections, bounded
// mutation fuzz), every result kind through real transports, the LTTit faults (replies
// taken for requests, one hard-wired peer), and the simulator on 1,000 schedules.
#include <gtest/gtest.h>

#include <cstring>

#include "rpc_sim.hpp"
#include "rpc_world.hpp"

using namespace tern::world;
using namespace tern::world::rpctest;
using rpc::Op;
using rpc::Result;

namespace {

// ---- wire format

Bytes encode(const rpc::Message& m) {
    Bytes b(rpc::kMaxMessage + 16);
    std::size_t n = rpc::encode(m, b);
    b.resize(n);
    return b;
}

struct Sample {
    const char* file;
    const char* comment;
    rpc::Message message;
};

const Sample kSamples[] = {
    {"rpc_request_read.hex", "request v1: read /nodes/birch/stats/uptime, caller incarnation 0x64, call 1",
     {rpc::Kind::request, Op::read, Result::ok, 0, 0x64, 1, "/nodes/birch/stats/uptime", {}}},
    {"rpc_request_write.hex", "request v1: write /nodes/ash/kv/k body \"on\", caller incarnation 0x01020304, call 0x0a0b0c0d",
     {rpc::Kind::request, Op::write, Result::ok, 0, 0x01020304, 0x0a0b0c0d, "/nodes/ash/kv/k", bytes_of("on")}},
    {"rpc_request_shell.hex", "request v1: control /nodes/birch/shell body \"ps\" (at birch ps), incarnation 0x65, call 2",
     {rpc::Kind::request, Op::control, Result::ok, 0, 0x65, 2, "/nodes/birch/shell", bytes_of("ps")}},
    {"rpc_reply_ok.hex", "reply v1: read ok, body \"1234\\n\", incarnation 0x64, call 1",
     {rpc::Kind::reply, Op::read, Result::ok, 0, 0x64, 1, {}, bytes_of("1234\n")}},
    {"rpc_reply_truncated.hex", "reply v1: control ok, truncated, body \"abc\", incarnation 0x65, call 2",
     {rpc::Kind::reply, Op::control, Result::ok, rpc::kFlagTruncated, 0x65, 2, {}, bytes_of("abc")}},
    {"rpc_reply_no_such_path.hex", "reply v1: list no such path, incarnation 0x64, call 3",
     {rpc::Kind::reply, Op::list, Result::no_such_path, 0, 0x64, 3, {}, {}}},
};

TEST(Rpc, FrozenSamplesMatchByteForByteAndParseBack) {
    for (const auto& s : kSamples) {
        Bytes mine = encode(s.message);
        std::string path = world_test::frozen_path(s.file);
        if (world_test::writing_frozen()) world_test::write_hex(path, s.comment, mine);
        Bytes frozen;
        ASSERT_TRUE(world_test::read_hex(path, frozen)) << path;
        EXPECT_EQ(mine, frozen) << s.file;
        rpc::Message m;
        ASSERT_TRUE(rpc::parse(frozen, m)) << s.file;
        EXPECT_EQ(m.kind, s.message.kind);
        EXPECT_EQ(m.op, s.message.op);
        EXPECT_EQ(m.result, s.message.result);
        EXPECT_EQ(m.flags, s.message.flags);
        EXPECT_EQ(m.caller, s.message.caller);
        EXPECT_EQ(m.call_id, s.message.call_id);
        EXPECT_EQ(m.path, s.message.path);
        EXPECT_EQ(text_of(m.body), text_of(s.message.body));
    }
}

TEST(Rpc, TheHeaderIsLaidOutAsSpecified) {
    Bytes b = encode({rpc::Kind::reply, Op::write, Result::refused, rpc::kFlagTruncated,
                      0x11223344, 0x55667788, {}, bytes_of("xyz")});
    ASSERT_EQ(b.size(), 19u);
    EXPECT_EQ(b[0], 1);     // version
    EXPECT_EQ(b[1], 1);     // kind: reply
    EXPECT_EQ(b[2], 3);     // op: write
    EXPECT_EQ(b[3], 5);     // result: refused
    EXPECT_EQ(b[4], 0x44);  // caller incarnation, little-endian
    EXPECT_EQ(b[7], 0x11);
    EXPECT_EQ(b[8], 0x88);  // call id
    EXPECT_EQ(b[11], 0x55);
    EXPECT_EQ(b[12], 0);    // path length
    EXPECT_EQ(b[13], 1);    // flags
    EXPECT_EQ(b[14], 3);    // body length
    EXPECT_EQ(b[15], 0);
}

TEST(Rpc, TheParserRejectsEveryMalformedShape) {
    Bytes good = encode(kSamples[1].message);
    rpc::Message m;
    ASSERT_TRUE(rpc::parse(good, m));
    auto bad = [&](auto change) {
        Bytes b = good;
        change(b);
        return !rpc::parse(b, m);
    };
    EXPECT_TRUE(bad([](Bytes& b) { b[0] = 2; }));                       // other version
    EXPECT_TRUE(bad([](Bytes& b) { b[1] = 2; }));                       // unknown kind
    EXPECT_TRUE(bad([](Bytes& b) { b[2] = 0; }));                       // unknown op
    EXPECT_TRUE(bad([](Bytes& b) { b[2] = 5; }));
    EXPECT_TRUE(bad([](Bytes& b) { b[3] = 4; }));                       // result in a request
    EXPECT_TRUE(bad([](Bytes& b) { std::memset(&b[4], 0, 4); }));       // incarnation 0
    EXPECT_TRUE(bad([](Bytes& b) { std::memset(&b[8], 0, 4); }));       // call id 0
    EXPECT_TRUE(bad([](Bytes& b) { b[12] = 0; }));                      // request without path
    EXPECT_TRUE(bad([](Bytes& b) { b[13] = 1; }));                      // flags in a request
    EXPECT_TRUE(bad([](Bytes& b) { b.pop_back(); }));                   // cut
    EXPECT_TRUE(bad([](Bytes& b) { b.push_back(0); }));                 // trailing byte
    EXPECT_TRUE(bad([](Bytes& b) { b[16] = 'n'; }));                    // path without '/'
    EXPECT_TRUE(bad([](Bytes& b) { b.resize(15); }));                   // shorter than a header
    Bytes reply = encode(kSamples[3].message);
    ASSERT_TRUE(rpc::parse(reply, m));
    for (std::uint8_t r : {1, 2, 3, 7, 8}) {  // results only the caller's core finds
        Bytes b = reply;
        b[3] = r;
        EXPECT_FALSE(rpc::parse(b, m)) << int(r);
    }
    Bytes flagged = reply;
    flagged[13] = 2;  // an unknown flag
    EXPECT_FALSE(rpc::parse(flagged, m));
    // Too long for the build: a body over kMaxBody is refused even when the lengths agree.
    Bytes big(rpc::kHeaderBytes + rpc::kMaxBody + 1);
    std::copy(reply.begin(), reply.begin() + rpc::kHeaderBytes, big.begin());
    big[14] = std::uint8_t(rpc::kMaxBody + 1), big[15] = std::uint8_t((rpc::kMaxBody + 1) >> 8);
    EXPECT_FALSE(rpc::parse(big, m));
}

// Random mutations of valid messages fed to the parser and to a live core: no crash, and
// everything the parser accepts re-encodes to the same bytes.
TEST(Rpc, MutationFuzzOfTheParserAndCore) {
    World w;
    w.add("ash", 10);
    w.add("birch", 20);
    world_test::Rng rng(99);
    std::uint32_t accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        Bytes b = encode(kSamples[rng.below(std::size(kSamples))].message);
        int edits = 1 + int(rng.below(4));
        for (int e = 0; e < edits; ++e) {
            switch (rng.below(4)) {
                case 0: b[rng.below(std::uint32_t(b.size()))] ^= std::uint8_t(1u << rng.below(8)); break;
                case 1: b[rng.below(std::uint32_t(b.size()))] = std::uint8_t(rng.next()); break;
                case 2: if (!b.empty()) b.resize(rng.below(std::uint32_t(b.size()))); break;
                default: b.push_back(std::uint8_t(rng.next())); break;
            }
            if (b.empty()) break;
        }
        rpc::Message m;
        if (rpc::parse(b, m)) {
            ++accepted;
            EXPECT_EQ(encode(m), b);
        }
        w.node(1).rpc->on_message(w.now, 2, b);
        w.run_for(1);
    }
    EXPECT_GT(accepted, 0u);
    EXPECT_GT(w.node(1).rpc->counters().malformed, 1000u);
    EXPECT_EQ(w.node(1).completions.size(), 0u);  // nothing forged ended a call that was never made
}

// ---- the core, over real transports

// An example subsystem: /nodes/<self>/stats/{uptime,isa}; writing uptime is refused.
struct Stats final : RpcHandler {
    World* world;
    int runs = 0;
    Result handle(Op op, std::string_view rest, std::span<const std::uint8_t>,
                  ReplyWriter& reply) override {
        ++runs;
        if (op == Op::list && rest.empty()) return reply.append("uptime\nisa\n"), Result::ok;
        if (rest == "uptime") {
            if (op != Op::read) return Result::refused;
            return reply.append(std::to_string(world->now)), Result::ok;
        }
        if (rest == "isa" && op == Op::read) return reply.append("armv7m"), Result::ok;
        return Result::no_such_path;
    }
};

// A shell for `at`: the output is the command line backwards, or `n` bytes for "yes n".
struct EchoShell final : RpcHandler {
    int runs = 0;
    Result handle(Op op, std::string_view rest, std::span<const std::uint8_t> body,
                  ReplyWriter& reply) override {
        if (op != Op::control || !rest.empty()) return Result::refused;
        ++runs;
        std::string line = text_of(body);
        if (line.rfind("yes ", 0) == 0) {
            for (int i = std::stoi(line.substr(4)); i > 0; --i) reply.append("y");
            return Result::ok;
        }
        return reply.append(std::string(line.rbegin(), line.rend())), Result::ok;
    }
};

struct Two : ::testing::Test {
    World w;
    Stats stats_a, stats_b;
    EchoShell shell_b;
    Node* a;
    Node* b;
    void SetUp() override {
        stats_a.world = stats_b.world = &w;
        w.on_boot = [this](Node& n) {
            n.rpc->add_handler("stats", n.name == "ash" ? stats_a : stats_b);
            if (n.name == "birch") n.rpc->add_handler("shell", shell_b);
        };
        a = &w.add("ash", 100);
        b = &w.add("birch", 200);
    }
    const Completion& call(Op op, std::string_view path, std::string_view body = {},
                           std::uint32_t timeout = 2000, Millis run = 5000) {
        std::size_t before = a->completions.size();
        a->rpc->call(w.now, op, path, bytes_of(body), timeout, 7);
        w.run_for(run);
        EXPECT_EQ(a->completions.size(), before + 1) << path;
        static Completion none{};
        return a->completions.size() > before ? a->completions.back() : none;
    }
};

TEST_F(Two, ReadAndListAcrossTheNetwork) {
    w.run_for(1234);
    auto& c = call(Op::read, "/nodes/birch/stats/uptime");
    EXPECT_EQ(c.result, Result::ok);
    EXPECT_GE(std::stoul(text_of(c.body)), 1234u);
    EXPECT_EQ(c.tag, 7u);
    EXPECT_EQ(call(Op::list, "/nodes/birch/stats").result, Result::ok);
    EXPECT_EQ(text_of(a->completions.back().body), "uptime\nisa\n");
    EXPECT_EQ(call(Op::list, "/nodes/birch/").result, Result::ok);  // its prefixes
    EXPECT_EQ(text_of(a->completions.back().body), "stats\nshell\n");
    EXPECT_EQ(b->rpc->counters().served, 3u);
    EXPECT_EQ(stats_b.runs, 2);
}

TEST_F(Two, APathOnThisNodeIsServedWithoutTheNetwork) {
    std::uint64_t packets = w.packets;
    a->rpc->call(w.now, Op::read, "/nodes/ash/stats/isa", {}, 1000, 1);
    ASSERT_EQ(a->completions.size(), 1u);  // ended during call()
    EXPECT_EQ(a->completions[0].result, Result::ok);
    EXPECT_EQ(text_of(a->completions[0].body), "armv7m");
    EXPECT_EQ(w.packets, packets);
    EXPECT_EQ(a->sent_messages, 0u);
    EXPECT_EQ(a->rpc->next_deadline(), kNever);
}

TEST_F(Two, ListOfNodesGivesEveryNodeKnownAndTheRootListsNodes) {
    w.add("cedar", 300);
    a->rpc->call(w.now, Op::list, "/nodes", {}, 0, 1);
    a->rpc->call(w.now, Op::list, "/nodes/", {}, 0, 2);
    a->rpc->call(w.now, Op::list, "/", {}, 0, 3);
    a->rpc->call(w.now, Op::read, "/nodes", {}, 0, 4);
    a->rpc->call(w.now, Op::read, "/elsewhere", {}, 0, 5);
    ASSERT_EQ(a->completions.size(), 5u);
    EXPECT_EQ(text_of(a->completions[0].body), "ash\nbirch\ncedar\n");
    EXPECT_EQ(text_of(a->completions[1].body), "ash\nbirch\ncedar\n");
    EXPECT_EQ(text_of(a->completions[2].body), "nodes\n");
    EXPECT_EQ(a->completions[3].result, Result::refused);  // /nodes is a directory
    EXPECT_EQ(a->completions[4].result, Result::no_such_path);
}

TEST_F(Two, UnknownNode) {
    auto& c = call(Op::read, "/nodes/nowhere/stats/uptime");
    EXPECT_EQ(c.result, Result::unknown_node);
    EXPECT_EQ(a->sent_messages, 0u);
}

TEST_F(Two, UnreachableWhenTheDirectoryHasNoRoute) {
    w.unlisted.insert(b->id);
    EXPECT_EQ(call(Op::read, "/nodes/birch/stats/uptime").result, Result::unreachable);
    EXPECT_EQ(a->sent_messages, 0u);
}

TEST_F(Two, UnreachableWhenTheTransportReportsTheRequestLost) {
    w.cut.insert({a->id, b->id});
    // A timeout longer than the transport's give-up: the transport's verdict comes first.
    auto& c = call(Op::read, "/nodes/birch/stats/uptime", {}, 120000, 100000);
    EXPECT_EQ(c.result, Result::unreachable);
    EXPECT_EQ(stats_b.runs, 0);
    EXPECT_EQ(a->rpc->in_flight(), 0u);
}

TEST_F(Two, UnreachableWhenThePeerResetsAfterTakingTheRequest) {
    call(Op::read, "/nodes/birch/stats/isa");  // the two transports know each other
    // Acks from birch get through, its replies (DATA) do not; then birch reboots.
    w.filter = [&](NodeId src, NodeId, std::span<const std::uint8_t> p) {
        return !(src == b->id && p.size() > 1 && p[1] == 1);
    };
    a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 60000, 8);
    w.run_for(500);
    EXPECT_EQ(stats_b.runs, 2);  // executed; the reply is lost
    ASSERT_EQ(a->completions.size(), 1u);
    w.filter = nullptr;
    w.boot(*b, 201);
    b->rpc->call(w.now, Op::read, "/nodes/ash/stats/isa", {}, 1000, 1);  // the new life speaks
    w.run_for(3000);
    ASSERT_EQ(a->completions.size(), 2u);
    EXPECT_EQ(a->completions[1].tag, 8u);
    EXPECT_EQ(a->completions[1].result, Result::unreachable);
}

TEST_F(Two, TimedOutAndTheLateReplyIsCountedAndDropped) {
    call(Op::read, "/nodes/birch/stats/isa");
    w.cut.insert({b->id, a->id});  // replies (and acks) from birch are held back ...
    a->rpc->call(w.now, Op::read, "/nodes/birch/stats/uptime", {}, 800, 9);
    EXPECT_EQ(a->rpc->next_deadline(), w.now + 800);
    w.run_for(1000);
    ASSERT_EQ(a->completions.size(), 2u);
    EXPECT_EQ(a->completions[1].result, Result::timed_out);
    EXPECT_EQ(a->rpc->next_deadline(), kNever);
    w.cut.clear();  // ... until the partition heals: the transport delivers the reply
    w.run_for(20000);
    EXPECT_EQ(a->completions.size(), 2u);
    EXPECT_EQ(a->rpc->counters().late_replies, 1u);
    EXPECT_EQ(stats_b.runs, 2);  // executed once, although the caller gave up
}

TEST_F(Two, NoSuchPathLocallyAndRemotely) {
    EXPECT_EQ(call(Op::read, "/nodes/birch/stats/missing").result, Result::no_such_path);
    EXPECT_EQ(call(Op::read, "/nodes/birch/nothing").result, Result::no_such_path);
    EXPECT_EQ(call(Op::read, "/nodes/ash/nothing").result, Result::no_such_path);
    EXPECT_EQ(call(Op::read, "/nodes//stats").result, Result::no_such_path);
    EXPECT_EQ(call(Op::read, "/nodes/birch//stats").result, Result::no_such_path);
}

TEST_F(Two, RefusedByTheHandler) {
    EXPECT_EQ(call(Op::write, "/nodes/birch/stats/uptime", "0").result, Result::refused);
    EXPECT_EQ(call(Op::write, "/nodes/ash/stats/uptime", "0").result, Result::refused);
    EXPECT_EQ(call(Op::write, "/nodes/birch", "0").result, Result::refused);  // a node is a directory
}

TEST_F(Two, TooBigPathOrBody) {
    std::string long_path = "/nodes/birch/stats/" + std::string(rpc::kMaxPath, 'x');
    EXPECT_EQ(call(Op::read, long_path).result, Result::too_big);
    std::string body(rpc::kMaxBody + 1, 'b');
    EXPECT_EQ(call(Op::write, "/nodes/birch/stats/uptime", body).result, Result::too_big);
    std::string name(rpc::kMaxPath, 'n');
    a->rpc->shell(w.now, name, "ls", 0, 3);
    EXPECT_EQ(a->completions.back().result, Result::too_big);
    EXPECT_EQ(a->sent_messages, 0u);
}

TEST_F(Two, BusyWhenEveryCallSlotIsTaken) {
    w.cut.insert({a->id, b->id});
    for (std::uint32_t i = 0; i < rpc::kMaxCalls; ++i)
        EXPECT_NE(a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 1000, i), 0u);
    EXPECT_EQ(a->rpc->in_flight(), rpc::kMaxCalls);
    EXPECT_EQ(a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 1000, 99), 0u);
    ASSERT_EQ(a->completions.size(), 1u);
    EXPECT_EQ(a->completions[0].tag, 99u);
    EXPECT_EQ(a->completions[0].result, Result::busy);
    w.run_for(2000);
    EXPECT_EQ(a->completions.size(), 1u + rpc::kMaxCalls);  // all timed out, once each
    for (std::size_t i = 1; i < a->completions.size(); ++i)
        EXPECT_EQ(a->completions[i].result, Result::timed_out);
}

TEST_F(Two, AtRunsAShellCommandOnAnotherNode) {
    a->rpc->shell(w.now, "birch", "ps -a", 0, 5);
    w.run_for(3000);
    ASSERT_EQ(a->completions.size(), 1u);
    EXPECT_EQ(a->completions[0].result, Result::ok);
    EXPECT_EQ(text_of(a->completions[0].body), "a- sp");
    EXPECT_FALSE(a->completions[0].truncated);
    // Output longer than a reply holds: cut at kMaxBody and flagged.
    a->rpc->shell(w.now, "birch", "yes 5000", 0, 6);
    w.run_for(3000);
    ASSERT_EQ(a->completions.size(), 2u);
    EXPECT_EQ(a->completions[1].result, Result::ok);
    EXPECT_EQ(a->completions[1].body.size(), rpc::kMaxBody);
    EXPECT_TRUE(a->completions[1].truncated);
    // A node without a shell: no such path.
    a->rpc->shell(w.now, "ash", "ps", 0, 7);
    EXPECT_EQ(a->completions.back().result, Result::no_such_path);
}

// LTTit's fault: both sides start at call id 1 and call each other at once. A reply is never
// taken for a request (the kind byte) nor matched to the other side's call.
TEST_F(Two, BothSidesCallingEachOtherWithTheSameCallIdsNeverMixUp) {
    for (int round = 0; round < 5; ++round) {
        std::uint32_t ida = a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 3000, 100 + round);
        std::uint32_t idb = b->rpc->call(w.now, Op::list, "/nodes/ash/stats", {}, 3000, 200 + round);
        EXPECT_EQ(ida, idb);  // the same numbers on both sides, on purpose
    }
    w.run_for(5000);
    ASSERT_EQ(a->completions.size(), 5u);
    ASSERT_EQ(b->completions.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(a->completions[i].result, Result::ok);
        EXPECT_EQ(text_of(a->completions[i].body), "armv7m");
        EXPECT_EQ(b->completions[i].result, Result::ok);
        EXPECT_EQ(text_of(b->completions[i].body), "uptime\nisa\n");
    }
    EXPECT_EQ(stats_a.runs, 5);
    EXPECT_EQ(stats_b.runs, 5);
}

TEST_F(Two, ForgedRepliesNeverEndACall) {
    std::uint32_t id = a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 3000, 1);
    ASSERT_NE(id, 0u);
    auto forged = [&](NodeId src, Incarnation inc, std::uint32_t call, Op op) {
        a->rpc->on_message(w.now, src, encode({rpc::Kind::reply, op, Result::ok, 0, inc, call, {}, bytes_of("forged")}));
    };
    forged(b->id, 99, id, Op::read);            // another life of ash
    forged(b->id, 100, id + 1, Op::read);       // a call never made
    forged(3, 100, id, Op::read);               // from a node the call did not go to
    forged(b->id, 100, id, Op::list);           // another operation
    EXPECT_EQ(a->completions.size(), 0u);
    EXPECT_EQ(a->rpc->counters().stale_replies, 1u);
    EXPECT_EQ(a->rpc->counters().late_replies, 3u);
    w.run_for(2000);
    ASSERT_EQ(a->completions.size(), 1u);
    EXPECT_EQ(text_of(a->completions[0].body), "armv7m");
}

TEST_F(Two, CallsGoToWhicheverNodeThePathNames) {
    Stats stats_c;
    stats_c.world = &w;
    w.on_boot = [&](Node& n) { n.rpc->add_handler("stats", stats_c); };
    w.add("cedar", 300);
    a->rpc->call(w.now, Op::read, "/nodes/birch/stats/isa", {}, 3000, 1);
    a->rpc->call(w.now, Op::read, "/nodes/cedar/stats/isa", {}, 3000, 2);
    w.run_for(3000);
    ASSERT_EQ(a->completions.size(), 2u);
    EXPECT_EQ(a->completions[0].result, Result::ok);
    EXPECT_EQ(a->completions[1].result, Result::ok);
    EXPECT_EQ(stats_b.runs, 1);
    EXPECT_EQ(stats_c.runs, 1);
}

TEST_F(Two, ARequestForAnotherNodesNameIsNotServed) {
    // birch gets a request naming cedar (a stale name-to-id mapping): no such path.
    Bytes req = encode({rpc::Kind::request, Op::read, Result::ok, 0, 100, 1, "/nodes/cedar/stats/isa", {}});
    b->rpc->on_message(w.now, a->id, req);
    EXPECT_EQ(stats_b.runs, 0);
    EXPECT_EQ(b->sent_messages, 1u);  // the reply, no_such_path
}

TEST(RpcHandlers, RegistrationRules) {
    World w;
    Node& n = w.add("ash", 1);
    Stats s;
    s.world = &w;
    EXPECT_TRUE(n.rpc->add_handler("stats", s));
    EXPECT_FALSE(n.rpc->add_handler("stats", s));  // taken
    EXPECT_FALSE(n.rpc->add_handler("", s));
    EXPECT_FALSE(n.rpc->add_handler("a/b", s));
    std::vector<std::string> names;
    for (std::size_t i = 1; i < rpc::kMaxHandlers; ++i) names.push_back("p" + std::to_string(i));
    for (auto& p : names) EXPECT_TRUE(n.rpc->add_handler(p, s));
    EXPECT_FALSE(n.rpc->add_handler("onemore", s));  // full
}

TEST(RpcWriter, TruncatesAndFlags) {
    std::uint8_t buf[4];
    ReplyWriter r(buf, sizeof buf);
    EXPECT_TRUE(r.append("ab"));
    EXPECT_FALSE(r.append("cde"));
    EXPECT_EQ(r.size(), 4u);
    EXPECT_TRUE(r.truncated());
    EXPECT_EQ(std::memcmp(buf, "abcd", 4), 0);
}

// ---- the simulator (bounded slice; world_rpc_sim --schedules N is the soak)

TEST(RpcSim, AThousandSchedules) {
    rpcsim::Stats total;
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        auto r = rpcsim::run_schedule(seed);
        ASSERT_TRUE(r.ok) << "seed " << seed << ": " << r.failure;
        for (int i = 0; i < 8; ++i) total.by_result[i] += r.stats.by_result[i];
        total.calls += r.stats.calls;
        total.late_replies += r.stats.late_replies;
        total.resets += r.stats.resets;
    }
    // The schedules reach every way a call can end (else they stopped testing something).
    for (Result r : {Result::ok, Result::unknown_node, Result::unreachable, Result::timed_out,
                     Result::no_such_path, Result::refused, Result::too_big})
        EXPECT_GT(total.by_result[std::size_t(r)], 0u) << rpc::result_name(r);
    EXPECT_GT(total.late_replies, 0u);
    EXPECT_GT(total.resets, 0u);
    EXPECT_GT(total.by_result[0], total.calls / 3);  // about a quarter expect another result
}

}  // namespace

// ---- the directory over a real network

#include "tern/world/rpc_network.hpp"

namespace {
struct NetEnd final : NetworkIo {
    Network<1, 8, 4>* other = nullptr;
    Millis* now = nullptr;
    bool cut = false;
    void transmit(std::uint8_t, std::span<const std::uint8_t> packet) override {
        if (!cut) pending.emplace_back(packet.begin(), packet.end());
    }
    void deliver(NodeId, Proto, std::span<const std::uint8_t>) override {}
    void event(const Event&) override {}
    std::vector<Bytes> pending;
};

TEST(RpcDirectory, NamesResolveThroughTheNetworksNodeTable) {
    Millis now = 0;
    Identity ia{}, ib{};
    ASSERT_TRUE(make_identity(1, 10, "alpha", ia));
    ASSERT_TRUE(make_identity(2, 20, "beta", ib));
    NetEnd ea, eb;
    Network<1, 8, 4> a(ia, ea, now), b(ib, eb, now);
    ea.other = &b, eb.other = &a;
    auto run = [&](Millis until) {
        while (now < until) {
            for (int round = 0; round < 4; ++round) {
                auto pa = std::exchange(ea.pending, {});
                auto pb = std::exchange(eb.pending, {});
                for (auto& p : pa) b.on_frame(now, 0, p);
                for (auto& p : pb) a.on_frame(now, 0, p);
            }
            a.poll(now), b.poll(now);
            Millis next = std::min(a.next_deadline(), b.next_deadline());
            now = std::max(now + 1, std::min(next, until));
        }
    };
    NetworkDirectory dir(a);
    EXPECT_EQ(dir.find("beta").id, 0);  // not heard of yet
    run(5000);
    auto beta = dir.find("beta");
    EXPECT_EQ(beta.id, 2);
    EXPECT_TRUE(beta.reachable);
    EXPECT_EQ(dir.find("alpha").id, 1);
    EXPECT_EQ(dir.name_at(0), "beta");
    EXPECT_EQ(dir.name_at(1), "");
    EXPECT_EQ(dir.find("gamma").id, 0);

    // The RPC core over it: list /nodes, and a call to beta once its route is gone.
    struct Binding final : RpcBinding {
        std::vector<Completion> done;
        SendResult send(Millis, NodeId, std::span<const std::uint8_t>) override { return {1, SendError::none}; }
        void completed(std::uint32_t tag, Result r, std::span<const std::uint8_t> body, bool t) override {
            done.push_back({tag, r, Bytes(body.begin(), body.end()), t});
        }
    } binding;
    RpcCore core("alpha", 10, dir, binding);
    core.call(now, Op::list, "/nodes", {}, 0, 1);
    ASSERT_EQ(binding.done.size(), 1u);
    EXPECT_EQ(text_of(binding.done[0].body), "alpha\nbeta\n");
    ea.cut = eb.cut = true;
    run(now + 60000);  // past the liveness bound: beta's route is withdrawn
    core.call(now, Op::read, "/nodes/beta/stats/uptime", {}, 0, 2);
    ASSERT_EQ(binding.done.size(), 2u);
    EXPECT_EQ(binding.done[1].result, Result::unreachable) << rpc::result_name(binding.done[1].result);
    EXPECT_EQ(binding.done.size(), 2u);
}
}  // namespace
