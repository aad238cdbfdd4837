// The deterministic migration simulator: N nodes, each a Migrator over real ccBPF VMs, on a
// seeded network that drops, duplicates, reorders, corrupts and delays messages, cuts
// partitions that heal, and resets nodes. Everything is driven from one random generator
// and a simulated clock, so a seed replays the same run exactly. The harness checks the
// guarantee of docs/migration.md on every step (see World::check_*).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "host_runtime.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/migration/migrator.hpp"

namespace tern::migration::sim {

using ccbpf::hosttool::Bytes;

// A program of the simulator's corpus, compiled once, with its uninterrupted output.
struct Program {
    std::string name;
    Bytes image;
    std::string reference;        // what one run that never moved prints
    std::uint64_t instructions;   // and how many instructions it takes
};

// Compiles the corpus (tests/migration/programs and a few ccBPF conformance programs that
// print deterministic output: no time, node or migrate built-ins).
const std::vector<Program>& corpus();
const Program* find_program(const std::string& name);
// Compiles `source` for the simulator (the stack every corpus program gets).
bool compile_program(const std::string& name, const std::string& source, Program* out,
                     std::string* error);

struct Faults {
    double drop = 0;       // probability a message is lost
    double duplicate = 0;  // ... delivered twice
    double corrupt = 0;    // ... has 1-3 bits flipped (the decoder must refuse it)
    Millis latency_min = 1, latency_max = 5;
    double delay = 0;      // ... is held back an extra 0..delay_max (reordering it)
    Millis delay_max = 0;
};

class World;

// What a copy's VM sees: its output goes to the world's log of the program.
struct CopyHost final : ccbpf::Host {
    World* world = nullptr;
    std::string program;
    void write(const char* bytes, std::size_t n) override;
    std::uint32_t now_ms() override;
    std::uint32_t node_id() override { return 0; }
    const char* node_name() override { return "sim"; }
};

// One copy of a program on a node.
struct Copy {
    CopyHost host;
    enum class State { running, paused, halted, trapped };
    std::string name;
    Bytes image;
    std::vector<std::uint8_t> memory;
    std::unique_ptr<ccbpf::Vm> vm;
    State state = State::paused;
};

class Node final : public Programs, public Outbox, public Events {
  public:
    Node(World& world, NodeId id, Incarnation incarnation, const Config& base);
    NodeId id() const { return id_; }
    Incarnation incarnation() const { return incarnation_; }
    Migrator& migrator() { return *migrator_; }
    std::vector<std::unique_ptr<Copy>>& copies() { return copies_; }
    Copy* copy(const std::string& name);
    // Starts a program from its image, running (the simulator's "load and run").
    bool launch(const Program& p);
    // Restart: every copy and the image cache are gone; a larger incarnation.
    void reset(Incarnation incarnation);

    // Test knobs.
    std::uint32_t memory_limit = 1u << 20;  // free_memory() answer
    std::uint32_t builtins_mask = ~0u;
    std::size_t max_copies = 4;
    // Applied to the snapshot the source hands out (bad-input tests).
    std::function<void(std::vector<std::uint8_t>&)> mangle_snapshot;

    // Programs
    bool pause(const char* name) override;
    void resume(const char* name) override;
    bool image(const char* name, std::span<const std::uint8_t>* out) override;
    std::size_t snapshot(const char* name, std::span<std::uint8_t> out) override;
    Reason restore_paused(const char* name, std::span<const std::uint8_t> image,
                          std::span<const std::uint8_t> snapshot) override;
    void drop(const char* name) override;
    bool name_taken(const char* name) override;
    bool cached_image(std::uint64_t hash, std::span<const std::uint8_t>* out) override;
    std::uint32_t free_memory() override;
    std::uint32_t builtins() override { return builtins_mask; }
    // Outbox
    void send(NodeId to, std::span<const std::uint8_t> bytes) override;
    // Events
    void on_event(const Event& e) override;

