// The link layer: frames, COBS streams, resynchronisation, one counter per rejected kind,
// datagrams, frozen samples, and a bounded random-mutation run of the decoders.
#include <gtest/gtest.h>

#include "support.hpp"
#include "tern/util/crc32.hpp"
#include "tern/world/link.hpp"

using namespace tern::world;
using namespace world_test;

namespace {

Bytes frame_of(const Bytes& payload) {
    Bytes out(payload.size() + kLinkOverhead);
    out.resize(link_frame_build(payload, out));
    return out;
}

Bytes stream_of(const Bytes& payload) {
    Bytes out(stream_encoded_max(payload.size()));
    out.resize(stream_encode(payload, out));
    return out;
}

// A frame with a good CRC over whatever header bytes it is given.
Bytes forged(std::uint8_t version, std::uint8_t kind, std::uint16_t length, const Bytes& payload) {
    Bytes f = {version, kind, std::uint8_t(length), std::uint8_t(length >> 8)};
    f.insert(f.end(), payload.begin(), payload.end());
    const std::uint32_t crc = tern::util::crc32(f.data(), f.size());
    for (int i = 0; i < 4; i++) f.push_back(std::uint8_t(crc >> (8 * i)));
    return f;
}

// COBS of raw frame bytes with delimiters (for forged frames on a stream).
Bytes cobs_of(const Bytes& raw) {
    Bytes out = {0};
    std::size_t code_at = out.size();
    out.push_back(1);
    for (std::uint8_t b : raw) {
        if (b == 0) {
            code_at = out.size();
            out.push_back(1);
            continue;
        }
        out.push_back(b);
        if (++out[code_at] == 0xFF) {
            code_at = out.size();
            out.push_back(1);
        }
    }
    out.push_back(0);
    return out;
}

struct Collect {
    StreamReceiver<> rx;
    std::vector<Bytes> got;
    void feed(const Bytes& b) {
        rx.feed(b, [&](std::span<const std::uint8_t> p) { got.emplace_back(p.begin(), p.end()); });
    }
};

}  // namespace

TEST(LinkFrame, BuildsTheDocumentedLayout) {
    Bytes f = frame_of({0xAA, 0x00, 0x55});
    ASSERT_EQ(f.size(), 11u);
    EXPECT_EQ(f[0], kLinkVersion);
    EXPECT_EQ(f[1], kLinkKindPacket);
    EXPECT_EQ(f[2], 3);
    EXPECT_EQ(f[3], 0);
    const std::uint32_t crc = tern::util::crc32(f.data(), 7);
    EXPECT_EQ(f[7] | f[8] << 8 | f[9] << 16 | std::uint32_t(f[10]) << 24, crc);
    std::span<const std::uint8_t> p;
    EXPECT_EQ(link_frame_check(f, kLinkMtu, p), LinkVerdict::ok);
    EXPECT_EQ(Bytes(p.begin(), p.end()), Bytes({0xAA, 0x00, 0x55}));
}

TEST(LinkFrame, RefusesOversizePayloadAndSmallBuffers) {
    Bytes big(kLinkMtu + 1), out(kLinkMtu + 64);
    EXPECT_EQ(link_frame_build(big, out), 0u);
    EXPECT_EQ(stream_encode(big, out), 0u);
    Bytes small(10), tiny(5);
    EXPECT_EQ(link_frame_build(small, tiny), 0u);
    EXPECT_EQ(stream_encode(small, tiny), 0u);
}

