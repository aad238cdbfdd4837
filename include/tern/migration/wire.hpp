// The migration protocol's messages: byte-exact encoders and strict decoders.
// Layout, field by field, in docs/migration.md ("Wire format"). Portable C++20, no heap,
// no I/O: the caller hands bytes in and gets bytes out.
//
// Every message is   header (16 bytes) | body (fixed per type; data: 8 + length) | CRC-32
// and the decoder refuses, with a reason, anything truncated, longer than its type allows,
// of another version, with a reserved bit or byte set, sent in the wrong direction for its
// type, with a field out of range, or whose CRC does not match. It never reads past the
// span it is given.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace tern::migration {

// The world's identities (docs/migration.md, "Identities"): the same types as every layer of
// the world uses.
using NodeId = std::uint16_t;       // 0 = no node
using Incarnation = std::uint32_t;  // nonzero; a node picks a larger one at each boot
using Millis = std::uint64_t;       // monotonic milliseconds, supplied by the caller
using MigrationId = std::uint32_t;  // nonzero; chosen by the source, unique per incarnation

inline constexpr std::uint8_t kWireVersion = 1;
inline constexpr std::size_t kHeaderBytes = 16;
inline constexpr std::size_t kCrcBytes = 4;
inline constexpr std::size_t kMaxChunk = 480;  // bytes of image or snapshot in one data
inline constexpr std::size_t kNameBytes = 16;  // a program's name: 1..15 characters, NUL pad
inline constexpr std::size_t kOfferBody = 48;
inline constexpr std::size_t kDataBodyFixed = 8;
inline constexpr std::size_t kMaxMessage = kHeaderBytes + kDataBodyFixed + kMaxChunk + kCrcBytes;

enum class Type : std::uint8_t {
    offer = 1,      // S -> D: may I send you this program?
    accept = 2,     // D -> S: yes (and whether the image is already cached here)
    refuse = 3,     // D -> S: no, with a reason
    data = 4,       // S -> D: a chunk of the image or the snapshot
    data_ack = 5,   // D -> S: bytes received so far in each stream (cumulative)
    ready = 6,      // D -> S: I hold a verified, restored, paused copy
    commit = 7,     // S -> D: the program is yours (ownership passes when S sends this)
    committed = 8,  // D -> S: it runs here; forget your copy
    abort = 9,      // either way: this attempt is over (with a reason); also its answer
    query = 10,     // anyone -> anyone: what do you know of this migration?
    verdict = 11,   // the answer to a query
    unknown = 12,   // the answer to a message about a migration this node does not know
};
inline constexpr std::uint8_t kTypeFirst = 1;
inline constexpr std::uint8_t kTypeLast = 12;

// Why a migration did not happen (refuse and abort carry one; events report one).
enum class Reason : std::uint8_t {
    none = 0,
    version = 1,            // image or snapshot format version not supported here
    builtins = 2,           // the program calls a built-in this node does not have
    memory = 3,             // it needs more memory (or stack) than this node has free
    busy = 4,               // no free migration slot
    name_taken = 5,         // a program of that name already lives here
    too_large = 6,          // image or snapshot larger than this node can receive
    image_rejected = 7,     // the image bytes fail their hash, CRC or the verifier
    snapshot_rejected = 8,  // the snapshot does not restore into the image
    timeout = 9,            // the peer stayed silent too long
    cancelled = 10,         // the source gave up (its program ended, or a user said so)
    peer_reset = 11,        // the peer restarted (new incarnation) and lost the attempt
    no_program = 12,        // (local) no paused-able program of that name at the source
    bad_destination = 13,   // (local) destination is this node or 0
};
inline constexpr std::uint8_t kReasonLast = 13;

enum class Stream : std::uint8_t { image = 0, snapshot = 1 };

// A verdict's answer about a migration, as the answering node knows it.
enum class Outcome : std::uint8_t {
    unknown = 0,    // never heard of it (or forgotten)
    pending = 1,    // still in progress here
    committed = 2,  // ownership passed to the destination
    aborted = 3,    // it will never commit; the program stayed at the source
    lost = 4,       // the owning copy died with a reset
};
inline constexpr std::uint8_t kOutcomeLast = 4;

enum class DecodeError : std::uint8_t {
    none = 0,
    truncated,         // shorter than its header + body + CRC
    oversize,          // longer than its type's body allows
    bad_version,       // version byte is not kWireVersion
    bad_type,          // type byte outside 1..12
    reserved_nonzero,  // a reserved byte or flag bit is set
    bad_direction,     // the from-source flag is wrong for this type
    bad_crc,           // CRC-32 mismatch
    bad_field,         // a field out of range (zero id or incarnation, bad name, length...)
};

struct Header {
    Type type = Type::offer;
    bool from_source = false;  // the sender plays the source in this migration
    MigrationId id = 0;
    Incarnation sender_incarnation = 0;
    Incarnation receiver_incarnation = 0;  // what the sender knows of the receiver's; 0: none
};

struct Offer {
    char name[kNameBytes] = {};  // NUL-terminated, 1..15 characters
    std::uint64_t image_hash = 0;
    std::uint16_t image_version = 0;
    std::uint16_t snapshot_version = 0;
    std::uint32_t builtins = 0;      // bit i: the program calls built-in number i
    std::uint32_t stack_bytes = 0;   // VM stack it was compiled for
    std::uint32_t memory_bytes = 0;  // VM memory (globals and stack) it needs
    std::uint32_t image_size = 0;
    std::uint32_t snapshot_size = 0;
};

struct Data {
    Stream stream = Stream::image;
    std::uint16_t length = 0;  // 1..kMaxChunk
    std::uint32_t offset = 0;
    const std::uint8_t* bytes = nullptr;  // decode: points into the message given to it
};

struct QueryBody {
    NodeId source_node = 0;
    Incarnation source_incarnation = 0;
    Outcome outcome = Outcome::unknown;  // verdict only
};

// One decoded (or to be encoded) message; only the fields of `header.type` are meaningful.
struct Message {
    Header header;
    Offer offer;                    // offer
    bool image_cached = false;      // accept
    Reason reason = Reason::none;   // refuse, abort
    Data data;                      // data
    std::uint32_t acked[2] = {};    // data_ack: bytes received, by Stream
    QueryBody query;                // query, verdict
    Header echoed;                  // unknown: the header of the message it answers
};

// Decodes `bytes` into `out`. Anything but none leaves `out` unspecified.
DecodeError decode(std::span<const std::uint8_t> bytes, Message& out);

// Encodes `m` into `out`; returns the size, or 0 when `out` is too small or `m` would not
// decode (the same rules as decode: encode never produces a message decode refuses).
std::size_t encode(const Message& m, std::span<std::uint8_t> out);

// Size of the encoded message for `type` (data: with `data_length` bytes).
std::size_t encoded_size(Type type, std::size_t data_length = 0);

const char* type_name(Type t);
const char* reason_text(Reason r);
const char* outcome_name(Outcome o);
const char* decode_error_text(DecodeError e);

// A program name the wire carries: 1..15 bytes, each a printable ASCII character other
// than space.
bool is_valid_name(const char* name);

}  // namespace tern::migration