  private:
    World& world_;
    NodeId id_;
    Incarnation incarnation_;
    Config base_;
    std::unique_ptr<Migrator> migrator_;
    std::vector<std::unique_ptr<Copy>> copies_;
    std::map<std::uint64_t, Bytes> image_cache_;
};

struct LoggedEvent {
    Millis at;
    NodeId node;
    Event::Kind kind;
    Role role;
    std::string program;
    NodeId source, destination;
    Reason reason;
    bool image_cached;
    std::uint32_t image_bytes, snapshot_bytes;
};

struct Message {
    Millis at;
    std::uint64_t seq;
    NodeId from, to;
    std::vector<std::uint8_t> bytes;
};

class World {
  public:
    World(std::uint64_t seed, int nodes, const Config& base = Config());
    Node& node(NodeId id) { return *nodes_.at(id - 1); }
    int node_count() const { return int(nodes_.size()); }
    Millis now() const { return now_; }
    std::mt19937_64& rng() { return rng_; }

    Faults faults;
    bool trace = false;  // print every delivery, event and fault (MIGRATION_TRACE=1)
    // Partition: nodes with different group numbers cannot talk; empty = none.
    std::vector<int> partition;

    // The network: queues a message (faults applied) / delivers everything due by `now`.
    void transmit(NodeId from, NodeId to, std::vector<std::uint8_t> bytes);
    void deliver_due();
    bool network_empty() const { return in_flight_.empty(); }
    std::size_t in_flight() const { return in_flight_.size(); }
    // Manual mode (unit tests): messages wait in in_flight until delivered by hand.
    bool manual = false;
    // Applied to every message sent (tests that alter what travels).
    std::function<void(std::vector<std::uint8_t>&)> tamper;
    std::vector<Message>& queue() { return in_flight_; }
    void deliver(const Message& m);

    // Runs every running copy for up to `budget` instructions (landing exactly on any
    // planned migration point), then polls the migrators that are due.
    void step(std::uint32_t budget);
    void advance(Millis dt);  // time passes (delivering and polling on the way)
    void advance_to(Millis t) { now_ = t; }  // the schedule loop's jump to its next event
    bool halted_ever(const std::string& program) const { return halted_.count(program) != 0; }

    // Program bookkeeping across nodes.
    void launch(NodeId where, const Program& p);
    std::string& output(const std::string& program) { return output_[program]; }
    std::uint64_t executed(const std::string& program) { return executed_[program]; }
    void note_output(const std::string& program, const char* bytes, std::size_t n);
    void note_executed(const std::string& program, std::uint64_t n) { executed_[program] += n; }
    // Planned moves: when `program` has executed `at_instruction` instructions, the node it
    // runs on starts migrating it to `destination`.
    struct Plan {
        std::string program;
        std::uint64_t at_instruction;
        NodeId destination;
        bool done = false;
    };
    std::vector<Plan> plans;
    // Called when a planned move has started (the schedule aims faults at it).
    std::function<void(NodeId source, NodeId destination)> on_start;
    void reset_node(NodeId id);

    // Invariants. check_running: never two running copies (on every step). final_report:
    // after the run, each program either halted with exactly its reference output, or is
    // lost and a reset of its owner justified it; nothing left paused or in progress.
    void check_running();
    bool may_run(NodeId node, const std::string& program);
    std::vector<std::string> violations;
    std::vector<LoggedEvent> events;
    std::map<std::string, bool> loss_justified;  // a reset hit the program's owner
    std::map<std::string, const Program*> launched;

    // Counters.
    std::uint64_t sent = 0, dropped = 0, duplicated = 0, corrupted = 0, delivered = 0;
    std::uint64_t bytes_on_wire = 0;
    std::uint64_t resets = 0;
    std::uint64_t start_refusals[16] = {};  // by Reason (none: started)

  private:
    friend class Node;
    std::mt19937_64 rng_;
    Millis now_ = 0;
    std::uint64_t seq_ = 0;
    std::vector<std::unique_ptr<Node>> nodes_;
    std::vector<Message> in_flight_;
    std::map<std::string, std::string> output_;
    std::map<std::string, std::uint64_t> executed_;
    std::map<std::string, bool> halted_;
};

// One seeded fault schedule, start to end: nodes, programs, planned moves, faults,
// partitions and resets drawn from `seed`; runs until every program halted or was lost and
// every migration finished. Returns the violations (empty: the guarantee held).
struct ScheduleResult {
    std::vector<std::string> violations;
    int nodes = 0, programs = 0, moves_planned = 0, moved = 0, failed = 0, lost = 0;
    int resets = 0, partitions = 0;
    std::uint64_t start_refusals[16] = {};  // start() answers by Reason (none: started)
    Millis end = 0;
    std::string summary() const;
};
ScheduleResult run_schedule(std::uint64_t seed);

}  // namespace tern::migration::sim
