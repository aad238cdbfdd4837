// The world's link layer: frames that carry one network packet each, over a byte stream
// (a UART) or over datagrams (UDP on 127.0.0.1, later tern's own UDP). A protocol core
// without I/O: the caller feeds received bytes and sends the bytes it is given.
//
// Every frame, whatever the link, is the same byte string (docs/world-wire.md, "Link frame"):
//     version u8 = 1 | kind u8 = 1 (network packet) | length u16 LE | payload | CRC-32 LE
// with the CRC-32 (tern/util/crc32.hpp) over everything before it. A datagram link sends
// that string as one datagram. A stream link COBS-encodes it and puts a 0x00 delimiter
// before and after: the receiver resynchronises at the next 0x00 whatever came before
// (garbage, a cut frame), and the overhead is bounded (1 byte per 254, plus 3), so a
// UART's goodput stays above 0.95 for full frames (docs/world-network.md: why COBS, not HDLC).
//
// Rejected input is dropped and counted, one counter per reason (LinkCounters).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#ifndef TERN_WORLD_LINK_MTU
#define TERN_WORLD_LINK_MTU 256  // largest payload (network packet) a frame carries
#endif

namespace tern::world {

inline constexpr std::uint8_t kLinkVersion = 1;
inline constexpr std::uint8_t kLinkKindPacket = 1;
inline constexpr std::size_t kLinkHeaderSize = 4;
inline constexpr std::size_t kLinkCrcSize = 4;
inline constexpr std::size_t kLinkOverhead = kLinkHeaderSize + kLinkCrcSize;
inline constexpr std::size_t kLinkMtu = TERN_WORLD_LINK_MTU;
static_assert(kLinkMtu >= 216 && kLinkMtu <= 65535, "a link carries 200 B of network payload");

// Why a frame was refused (ok: it was not).
enum class LinkVerdict : std::uint8_t {
    ok,
    too_short,     // fewer bytes than a header and a CRC
    too_long,      // more than kLinkOverhead + the receiver's MTU
    bad_encoding,  // stream only: a COBS group cut by a delimiter (a cut frame)
    bad_crc,       // CRC-32 mismatch: noise, corruption, a frame spliced from two
    bad_version,   // CRC good, version byte not kLinkVersion (a newer peer)
    bad_length,    // CRC good, length field disagrees with the frame's size
    unknown_kind,  // CRC good, kind not known
};

struct LinkCounters {
    std::uint32_t frames_ok = 0;
    std::uint32_t too_short = 0;
    std::uint32_t too_long = 0;
    std::uint32_t bad_encoding = 0;
    std::uint32_t bad_crc = 0;
    std::uint32_t bad_version = 0;
    std::uint32_t bad_length = 0;
    std::uint32_t unknown_kind = 0;

    void count(LinkVerdict v);
    std::uint32_t rejected() const {
        return too_short + too_long + bad_encoding + bad_crc + bad_version + bad_length + unknown_kind;
    }
};

// Writes the frame for `payload` into `out`; returns its size (payload + kLinkOverhead), or 0
// when the payload is larger than kLinkMtu or `out` is too small.
std::size_t link_frame_build(std::span<const std::uint8_t> payload, std::span<std::uint8_t> out);

// Checks a whole frame (a datagram, or a decoded stream frame). On ok, `payload` views the
// payload inside `frame`.
LinkVerdict link_frame_check(std::span<const std::uint8_t> frame, std::size_t mtu,
                             std::span<const std::uint8_t>& payload);

// ---- datagram links: one frame per datagram
inline std::size_t datagram_encode(std::span<const std::uint8_t> payload, std::span<std::uint8_t> out) {
    return link_frame_build(payload, out);
}
// Returns true with `payload` set for a good datagram; otherwise counts why and returns false.
bool datagram_decode(std::span<const std::uint8_t> datagram, LinkCounters& counters,
                     std::span<const std::uint8_t>& payload, std::size_t mtu = kLinkMtu);

// ---- stream links: 0x00, COBS(frame), 0x00
// Largest encoding of a payload of `size` bytes.
constexpr std::size_t stream_encoded_max(std::size_t size) {
    const std::size_t frame = size + kLinkOverhead;
    return frame + frame / 254 + 1 + 2;
}
inline constexpr std::size_t kStreamFrameMax = stream_encoded_max(kLinkMtu);

// Writes the stream bytes for `payload` into `out`; returns their count, or 0 if the
// payload is larger than kLinkMtu or `out` is smaller than stream_encoded_max(size).
std::size_t stream_encode(std::span<const std::uint8_t> payload, std::span<std::uint8_t> out);

// Receives a byte stream. Holds the frame being decoded in a buffer it is given (one
// frame's worth: kLinkOverhead + MTU); StreamReceiver<> below owns one.
class StreamDecoder {
public:
    StreamDecoder(std::uint8_t* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

    // One received byte. Returns true when it completed a good frame; `payload` then views
    // it inside the decoder's buffer, valid until the next push().
    bool push(std::uint8_t byte, std::span<const std::uint8_t>& payload);

    // Every byte of `bytes`; on_payload(std::span<const std::uint8_t>) for each good frame.
    template <class F>
    void feed(std::span<const std::uint8_t> bytes, F&& on_payload) {
        std::span<const std::uint8_t> p;
        for (std::uint8_t b : bytes)
            if (push(b, p)) on_payload(p);
    }

    const LinkCounters& counters() const { return counters_; }
    // Forgets a partly received frame (the next byte starts afresh), counters kept.
    void reset() { len_ = 0, code_left_ = 0, zero_pending_ = started_ = overflow_ = false; }

private:
    std::uint8_t* buf_;
    std::size_t cap_;
    std::size_t len_ = 0;
    std::uint8_t code_left_ = 0;  // data bytes still to come in the current COBS group
    bool zero_pending_ = false;   // the current group ends with an implicit 0x00
    bool started_ = false;        // a byte other than the delimiter came since the last one
    bool overflow_ = false;       // longer than the buffer: discarding up to the delimiter
    LinkCounters counters_;
};

template <std::size_t Mtu = kLinkMtu>
class StreamReceiver : public StreamDecoder {
public:
    StreamReceiver() : StreamDecoder(storage_, sizeof storage_) {}
    StreamReceiver(const StreamReceiver&) = delete;
    StreamReceiver& operator=(const StreamReceiver&) = delete;

private:
    std::uint8_t storage_[Mtu + kLinkOverhead];
};

}  // namespace tern::world
