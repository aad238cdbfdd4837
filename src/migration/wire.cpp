// Migration messages: encode and strictly decode (docs/migration.md, "Wire format").
// All integers little-endian; every message ends with a CRC-32 of the bytes before it, so a
// message corrupted on a link that has no CRC of its own is refused here, not acted on.
#include "tern/migration/wire.hpp"

#include <cstring>

#include "tern/ccbpf/image.hpp"  // crc32, rd/wr helpers

namespace tern::migration {

using ccbpf::rd16;
using ccbpf::rd32;
using ccbpf::rd64;
using ccbpf::wr16;
using ccbpf::wr32;
using ccbpf::wr64;

namespace {

constexpr std::uint8_t kFlagFromSource = 0x01;

// Body bytes of each type; data's is the fixed part (its chunk follows).
std::size_t body_size(Type t) {
    switch (t) {
        case Type::offer: return kOfferBody;
        case Type::accept:
        case Type::refuse:
        case Type::abort: return 4;
        case Type::data: return kDataBodyFixed;
        case Type::data_ack:
        case Type::query:
        case Type::verdict: return 8;
        case Type::ready:
        case Type::commit:
        case Type::committed: return 0;
        case Type::unknown: return kHeaderBytes;
    }
    return 0;
}

bool type_in_range(std::uint8_t t) { return t >= kTypeFirst && t <= kTypeLast; }

// The from-source flag each type must carry: 1 or 0, or -1 when either is allowed.
int required_direction(Type t) {
    switch (t) {
        case Type::offer:
        case Type::data:
        case Type::commit: return 1;
        case Type::accept:
        case Type::refuse:
        case Type::data_ack:
        case Type::ready:
        case Type::committed:
        case Type::query:
        case Type::verdict: return 0;
        case Type::abort:
        case Type::unknown: return -1;
    }
    return 0;
}

bool reason_valid(std::uint8_t r) { return r >= 1 && r <= kReasonLast; }

// Header rules shared by a message and the header an `unknown` echoes.
DecodeError check_header_fields(const std::uint8_t* p, Header& h) {
    if (p[0] != kWireVersion) return DecodeError::bad_version;
    if (!type_in_range(p[1])) return DecodeError::bad_type;
    if ((p[2] & ~kFlagFromSource) != 0 || p[3] != 0) return DecodeError::reserved_nonzero;
    h.type = Type(p[1]);
    h.from_source = (p[2] & kFlagFromSource) != 0;
    h.id = rd32(p + 4);
    h.sender_incarnation = rd32(p + 8);
    h.receiver_incarnation = rd32(p + 12);
    int dir = required_direction(h.type);
    if (dir >= 0 && int(h.from_source) != dir) return DecodeError::bad_direction;
    if (h.id == 0 || h.sender_incarnation == 0) return DecodeError::bad_field;
    return DecodeError::none;
}

void put_header(std::uint8_t* p, const Header& h) {
    p[0] = kWireVersion;
    p[1] = std::uint8_t(h.type);
    p[2] = h.from_source ? kFlagFromSource : 0;
    p[3] = 0;
    wr32(p + 4, h.id);
    wr32(p + 8, h.sender_incarnation);
    wr32(p + 12, h.receiver_incarnation);
}

bool header_encodable(const Header& h) {
    if (!type_in_range(std::uint8_t(h.type))) return false;
    int dir = required_direction(h.type);
    if (dir >= 0 && int(h.from_source) != dir) return false;
    return h.id != 0 && h.sender_incarnation != 0;
}

bool all_zero(const std::uint8_t* p, std::size_t n) {
    for (std::size_t i = 0; i < n; i++)
        if (p[i] != 0) return false;
    return true;
}

// Name field: 1..15 name characters, then NULs to the end of the 16 bytes.
bool name_field_valid(const std::uint8_t* p) {
    std::size_t n = 0;
    while (n < kNameBytes && p[n] != 0) {
        if (p[n] <= 0x20 || p[n] >= 0x7f) return false;
        n++;
    }
    return n >= 1 && n < kNameBytes && all_zero(p + n, kNameBytes - n);
}

}  // namespace

bool is_valid_name(const char* name) {
    if (name == nullptr) return false;
    std::size_t n = 0;
    while (name[n] != 0) {
        auto c = std::uint8_t(name[n]);
        if (c <= 0x20 || c >= 0x7f) return false;
        if (++n >= kNameBytes) return false;
    }
    return n >= 1;
}

std::size_t encoded_size(Type type, std::size_t data_length) {
    return kHeaderBytes + body_size(type) + (type == Type::data ? data_length : 0) + kCrcBytes;
}

DecodeError decode(std::span<const std::uint8_t> bytes, Message& out) {
    const std::uint8_t* p = bytes.data();
    const std::size_t n = bytes.size();
    if (n < kHeaderBytes + kCrcBytes) return DecodeError::truncated;
    if (p[0] != kWireVersion) return DecodeError::bad_version;
    if (!type_in_range(p[1])) return DecodeError::bad_type;
    const Type type = Type(p[1]);
    std::size_t expected = encoded_size(type);
    if (type == Type::data) {
        if (n < expected) return DecodeError::truncated;
        std::uint16_t len = rd16(p + kHeaderBytes + 2);
        if (len == 0 || len > kMaxChunk) return DecodeError::bad_field;
        expected += len;
    }
    if (n < expected) return DecodeError::truncated;
    if (n > expected) return DecodeError::oversize;
    if (ccbpf::crc32(p, n - kCrcBytes) != rd32(p + n - kCrcBytes)) return DecodeError::bad_crc;

    out = Message{};
    if (DecodeError e = check_header_fields(p, out.header); e != DecodeError::none) return e;
    const std::uint8_t* b = p + kHeaderBytes;
    switch (type) {
        case Type::offer: {
            if (!name_field_valid(b)) return DecodeError::bad_field;
            std::memcpy(out.offer.name, b, kNameBytes);
            Offer& o = out.offer;
            o.image_hash = rd64(b + 16);
            o.image_version = rd16(b + 24);
            o.snapshot_version = rd16(b + 26);
            o.builtins = rd32(b + 28);
            o.stack_bytes = rd32(b + 32);
            o.memory_bytes = rd32(b + 36);
            o.image_size = rd32(b + 40);
            o.snapshot_size = rd32(b + 44);
            if (o.image_version == 0 || o.snapshot_version == 0 || o.image_size == 0 ||
                o.snapshot_size == 0 || o.memory_bytes == 0 || o.stack_bytes > o.memory_bytes)
                return DecodeError::bad_field;
            break;
        }
        case Type::accept:
            if (!all_zero(b + 1, 3)) return DecodeError::reserved_nonzero;
            if (b[0] > 1) return DecodeError::bad_field;
            out.image_cached = b[0] == 1;
            break;
        case Type::refuse:
        case Type::abort:
            if (!all_zero(b + 1, 3)) return DecodeError::reserved_nonzero;
            if (!reason_valid(b[0])) return DecodeError::bad_field;
            out.reason = Reason(b[0]);
            break;
        case Type::data: {
            if (b[1] != 0) return DecodeError::reserved_nonzero;
            if (b[0] > 1) return DecodeError::bad_field;
            out.data.stream = Stream(b[0]);
            out.data.length = rd16(b + 2);
            out.data.offset = rd32(b + 4);
            if (std::uint64_t(out.data.offset) + out.data.length > 0xFFFFFFFFull)
                return DecodeError::bad_field;
            out.data.bytes = b + kDataBodyFixed;
            break;
        }
        case Type::data_ack:
            out.acked[0] = rd32(b);
            out.acked[1] = rd32(b + 4);
            break;
        case Type::query:
        case Type::verdict:
            out.query.source_node = rd16(b);
            out.query.source_incarnation = rd32(b + 4);
            if (type == Type::query) {
                if (!all_zero(b + 2, 2)) return DecodeError::reserved_nonzero;
            } else {
                if (b[3] != 0) return DecodeError::reserved_nonzero;
                if (b[2] > kOutcomeLast) return DecodeError::bad_field;
                out.query.outcome = Outcome(b[2]);
            }
            if (out.query.source_node == 0 || out.query.source_incarnation == 0)
                return DecodeError::bad_field;
            break;
        case Type::ready:
        case Type::commit:
        case Type::committed: break;
        case Type::unknown: {
            // The echoed header follows the header rules; an unknown is never answered.
            if (DecodeError e = check_header_fields(b, out.echoed); e != DecodeError::none)
                return e;
            if (out.echoed.type == Type::unknown) return DecodeError::bad_field;
            if (out.header.from_source == out.echoed.from_source) return DecodeError::bad_direction;
            break;
        }
    }
    return DecodeError::none;
}

std::size_t encode(const Message& m, std::span<std::uint8_t> out) {
    const Header& h = m.header;
    if (!header_encodable(h)) return 0;
    const std::size_t length = h.type == Type::data ? m.data.length : 0;
    if (h.type == Type::data && (length == 0 || length > kMaxChunk || m.data.bytes == nullptr))
        return 0;
    const std::size_t size = encoded_size(h.type, length);
    if (out.size() < size) return 0;
    std::uint8_t* p = out.data();
    std::memset(p, 0, size);
    put_header(p, h);
    std::uint8_t* b = p + kHeaderBytes;
    switch (h.type) {
        case Type::offer: {
            const Offer& o = m.offer;
            if (!is_valid_name(o.name)) return 0;
            if (o.image_version == 0 || o.snapshot_version == 0 || o.image_size == 0 ||
                o.snapshot_size == 0 || o.memory_bytes == 0 || o.stack_bytes > o.memory_bytes)
                return 0;
            std::memcpy(b, o.name, std::strlen(o.name));
            wr64(b + 16, o.image_hash);
            wr16(b + 24, o.image_version);
            wr16(b + 26, o.snapshot_version);
            wr32(b + 28, o.builtins);
            wr32(b + 32, o.stack_bytes);
            wr32(b + 36, o.memory_bytes);
            wr32(b + 40, o.image_size);
            wr32(b + 44, o.snapshot_size);
            break;
        }
        case Type::accept: b[0] = m.image_cached ? 1 : 0; break;
        case Type::refuse:
        case Type::abort:
            if (!reason_valid(std::uint8_t(m.reason))) return 0;
            b[0] = std::uint8_t(m.reason);
            break;
        case Type::data:
            if (std::uint8_t(m.data.stream) > 1) return 0;
            if (std::uint64_t(m.data.offset) + length > 0xFFFFFFFFull) return 0;
            b[0] = std::uint8_t(m.data.stream);
            wr16(b + 2, std::uint16_t(length));
            wr32(b + 4, m.data.offset);
            std::memcpy(b + kDataBodyFixed, m.data.bytes, length);
            break;
        case Type::data_ack:
            wr32(b, m.acked[0]);
            wr32(b + 4, m.acked[1]);
            break;
        case Type::query:
        case Type::verdict:
            if (m.query.source_node == 0 || m.query.source_incarnation == 0) return 0;
            if (std::uint8_t(m.query.outcome) > kOutcomeLast) return 0;
            wr16(b, m.query.source_node);
            if (h.type == Type::verdict) b[2] = std::uint8_t(m.query.outcome);
            wr32(b + 4, m.query.source_incarnation);
            break;
        case Type::ready:
        case Type::commit:
        case Type::committed: break;
        case Type::unknown:
            if (!header_encodable(m.echoed) || m.echoed.type == Type::unknown) return 0;
            if (m.echoed.from_source == h.from_source) return 0;
            put_header(b, m.echoed);
            break;
    }
    wr32(p + size - kCrcBytes, ccbpf::crc32(p, size - kCrcBytes));
    return size;
}

const char* type_name(Type t) {
    switch (t) {
        case Type::offer: return "offer";
        case Type::accept: return "accept";
        case Type::refuse: return "refuse";
        case Type::data: return "data";
        case Type::data_ack: return "data_ack";
        case Type::ready: return "ready";
        case Type::commit: return "commit";
        case Type::committed: return "committed";
        case Type::abort: return "abort";
        case Type::query: return "query";
        case Type::verdict: return "verdict";
        case Type::unknown: return "unknown";
    }
    return "?";
}

const char* reason_text(Reason r) {
    switch (r) {
        case Reason::none: return "no reason";
        case Reason::version: return "image or snapshot format version not supported";
        case Reason::builtins: return "the program needs a built-in the destination lacks";
        case Reason::memory: return "not enough free memory at the destination";
        case Reason::busy: return "the destination is busy with other migrations";
        case Reason::name_taken: return "a program of that name lives at the destination";
        case Reason::too_large: return "image or snapshot too large for the destination";
        case Reason::image_rejected: return "the image was rejected (hash, CRC or verifier)";
        case Reason::snapshot_rejected: return "the snapshot does not restore into the image";
        case Reason::timeout: return "the peer did not answer in time";
        case Reason::cancelled: return "the source cancelled the migration";
        case Reason::peer_reset: return "the peer restarted and lost the attempt";
        case Reason::no_program: return "no such program to move";
        case Reason::bad_destination: return "not a valid destination";
    }
    return "?";
}

const char* outcome_name(Outcome o) {
    switch (o) {
        case Outcome::unknown: return "unknown";
        case Outcome::pending: return "pending";
        case Outcome::committed: return "committed";
        case Outcome::aborted: return "aborted";
        case Outcome::lost: return "lost";
    }
    return "?";
}

const char* decode_error_text(DecodeError e) {
    switch (e) {
        case DecodeError::none: return "ok";
        case DecodeError::truncated: return "truncated";
        case DecodeError::oversize: return "longer than its type allows";
        case DecodeError::bad_version: return "unsupported wire version";
        case DecodeError::bad_type: return "unknown message type";
        case DecodeError::reserved_nonzero: return "reserved field not zero";
        case DecodeError::bad_direction: return "wrong direction for its type";
        case DecodeError::bad_crc: return "CRC mismatch";
        case DecodeError::bad_field: return "field out of range";
    }
    return "?";
}

}  // namespace tern::migration