TEST(LinkFrame, EachRejectionHasItsVerdict) {
    std::span<const std::uint8_t> p;
    Bytes pay = {1, 2, 3, 4};
    EXPECT_EQ(link_frame_check(Bytes{1, 1, 0, 0, 0, 0, 0}, kLinkMtu, p), LinkVerdict::too_short);
    Bytes f = frame_of(pay);
    f[5] ^= 0x10;
    EXPECT_EQ(link_frame_check(f, kLinkMtu, p), LinkVerdict::bad_crc);
    EXPECT_EQ(link_frame_check(forged(2, 1, 4, pay), kLinkMtu, p), LinkVerdict::bad_version);
    EXPECT_EQ(link_frame_check(forged(1, 1, 9, pay), kLinkMtu, p), LinkVerdict::bad_length);
    EXPECT_EQ(link_frame_check(forged(1, 1, 0xFFFF, pay), kLinkMtu, p), LinkVerdict::bad_length);
    EXPECT_EQ(link_frame_check(forged(1, 9, 4, pay), kLinkMtu, p), LinkVerdict::unknown_kind);
    EXPECT_EQ(link_frame_check(frame_of(Bytes(100)), 50, p), LinkVerdict::too_long);
}

TEST(LinkStream, RoundTripsEverySizeAndHasNoZeroInside) {
    Rng rng(11);
    for (std::size_t n = 0; n <= kLinkMtu; n++) {
        for (int pattern = 0; pattern < 3; pattern++) {
            Bytes pay = pattern == 0 ? Bytes(n, 0) : pattern == 1 ? Bytes(n, 0xFF) : rng.bytes(n);
            Bytes s = stream_of(pay);
            ASSERT_GT(s.size(), 2u);
            ASSERT_LE(s.size(), stream_encoded_max(n));
            EXPECT_EQ(s.front(), 0);
            EXPECT_EQ(s.back(), 0);
            for (std::size_t i = 1; i + 1 < s.size(); i++) ASSERT_NE(s[i], 0) << "n=" << n << " i=" << i;
            Collect c;
            c.feed(s);
            ASSERT_EQ(c.got.size(), 1u) << "n=" << n << " pattern=" << pattern;
            EXPECT_EQ(c.got[0], pay);
        }
    }
}

TEST(LinkStream, OverheadIsBounded) {
    // A full frame of non-zero bytes costs 1 byte per 254 plus the code byte and the two
    // delimiters: the goodput bound docs/world.md states.
    Bytes pay(kLinkMtu, 0x41);
    Bytes s = stream_of(pay);
    const double goodput = double(pay.size()) / double(s.size());
    EXPECT_GT(goodput, 0.95) << s.size();
    EXPECT_EQ(s.size(), stream_encoded_max(kLinkMtu));
}

TEST(LinkStream, ResynchronisesAfterGarbageAndCutFrames) {
    Rng rng(5);
    Collect c;
    std::vector<Bytes> sent;
    for (int i = 0; i < 200; i++) {
        Bytes garbage = rng.bytes(rng.below(80));  // zeros included: random splits
        c.feed(garbage);
        if (i % 7 == 3) {  // a frame cut short, then a good one at once
            Bytes cut = stream_of(rng.bytes(40));
            cut.resize(1 + rng.below(std::uint32_t(cut.size() - 2)));
            c.feed(cut);
        }
        Bytes pay = rng.bytes(1 + rng.below(kLinkMtu));
        sent.push_back(pay);
        c.feed(stream_of(pay));
    }
    ASSERT_EQ(c.got, sent);
    EXPECT_EQ(c.rx.counters().frames_ok, sent.size());
    EXPECT_GT(c.rx.counters().rejected(), 0u);
}

