// The migration protocol's state machine: one Migrator per node, the source of some
// migrations and the destination of others. No I/O, no heap, no clock of its own: the
// node calls start / on_message / poll with the time, and the Migrator acts through the
// three small interfaces below. States, messages, the ownership point and the guarantee:
// docs/migration.md.
//
//   Migrator m(config, programs, outbox, events);
//   m.start(now, "counter", 3);            // move program "counter" to node 3
//   m.on_message(now, src, bytes);         // every migration message the node receives
//   m.poll(now);                           // at least at m.next_deadline()
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "tern/migration/wire.hpp"

#ifndef MIGRATION_OUTGOING
#define MIGRATION_OUTGOING 2  // migrations this node is the source of at once
#endif
#ifndef MIGRATION_INCOMING
#define MIGRATION_INCOMING 2  // migrations this node is the destination of at once
#endif
#ifndef MIGRATION_FINISHED
#define MIGRATION_FINISHED 16  // finished migrations remembered to answer late duplicates
#endif
#ifndef MIGRATION_IMAGE_BYTES
#define MIGRATION_IMAGE_BYTES 8192  // largest image a destination receives (programs.hpp)
#endif
#ifndef MIGRATION_SNAPSHOT_BYTES
#define MIGRATION_SNAPSHOT_BYTES 17408  // largest snapshot: VM memory plus header and frames
#endif

namespace tern::migration {

inline constexpr Millis kNever = ~Millis(0);

// What the Migrator asks of the node's program runtime (include/tern/programs.hpp on a
// device; the simulator's VMs in tests). Names are the programs' names.
class Programs {
  public:
    // Stops a live program at an instruction boundary (a parked one stays parked). False:
    // no live program of that name.
    virtual bool pause(const char* name) = 0;
    // Lets a paused program run again: at the source after a failed attempt, at the
    // destination once it owns the program.
    virtual void resume(const char* name) = 0;
    // The image of a paused program; valid while it stays paused.
    virtual bool image(const char* name, std::span<const std::uint8_t>* out) = 0;
    // Writes the snapshot of a paused program; its size, or 0 when it does not fit.
    virtual std::size_t snapshot(const char* name, std::span<std::uint8_t> out) = 0;
    // Makes `name` from an image and a snapshot, paused. Validates both before anything
    // runs (the image through the verifier, the snapshot bound to it); refuses with
    // image_rejected, snapshot_rejected, name_taken or memory.
    virtual Reason restore_paused(const char* name, std::span<const std::uint8_t> image,
                                  std::span<const std::uint8_t> snapshot) = 0;
    // Forgets a paused copy (the source's after commit, a destination's aborted one).
    virtual void drop(const char* name) = 0;
    // True when a live program of that name is here (a restore would be refused).
    virtual bool name_taken(const char* name) = 0;
    // An image with this content hash held here (for a warm migration); copied by the caller.
    virtual bool cached_image(std::uint64_t hash, std::span<const std::uint8_t>* out) = 0;
    // VM memory bytes a new program could get now, and the built-ins this node provides
    // (bit i: built-in number i).
    virtual std::uint32_t free_memory() = 0;
    virtual std::uint32_t builtins() = 0;

  protected:
    ~Programs() = default;
};

// Where messages go: the world's datagram service (or transport).
class Outbox {
  public:
    virtual void send(NodeId to, std::span<const std::uint8_t> bytes) = 0;

  protected:
    ~Outbox() = default;
};

enum class Role : std::uint8_t { source, destination };

struct Event {
    enum class Kind : std::uint8_t {
        moved,   // source: the destination runs it (confirmed); destination: it runs here
        failed,  // source: it runs on here (resumed), `reason` says why; destination:
                 // the attempt was dropped, `reason` says why
        lost,    // the program's owning copy died with a reset (see docs): it is gone
    };
    Kind kind;
    Role role;
    const char* program;
    NodeId source;
    NodeId destination;
    MigrationId id;
    Reason reason;
    bool image_cached;
    std::uint32_t image_bytes;     // image bytes this attempt carried (0 when cached)
    std::uint32_t snapshot_bytes;  // snapshot size
    Millis started;                // when start() (source) or the offer (destination) came
};

class Events {
  public:
    virtual void on_event(const Event& e) = 0;

  protected:
    ~Events() = default;
};

struct Config {
    NodeId self = 0;
    Incarnation incarnation = 1;
    Millis retry_ms = 100;             // resend the current step's message
    Millis offer_timeout_ms = 2000;    // source: no accept/refuse by then -> resume
    Millis transfer_timeout_ms = 3000; // source: no data acknowledged for this long -> abort
    Millis receive_timeout_ms = 5000;  // destination: no data for this long -> drop
    // Data bytes per message (<= kMaxChunk). The default makes a data message 240 bytes,
    // what one packet of the world's network carries (tern/world/network.hpp kMaxPayload),
    // so the protocol runs straight over its datagrams; over the transport, up to 480.
    std::uint16_t chunk_bytes = 240 - kHeaderBytes - kDataBodyFixed - kCrcBytes;
    std::uint8_t window_chunks = 4;         // data messages in flight unacknowledged
    std::uint16_t image_version = 1;        // formats this node reads (ccBPF's)
    std::uint16_t snapshot_version = 1;
};

struct Stats {
    std::uint32_t messages_sent = 0;
    std::uint64_t bytes_sent = 0;
    std::uint32_t rejected = 0;  // messages the decoder refused
    std::uint32_t ignored = 0;   // decoded but stale or out of place
};

class Migrator {
  public:
    Migrator(const Config& config, Programs& programs, Outbox& outbox, Events& events);

