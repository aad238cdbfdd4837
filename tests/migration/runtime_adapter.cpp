// The Migrator over the real program runtime (RuntimePrograms): a program running in a
// runtime task is moved at an arbitrary instruction to a simulator node (a plain VM), runs
// on there, is moved back (the image is cached: only the snapshot travels) and runs to its
// end in the runtime again. Its output, concatenated across the three stretches, must be
// the output of one run that never moved. Host only (the simulator node is host code).
#include <string.h>

#include <string>

#include "check.hpp"
#include "sim.hpp"
#include "tern/migration/runtime_programs.hpp"
#include "tern/programs.hpp"
#include "tern/task.hpp"

using namespace tern;
using namespace tern::migration;

namespace {

Task tester;
Stack<16384> tester_stack;

std::string runtime_output;
void capture(void*, const char* s, size_t n) { runtime_output.append(s, n); }
void changed(void*, const programs::Status&) {}

const char source[] =
    "#include \"ccbpf.h\"\n"
    "int total;\n"
    "int twice(int x) { return x + x; }\n"
    "int main(void) {\n"
    "  for (int i = 1; i <= 60; i++) {\n"
    "    total += twice(i);\n"
    "    printf(\"line %d total %d\\n\", i, total);\n"
    "    for (int j = 0; j < 20000; j++) {}\n"
    "  }\n"
    "  return 0;\n"
    "}\n";

struct Events1 final : Events {
    int moved = 0, failed = 0, lost = 0;
    bool cached_last = false;
    void on_event(const Event& e) override {
        if (e.kind == Event::Kind::moved) {
            moved++;
            cached_last = e.image_cached;
        }
        if (e.kind == Event::Kind::failed) failed++;
        if (e.kind == Event::Kind::lost) lost++;
    }
};

// Node 1 is this runtime; node 2 the simulator's node 2 (its node 1 stays unused).
sim::World* world;
Migrator* node1;
struct ToSim final : Outbox {
    void send(NodeId to, std::span<const std::uint8_t> bytes) override {
        sim::Message m{world->now(), 0, 1, to, std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
        world->deliver(m);
    }
} to_sim;

Millis clock_ms() { return Millis(ticks_to_ms(now())); }

// Carries messages both ways and runs the simulator node until `done` or `ms` pass.
template <class Done>
bool pump(Done done, uint32_t ms) {
    for (uint32_t t = 0; t < ms; t++) {
        world->advance_to(clock_ms());
        auto queue = world->queue();
        world->queue().clear();
        for (auto& m : queue) {
            if (m.to == 1) node1->on_message(clock_ms(), m.from, m.bytes);
            else world->deliver(m);
        }
        if (node1->next_deadline() <= clock_ms()) node1->poll(clock_ms());
        world->step(200);
        if (done()) return true;
        delay(ms_to_ticks(1));
    }
    return false;
}

void tester_main(void*) {
    programs::set_environment({capture, changed, nullptr, 1, "node-1"});
    sim::Program reference;
    std::string error;
    CHECK(sim::compile_program("mover", source, &reference, &error));

    static sim::World w(1, 2);
    w.manual = true;
    world = &w;
    static RuntimePrograms runtime;
    static Events1 events;
    Config c;
    c.self = 1;
    c.incarnation = 1;
    static Migrator m(c, runtime, to_sim, events);
    node1 = &m;

    CHECK(programs::load_begin("mover") == programs::Error::none);
    programs::load_append(source, strlen(source));
    CHECK(programs::load_commit() == programs::Error::none);
    CHECK(programs::start("mover") == programs::Error::none);
    delay(ms_to_ticks(3));  // somewhere in its run: wherever the slice boundary falls

    // There: the program is paused at an instruction boundary, snapshotted and sent.
    Reason why = m.start(clock_ms(), "mover", 2);
    if (why != Reason::none) print("start: %s\r\n", reason_text(why));
    CHECK(why == Reason::none);
    size_t before = 0;
    CHECK(pump([&] {
        sim::Copy* cp = w.node(2).copy("mover");
        return cp != nullptr && cp->state == sim::Copy::State::running && m.idle();
    }, 5000));
    before = runtime_output.size();
    CHECK(before < reference.reference.size());  // it moved before its end
    programs::Status st;
    CHECK(programs::status("mover", st) == programs::Error::none);
    CHECK(st.state == programs::State::stopped);  // let go here; its image stays

    // On the simulator node for a while, then back: warm (node 1 kept the image).
    for (int i = 0; i < 100000 && w.output("mover").size() < 40; i++) w.step(1000);
    CHECK(w.node(2).migrator().start(w.now(), "mover", 1) == Reason::none);
    CHECK(pump([&] { return w.node(2).copy("mover") == nullptr && m.idle() &&
                            w.node(2).migrator().idle(); }, 5000));
    CHECK(programs::status("mover", st) == programs::Error::none);
    for (int t = 0; t < 5000 && st.state != programs::State::exited; t++) {
        delay(ms_to_ticks(1));
        programs::status("mover", st);
    }
    CHECK(st.state == programs::State::exited);
    std::string whole = runtime_output.substr(0, before) + w.output("mover") +
                        runtime_output.substr(before);
    CHECK(whole == reference.reference);
    CHECK(!w.output("mover").empty());  // a stretch really ran on the simulator node
    CHECK_EQ(events.moved, 2);
    CHECK(events.cached_last);  // the way back carried only the snapshot
    CHECK_EQ(events.failed, 0);
    if (whole != reference.reference)
        print("got:\r\n%s\r\nwant:\r\n%s\r\n", whole.c_str(), reference.reference.c_str());
    test::finish();
}

}  // namespace

int main() {
    test::test_name = "migration_runtime";
    task_create(tester, "tester", tester_main, nullptr, 1, tester_stack);
    start();
}