TEST(LinkStream, CountsEveryKindOfRejectedInput) {
    Collect c;
    const Bytes good = stream_of({7, 7, 7});
    Bytes pay = {1, 2, 3, 4};

    c.feed({0, 0x03, 0x11, 0x22, 0x02, 0x33, 0});  // decodes to 11 22 00 33: too short
    EXPECT_EQ(c.rx.counters().too_short, 1u);

    Bytes corrupt = stream_of(pay);
    corrupt[4] ^= 0x01;
    c.feed(corrupt);
    EXPECT_EQ(c.rx.counters().bad_crc, 1u);

    c.feed(cobs_of(forged(3, 1, 4, pay)));
    EXPECT_EQ(c.rx.counters().bad_version, 1u);
    c.feed(cobs_of(forged(1, 1, 200, pay)));
    EXPECT_EQ(c.rx.counters().bad_length, 1u);
    c.feed(cobs_of(forged(1, 0x42, 4, pay)));
    EXPECT_EQ(c.rx.counters().unknown_kind, 1u);

    c.feed({0, 0x09, 1, 2, 0});  // a group of 8 announced, 2 bytes came: cut
    EXPECT_EQ(c.rx.counters().bad_encoding, 1u);

    Bytes endless(kLinkMtu * 3, 0x33);  // no delimiter for longer than any frame
    c.feed(endless);
    c.feed({0});
    EXPECT_EQ(c.rx.counters().too_long, 1u);

    c.feed({0, 0, 0, 0});  // idle delimiters are not errors
    c.feed(good);
    EXPECT_EQ(c.rx.counters().rejected(), 7u);
    ASSERT_EQ(c.got.size(), 1u);
    EXPECT_EQ(c.got[0], Bytes({7, 7, 7}));
    EXPECT_EQ(c.rx.counters().frames_ok, 1u);
}

TEST(LinkStream, SmallReceiverRefusesLargerFrames) {
    StreamReceiver<16> rx;
    std::vector<Bytes> got;
    auto feed = [&](const Bytes& b) {
        rx.feed(b, [&](std::span<const std::uint8_t> p) { got.emplace_back(p.begin(), p.end()); });
    };
    feed(stream_of(Bytes(17, 9)));
    feed(stream_of(Bytes(16, 9)));
    EXPECT_EQ(rx.counters().too_long, 1u);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].size(), 16u);
}

TEST(LinkDatagram, DecodesAndCounts) {
    LinkCounters n;
    std::span<const std::uint8_t> p;
    Bytes pay = {9, 8, 7, 0, 0};
    Bytes d = frame_of(pay);
    ASSERT_TRUE(datagram_decode(d, n, p));
    EXPECT_EQ(Bytes(p.begin(), p.end()), pay);
    Bytes bad = d;
    bad.back() ^= 0x80;
    EXPECT_FALSE(datagram_decode(bad, n, p));
    EXPECT_FALSE(datagram_decode(Bytes{1, 1}, n, p));
    EXPECT_FALSE(datagram_decode(Bytes(kLinkMtu + kLinkOverhead + 1), n, p));
    EXPECT_FALSE(datagram_decode(forged(1, 1, 3, {1, 2}), n, p));
    EXPECT_EQ(n.frames_ok, 1u);
    EXPECT_EQ(n.bad_crc, 1u);
    EXPECT_EQ(n.too_short, 1u);
    EXPECT_EQ(n.too_long, 1u);
    EXPECT_EQ(n.bad_length, 1u);
}

// ---- frozen samples: the bytes on the wire for fixed inputs, compared byte for byte
namespace {
struct Sample {
    const char* file;
    const char* what;
    Bytes bytes;
};
std::vector<Sample> link_samples() {
    Bytes text = {'t', 'e', 'r', 'n'};
    Bytes zeros_and_ff = {0x00, 0xFF, 0x00, 0x00, 0x01, 0xFF};
    Bytes long_run(254, 0x5A);
    return {
        {"link_frame_tern.hex", "link frame (datagram) of payload 74 65 72 6e (\"tern\")", frame_of(text)},
        {"link_stream_tern.hex", "stream bytes (0x00, COBS(frame), 0x00) of payload \"tern\"", stream_of(text)},
        {"link_stream_zeros.hex", "stream bytes of payload 00 ff 00 00 01 ff", stream_of(zeros_and_ff)},
        {"link_stream_254.hex", "stream bytes of a payload of 254 bytes 0x5a (groups of 254 and the rest)", stream_of(long_run)},
        {"link_frame_empty.hex", "link frame (datagram) of the empty payload", frame_of({})},
    };
}
}  // namespace

