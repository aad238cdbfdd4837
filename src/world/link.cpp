// Link frames, COBS stream encoding and decoding. docs/world-wire.md has the byte layout.
#include "tern/world/link.hpp"

#include "tern/util/crc32.hpp"

namespace tern::world {

namespace {
void put_le32(std::uint8_t* p, std::uint32_t v) {
    p[0] = std::uint8_t(v), p[1] = std::uint8_t(v >> 8), p[2] = std::uint8_t(v >> 16), p[3] = std::uint8_t(v >> 24);
}
std::uint32_t get_le32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

// COBS encoder writing into a bounded buffer: a group is at most 254 data bytes after its
// code byte; a 0x00 in the input closes the group (its code says where the zero was).
struct CobsWriter {
    std::uint8_t* out;
    std::size_t code_at;
    std::size_t at;
    void begin() { code_at = at++, out[code_at] = 1; }
    void put(std::uint8_t b) {
        if (b == 0) {
            begin();
            return;
        }
        out[at++] = b;
        if (++out[code_at] == 0xFF) begin();
    }
};
}  // namespace

void LinkCounters::count(LinkVerdict v) {
    switch (v) {
    case LinkVerdict::ok: frames_ok++; break;
    case LinkVerdict::too_short: too_short++; break;
    case LinkVerdict::too_long: too_long++; break;
    case LinkVerdict::bad_encoding: bad_encoding++; break;
    case LinkVerdict::bad_crc: bad_crc++; break;
    case LinkVerdict::bad_version: bad_version++; break;
    case LinkVerdict::bad_length: bad_length++; break;
    case LinkVerdict::unknown_kind: unknown_kind++; break;
    }
}

std::size_t link_frame_build(std::span<const std::uint8_t> payload, std::span<std::uint8_t> out) {
    const std::size_t n = payload.size();
    if (n > kLinkMtu || out.size() < n + kLinkOverhead) return 0;
    std::uint8_t* p = out.data();
    p[0] = kLinkVersion;
    p[1] = kLinkKindPacket;
    p[2] = std::uint8_t(n), p[3] = std::uint8_t(n >> 8);
    for (std::size_t i = 0; i < n; i++) p[kLinkHeaderSize + i] = payload[i];
    put_le32(p + kLinkHeaderSize + n, util::crc32(p, kLinkHeaderSize + n));
    return n + kLinkOverhead;
}

LinkVerdict link_frame_check(std::span<const std::uint8_t> frame, std::size_t mtu,
                             std::span<const std::uint8_t>& payload) {
    const std::size_t n = frame.size();
    if (n < kLinkOverhead) return LinkVerdict::too_short;
    if (n > mtu + kLinkOverhead) return LinkVerdict::too_long;
    const std::uint8_t* p = frame.data();
    // The CRC sits at the end whatever the version, so it is checked first: what fails it
    // is noise; what passes it and is still refused was sent as it is.
    if (get_le32(p + n - kLinkCrcSize) != util::crc32(p, n - kLinkCrcSize)) return LinkVerdict::bad_crc;
    if (p[0] != kLinkVersion) return LinkVerdict::bad_version;
    const std::size_t len = std::size_t(p[2]) | std::size_t(p[3]) << 8;
    if (len != n - kLinkOverhead) return LinkVerdict::bad_length;
    if (p[1] != kLinkKindPacket) return LinkVerdict::unknown_kind;
    payload = frame.subspan(kLinkHeaderSize, len);
    return LinkVerdict::ok;
}

bool datagram_decode(std::span<const std::uint8_t> datagram, LinkCounters& counters,
                     std::span<const std::uint8_t>& payload, std::size_t mtu) {
    const LinkVerdict v = link_frame_check(datagram, mtu, payload);
    counters.count(v);
    return v == LinkVerdict::ok;
}

std::size_t stream_encode(std::span<const std::uint8_t> payload, std::span<std::uint8_t> out) {
    const std::size_t n = payload.size();
    if (n > kLinkMtu || out.size() < stream_encoded_max(n)) return 0;
    std::uint8_t header[kLinkHeaderSize] = {kLinkVersion, kLinkKindPacket, std::uint8_t(n), std::uint8_t(n >> 8)};
    std::uint32_t crc = util::crc32_update(0, header, sizeof header);
    crc = util::crc32_update(crc, payload.data(), n);
    std::uint8_t trailer[kLinkCrcSize];
    put_le32(trailer, crc);

    out[0] = 0;  // ends whatever the receiver was in the middle of
    CobsWriter w{out.data(), 0, 1};
    w.begin();
    for (std::uint8_t b : header) w.put(b);
    for (std::uint8_t b : payload) w.put(b);
    for (std::uint8_t b : trailer) w.put(b);
    // The final group needs no marker: the delimiter ends it, and its implicit 0x00 (or
    // the empty group after 254 bytes) is dropped by the decoder.
    out[w.at++] = 0;
    return w.at;
}

bool StreamDecoder::push(std::uint8_t byte, std::span<const std::uint8_t>& payload) {
    if (byte == 0) {
        const bool started = started_, overflow = overflow_, cut = code_left_ != 0;
        const std::size_t len = len_;
        reset();
        if (!started) return false;  // idle delimiters between frames
        if (overflow) {
            counters_.count(LinkVerdict::too_long);
            return false;
        }
        if (cut) {
            counters_.count(LinkVerdict::bad_encoding);
            return false;
        }
        const LinkVerdict v = link_frame_check({buf_, len}, cap_ - kLinkOverhead, payload);
        counters_.count(v);
        return v == LinkVerdict::ok;
    }
    started_ = true;
    if (overflow_) return false;
    if (code_left_ == 0) {  // a code byte: the group before it, if it asked, ends in 0x00
        if (zero_pending_) {
            if (len_ == cap_) {
                overflow_ = true;
                return false;
            }
            buf_[len_++] = 0;
        }
        code_left_ = std::uint8_t(byte - 1);
        zero_pending_ = byte != 0xFF;
        return false;
    }
    if (len_ == cap_) {
        overflow_ = true;
        return false;
    }
    buf_[len_++] = byte;
    code_left_--;
    return false;
}

}  // namespace tern::world