    // Moves `program` (live here) to `destination`: pauses it, snapshots it and offers it.
    // Returns none when started (the outcome comes as an Event), else why not (nothing
    // changed: the program runs on). `id` receives the migration's id.
    Reason start(Millis now, const char* program, NodeId destination, MigrationId* id = nullptr);

    // A message from node `from` (any bytes: malformed ones are counted and dropped).
    void on_message(Millis now, NodeId from, std::span<const std::uint8_t> bytes);

    // Retries and timeouts due by `now`.
    void poll(Millis now);
    // When poll() next has something to do (kNever: nothing pending).
    Millis next_deadline() const;

    // A hint from the network layer: `node` is alive with `incarnation` (a larger one than
    // before means it restarted). Messages carry incarnations too; this only speeds it up.
    void peer_incarnation(Millis now, NodeId node, Incarnation incarnation);

    // Looking (tools, tests).
    bool idle() const;  // no migration in progress here
    bool in_progress(const char* program) const;
    // The node that owns `program` per the ownership point, if a migration here holds it:
    // the source before commit, the destination once commit was sent. 0 if none.
    NodeId owner_of(const char* program) const;
    const Stats& stats() const { return stats_; }
    const Config& config() const { return config_; }

  private:
    enum class OutState : std::uint8_t { free, offering, sending, aborting, committing };
    // confirming: it runs here; `committed` is resent until the source confirms it has
    // dropped its copy (a verdict), so a destination restart after that point can be
    // reported lost truthfully (the program cannot have moved on before it).
    enum class InState : std::uint8_t { free, receiving, ready, confirming };

    struct Outgoing {
        OutState state = OutState::free;
        MigrationId id = 0;
        NodeId destination = 0;
        Incarnation destination_incarnation = 0;  // from its accept; 0 before
        char name[kNameBytes] = {};
        Offer offer;
        std::span<const std::uint8_t> image;
        alignas(4) std::uint8_t snapshot[MIGRATION_SNAPSHOT_BYTES];
        std::uint32_t snapshot_size = 0;
        bool image_cached = false;
        std::uint32_t acked[2] = {};  // by Stream
        std::uint32_t next_send = 0;  // position in the image-then-snapshot sequence
        Millis started = 0;
        Millis next_retry = 0;
        Millis last_progress = 0;
        Reason abort_reason = Reason::none;
    };
    struct Incoming {
        InState state = InState::free;
        MigrationId id = 0;
        NodeId source = 0;
        Incarnation source_incarnation = 0;
        Offer offer;
        alignas(4) std::uint8_t image[MIGRATION_IMAGE_BYTES];
        alignas(4) std::uint8_t snapshot[MIGRATION_SNAPSHOT_BYTES];
        std::uint32_t received[2] = {};
        bool image_cached = false;
        Millis started = 0;
        Millis next_retry = 0;
        Millis last_progress = 0;
    };
    struct Finished {
        bool used = false;
        Role role = Role::source;
        NodeId source = 0;
        Incarnation source_incarnation = 0;
        MigrationId id = 0;
        Outcome outcome = Outcome::unknown;
    };

    // Source side.
    void on_from_destination(Millis now, NodeId from, const Message& m);
    void send_window(Millis now, Outgoing& o);
    void send_offer(Outgoing& o);
    void send_to_destination(Outgoing& o, Type t, Reason r = Reason::none);
    void source_resume(Millis now, Outgoing& o, Reason why);
    void source_finish(Outgoing& o, Event::Kind kind, Reason why);
    std::uint32_t stream_total(const Outgoing& o) const;
    std::uint32_t acked_total(const Outgoing& o) const;
    Outgoing* find_outgoing(MigrationId id, NodeId destination);

    // Destination side.
    void on_from_source(Millis now, NodeId from, const Message& m);
    void on_offer(Millis now, NodeId from, const Message& m);
    void on_data(Millis now, Incoming& in, const Message& m);
    void complete_if_done(Millis now, Incoming& in);
    void send_to_source(Incoming& in, Type t, Reason r = Reason::none);
    void destination_drop(Incoming& in, Event::Kind kind, Reason why, bool tell_source);
    void destination_run(Millis now, Incoming& in, Reason why);
    Incoming* find_incoming(NodeId source, Incarnation source_incarnation, MigrationId id);

    // Both.
    void observe(Millis now, NodeId node, Incarnation incarnation);
    void remember(Role role, NodeId source, Incarnation source_incarnation, MigrationId id,
                  Outcome outcome);
    const Finished* recall(Role role, NodeId source, Incarnation source_incarnation,
                           MigrationId id) const;
    void answer_query(NodeId from, const Message& m);
    void send_verdict(NodeId to, MigrationId id, Outcome outcome, Incarnation receiver_incarnation);
    void reply_unknown(NodeId to, const Header& about);
    void reply_plain(NodeId to, const Header& about, Type t, Reason r = Reason::none);
    void emit(const Message& m, NodeId to);
    void event(Event::Kind kind, Role role, const char* name, NodeId source, NodeId destination,
               MigrationId id, Reason reason, bool cached, std::uint32_t image_bytes,
               std::uint32_t snapshot_bytes, Millis started);

    Config config_;
    Programs& programs_;
    Outbox& outbox_;
    Events& events_;
    Stats stats_;
    MigrationId next_id_ = 1;
    Outgoing out_[MIGRATION_OUTGOING];
    Incoming in_[MIGRATION_INCOMING];
    Finished finished_[MIGRATION_FINISHED];
    std::size_t finished_next_ = 0;
};

}  // namespace tern::migration