TEST(LinkFrozen, SamplesMatchByteForByte) {
    for (const Sample& s : link_samples()) {
        const std::string path = frozen_path(s.file);
        if (writing_frozen()) write_hex(path, s.what, s.bytes);
        Bytes want;
        ASSERT_TRUE(read_hex(path, want)) << path;
        EXPECT_EQ(s.bytes, want) << s.file;
        // and the sample decodes back
        Collect c;
        if (std::string(s.file).find("stream") != std::string::npos) {
            c.feed(want);
            EXPECT_EQ(c.got.size(), 1u) << s.file;
        } else {
            LinkCounters n;
            std::span<const std::uint8_t> p;
            EXPECT_TRUE(datagram_decode(want, n, p)) << s.file;
        }
    }
}

// ---- bounded random mutation (the fuzz slice that runs in ./tern test): corrupt, insert,
// delete and cut bytes inside some frames of a stream; every frame left untouched must come
// out, in order, and nothing that was not sent may.
TEST(LinkFuzz, MutatedStreamsLoseOnlyTheMutatedFrames) {
    for (std::uint64_t seed = 1; seed <= 300; seed++) {
        Rng rng(seed);
        Collect c;
        std::vector<Bytes> sent, expected;
        Bytes wire;
        const int frames = 1 + int(rng.below(12));
        for (int i = 0; i < frames; i++) {
            Bytes pay = rng.bytes(rng.below(kLinkMtu + 1));
            Bytes s = stream_of(pay);
            sent.push_back(pay);
            if (rng.chance(400)) {
                const int edits = 1 + int(rng.below(6));
                for (int e = 0; e < edits && s.size() > 2; e++) {
                    const std::size_t at = 1 + rng.below(std::uint32_t(s.size() - 2));
                    switch (rng.below(4)) {
                    case 0: s[at] ^= std::uint8_t(1 + rng.below(255)); break;
                    case 1: s.insert(s.begin() + long(at), std::uint8_t(rng.next())); break;
                    case 2: s.erase(s.begin() + long(at)); break;
                    case 3: s.resize(at), s.push_back(0); break;
                    }
                }
            } else {
                expected.push_back(pay);
            }
            wire.insert(wire.end(), s.begin(), s.end());
        }
        // Feed in random chunks, as a UART would deliver it.
        for (std::size_t at = 0; at < wire.size();) {
            const std::size_t n = std::min<std::size_t>(wire.size() - at, 1 + rng.below(64));
            c.feed(Bytes(wire.begin() + long(at), wire.begin() + long(at + n)));
            at += n;
        }
        // Everything untouched arrives in order; whatever else arrives was really sent
        // (a mutation can leave a frame intact, e.g. an inserted byte XOR'd back).
        std::size_t k = 0;
        for (const Bytes& g : c.got) {
            if (k < expected.size() && g == expected[k]) {
                k++;
                continue;
            }
            bool was_sent = false;
            for (const Bytes& s : sent) was_sent |= (s == g);
            EXPECT_TRUE(was_sent) << "seed " << seed;
        }
        EXPECT_EQ(k, expected.size()) << "seed " << seed;
    }
}

TEST(LinkFuzz, RandomBytesNeverCrashAndAreCounted) {
    Rng rng(99);
    Collect c;
    std::uint64_t zeros = 0;
    for (int i = 0; i < 2000; i++) {
        Bytes b = rng.bytes(rng.below(300));
        for (auto x : b) zeros += x == 0;
        c.feed(b);
        LinkCounters n;
        std::span<const std::uint8_t> p;
        datagram_decode(b, n, p);
    }
    EXPECT_EQ(c.got.size(), 0u);  // a random frame passing CRC-32 is a 2^-32 event
    EXPECT_GT(c.rx.counters().rejected(), zeros / 4);
}
