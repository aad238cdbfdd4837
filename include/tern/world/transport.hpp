// tern::world transport: reliable, ordered messages between two NodeIds over the network
// layer's unreliable packets (which may be dropped, duplicated, reordered or delayed).
// A protocol core without I/O: it is fed packets and the time and hands back packets to
// send, events and its next deadline. The wire format, the state machine and the timers
// are specified in docs/world-transport.md.
//
// Guarantee: every message send() accepted ends in exactly one event at its sender,
// `acked` (delivered exactly once, in order) or `lost` (delivered at most once: its
// delivery could not be confirmed), unless the sending node itself resets. Messages
// delivered to one receiver from one sender arrive in the order they were sent.
//
// Cancel and reset, call by call (what remains true if a call is abandoned or the node or
// peer resets; nothing here blocks, so "cancel" means not calling again):
//  - send(): all or nothing. On success the message is copied into the transport and the
//    caller's buffer is free again; on error nothing is kept. A queued message cannot be
//    withdrawn: it always ends in acked or lost (never both, never neither).
//  - on_packet(): handles the packet completely before it returns and keeps no reference
//    to it. Events it causes are emitted during the call; a delivered message's bytes are
//    valid only for the duration of Sink::delivered. Dropping a packet instead of passing
//    it in is the same as the network losing it.
//  - poll(): emits what is due at `now` (packets, timeouts, give-ups). Calling it early or
//    twice is harmless; calling it late only delays retransmissions.
//  - Sink callbacks may call send(); they must not call on_packet() or poll().
//  - Peer reset (its incarnation grows): messages to it that had been transmitted are
//    reported lost (reason peer_reset) and can never be delivered to its new life; messages
//    not yet transmitted are sent to the new life. A partial message from its old life is
//    discarded.
//  - Give-up (no progress for kGiveUpMs and kMaxRetries timeouts): every message queued
//    for that peer is reported lost (reason timeout) and the peer is told to skip them.
//  - Reset of this node: all state is gone and its pending messages end with no event
//    (the one case the guarantee cannot cover). A new object must get a larger incarnation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace tern::world {

using NodeId = std::uint16_t;       // 0 = no node; 0xFFFF = broadcast (never a transport peer)
using Incarnation = std::uint32_t;  // nonzero; a node picks a larger one at each boot
using Millis = std::uint64_t;       // monotonic milliseconds, supplied by the caller

inline constexpr Millis kNever = ~Millis{0};

namespace transport {
inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderBytes = 28;      // every packet
inline constexpr std::size_t kDataHeaderBytes = 42;  // DATA: header + fragment fields
enum class Type : std::uint8_t { ack = 0, data = 1, hello = 2 };

// Timers (docs/world-transport.md, "Timers"). RFC 6298's estimator with a lower floor,
// because a UART hop answers in tens of milliseconds.
inline constexpr std::uint32_t kInitialRtoMs = 1000;
inline constexpr std::uint32_t kMinRtoMs = 200;
inline constexpr std::uint32_t kMaxRtoMs = 4000;
inline constexpr std::uint8_t kMaxRetries = 16;    // timeouts in a row without progress ...
inline constexpr std::uint32_t kGiveUpMs = 30000;  // ... and at least this long: give up
// The one reassembly buffer: a sender that stopped sending for kStealMs loses it to a
// waiting one; a freed buffer is held for the longest-waiting sender for kReserveMs.
inline constexpr std::uint32_t kStealMs = 2 * kMaxRtoMs + 2000;
inline constexpr std::uint32_t kReserveMs = kMaxRtoMs + 1000;

struct Peer {
    NodeId node;              // 0: free slot
    std::uint8_t backoff;     // RTO doublings since the last progress
    std::uint8_t retries;     // timeouts since the last progress
    std::uint8_t flags;       // kAckDue, kTiming
    Incarnation incarnation;  // the peer's, 0 until learned (hello pending)
    // Send direction: sequence numbers of fragments, one stream per pair of incarnations.
    std::uint32_t next_seq;   // first not yet given to a message
    std::uint32_t sent_high;  // first not yet transmitted
    std::uint32_t una;        // every seq below is acked or abandoned
    std::uint32_t have;       // the peer holds every seq below (its latest ack; revocable)
    std::uint32_t sack;       // bit i: the peer holds have + 1 + i
    std::uint32_t timed_seq;  // the fragment being timed for an RTT sample (Karn)
    std::uint32_t timed_at;
    std::uint32_t srtt8;      // smoothed RTT * 8 in ms, 0 = no sample yet
    std::uint32_t rttvar4;    // RTT variation * 4 in ms
    std::uint32_t rto;        // ms, before back-off
    std::uint32_t rto_at;     // deadline (low 32 bits of Millis), valid when kTimer
    std::uint32_t last_progress;
    // Receive direction.
    std::uint32_t expected;       // every seq below has been delivered (or skipped)
    std::uint32_t waiting_since;  // wants the reassembly buffer since (0 = not waiting)
};

struct Message {
    std::uint32_t id;
    std::uint32_t first_seq;  // valid once state == sent
    std::uint32_t offset;     // in the send buffer (a ring)
    std::uint32_t length;
    std::uint8_t peer;        // index into the peer table
    std::uint8_t state;       // kFree, kQueued, kSent
};

// Where a Transport keeps its state; the template below supplies it, sized at build time.
struct Storage {
    Peer* peers;
    Message* messages;
    std::uint8_t* send_buffer;
    std::uint8_t* reassembly;
    std::uint32_t* fragment_bits;
    std::uint8_t* scratch;  // one packet being encoded
    std::uint32_t send_bytes;
    std::uint32_t max_message;
    std::uint16_t mtu;
    std::uint8_t peer_count;
    std::uint8_t queue;
    std::uint8_t window;
    std::uint16_t max_fragments;
};

struct Counters {
    std::uint32_t malformed;          // too short, unknown version/type, bad lengths
    std::uint32_t stale_incarnation;  // from an older life of the peer
    std::uint32_t wrong_incarnation;  // addressed to an older life of this node
    std::uint32_t no_peer_slot;       // the peer table is full
    std::uint32_t duplicates;         // fragments already delivered or held
    std::uint32_t out_of_order;       // fragments of a later message (dropped, resent later)
    std::uint32_t busy;               // the reassembly buffer was in use by another peer
    std::uint32_t retransmits;
    std::uint32_t timeouts;
};
}  // namespace transport

enum class LossReason : std::uint8_t { timeout = 1, peer_reset = 2 };
enum class SendError : std::uint8_t { none = 0, queue_full, too_big, no_such_peer };

struct SendResult {
    std::uint32_t id;  // nonzero when accepted; names the message in acked/lost events
    SendError error;
    bool ok() const { return error == SendError::none; }
};

// What the transport hands back. Implemented by the binding (network send, application).
class TransportSink {
  public:
    virtual void packet(NodeId dst, std::span<const std::uint8_t> bytes) = 0;
    virtual void delivered(NodeId src, std::span<const std::uint8_t> message) = 0;
    virtual void acked(NodeId dst, std::uint32_t id) = 0;
    virtual void lost(NodeId dst, std::uint32_t id, LossReason why) = 0;
    virtual void peer_reset(NodeId peer, Incarnation incarnation) = 0;

  protected:
    ~TransportSink() = default;
};

struct PeerInfo {
    Incarnation incarnation;  // 0: not known yet (or no such peer)
    std::uint32_t srtt_ms;    // 0: no sample yet
    std::uint32_t rto_ms;
    std::uint32_t in_flight;  // fragments transmitted and not yet acked
};

// The protocol, on storage it is given. Use Transport<...> below.
class TransportCore {
  public:
    TransportCore(const transport::Storage& storage, Incarnation self);

    SendResult send(Millis now, NodeId dst, std::span<const std::uint8_t> message);
    void on_packet(Millis now, NodeId src, std::span<const std::uint8_t> bytes,
                   TransportSink& sink);
    void poll(Millis now, TransportSink& sink);
    // A hint from below: the network heard `node` with incarnation `inc` (its hellos and
    // adverts carry the node's boot incarnation). If that is newer than the one known, the
    // peer reset is handled now, as a packet would (messages transmitted to the old life
    // are lost, peer_reset is emitted), so messages not yet transmitted go to the new life
    // instead of being sent to the old one first. Unknown peers and older values: nothing.
    void on_incarnation(Millis now, NodeId node, Incarnation inc, TransportSink& sink);
    // When poll() is next due: the last `now` seen if work is pending, kNever if idle.
    Millis next_deadline() const;

    Incarnation incarnation() const { return self_; }
    std::uint16_t fragment_payload() const { return std::uint16_t(st_.mtu - transport::kDataHeaderBytes); }
    const transport::Counters& counters() const { return counters_; }
    PeerInfo peer_info(NodeId peer) const;

  private:
    struct Reassembly {
        std::uint32_t first_seq;
        std::uint32_t length;
        std::uint32_t received;
        std::uint32_t last_activity;
        std::uint32_t reserved_until;
        std::uint16_t fragments;  // 0 until the last fragment arrived
        std::uint8_t owner;       // peer index, kNone
        std::uint8_t reserved;    // peer index, kNone
    };

    transport::Peer* find(NodeId node) const;
    transport::Peer* find_or_add(NodeId node);
    std::uint8_t index(const transport::Peer& p) const { return std::uint8_t(&p - st_.peers); }
    transport::Message& slot(std::uint32_t k) const { return st_.messages[(msg_first_ + k) % st_.queue]; }
    std::uint32_t fragments_of(std::uint32_t length) const;
    bool has_queued(std::uint8_t peer) const;
    bool outstanding(const transport::Peer& p) const;
    void arm(transport::Peer& p);
    void progress(transport::Peer& p);
    void finish(transport::Message& m, TransportSink& sink, bool acked, LossReason why);
    void lose_all(transport::Peer& p, TransportSink& sink, bool queued_too, LossReason why);
    void restart_streams(transport::Peer& p);
    void learn(transport::Peer& p, Incarnation inc, TransportSink& sink);
    void on_ack(transport::Peer& p, std::uint32_t ack, std::uint32_t have, std::uint32_t sack,
                TransportSink& sink);
    void on_data(transport::Peer& p, std::span<const std::uint8_t> bytes, TransportSink& sink);
    bool take_reassembly(transport::Peer& p, std::uint32_t length);
    void release_reassembly();
    void on_timeout(transport::Peer& p, TransportSink& sink);
    void transmit(transport::Peer& p, std::uint32_t seq, TransportSink& sink);
    void emit(transport::Peer& p, transport::Type type, std::size_t length, TransportSink& sink);
    void copy_ring(std::uint32_t offset, std::uint8_t* to, const std::uint8_t* from,
                   std::uint32_t n) const;

    transport::Storage st_;
    transport::Counters counters_{};
    Reassembly re_{};
    Incarnation self_;
    std::uint32_t now_ = 0;  // low 32 bits of the last time seen
    Millis now_full_ = 0;
    std::uint32_t next_id_ = 0;
    std::uint32_t ring_head_ = 0;  // offset of the oldest message's bytes
    std::uint32_t ring_used_ = 0;
    std::uint8_t msg_first_ = 0;
    std::uint8_t msg_count_ = 0;
    bool dirty_ = false;  // poll() has work before any timer
};

namespace transport {
// Fixed storage for a Transport, sized by its template parameters (a base class so that it
// exists before the core that points into it).
template <std::size_t Peers, std::size_t Mtu, std::size_t Window, std::size_t Queue,
          std::size_t SendBytes, std::size_t MaxMessage>
struct Buffers {
    static constexpr std::size_t kFragmentPayload = Mtu - kDataHeaderBytes;
    static constexpr std::size_t kMaxFragments =
        MaxMessage == 0 ? 1 : (MaxMessage + kFragmentPayload - 1) / kFragmentPayload;
    Peer peers[Peers]{};
    Message messages[Queue]{};
    std::uint32_t fragment_bits[(kMaxFragments + 31) / 32]{};
    std::uint8_t scratch[Mtu];
    std::uint8_t send_buffer[SendBytes];
    std::uint8_t reassembly[MaxMessage];
    Storage storage() {
        return Storage{peers, messages, send_buffer, reassembly, fragment_bits, scratch,
                       SendBytes, MaxMessage, Mtu, Peers, Queue, Window, kMaxFragments};
    }
};
}  // namespace transport

// Peers: peer table slots (a peer keeps its slot). Mtu: largest packet handed to the
// network. Window: fragments in flight per peer (<= 32, the selective ack's reach).
// Queue: messages held at once (all peers). SendBytes: bytes they may hold together.
// MaxMessage: the largest message either way (also the reassembly buffer).
template <std::size_t Peers, std::size_t Mtu, std::size_t Window, std::size_t Queue,
          std::size_t SendBytes, std::size_t MaxMessage>
class Transport : private transport::Buffers<Peers, Mtu, Window, Queue, SendBytes, MaxMessage>,
                  public TransportCore {
    using B = transport::Buffers<Peers, Mtu, Window, Queue, SendBytes, MaxMessage>;
    static_assert(Peers >= 1 && Peers < 255, "peer index is a byte");
    static_assert(Mtu >= transport::kDataHeaderBytes + 16 && Mtu <= 65535);
    static_assert(Window >= 1 && Window <= 32, "the selective ack covers 32 fragments");
    static_assert(Queue >= 1 && Queue <= 255);
    static_assert(SendBytes >= MaxMessage && SendBytes < 0x80000000u);
    static_assert(B::kMaxFragments <= 65535, "fragment index is 16 bits");

  public:
    explicit Transport(Incarnation self) : B(), TransportCore(B::storage(), self) {}
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;
};

}  // namespace tern::world
