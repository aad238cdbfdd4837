// The migration wire format: every type round-trips, the frozen samples in
// tests/migration/frozen/ are what the encoder produces byte for byte (and decode to the
// fields the spec gives), and the decoder refuses every malformed message with its reason
// and reads nothing past the span it is given (a bounded random-mutation run here; the
// libFuzzer target fuzz_wire.cpp runs it without bound).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "hex_samples.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/migration/wire.hpp"

using namespace tern::migration;

namespace {

using Bytes = std::vector<std::uint8_t>;

Header header(Type t, bool from_source) {
    Header h;
    h.type = t;
    h.from_source = from_source;
    h.id = 0x01020304;
    h.sender_incarnation = from_source ? 7 : 9;
    h.receiver_incarnation = from_source ? 9 : 7;
    return h;
}

const std::uint8_t kChunk[5] = {0xde, 0xad, 0xbe, 0xef, 0x42};

// One sample of each type, with the field values docs/migration.md's examples use.
struct Sample {
    const char* file;
    Message m;
};

std::vector<Sample> samples() {
    std::vector<Sample> v;
    Message m;
    m.header = header(Type::offer, true);
    std::strcpy(m.offer.name, "counter");
    m.offer.image_hash = 0x1122334455667788ull;
    m.offer.image_version = 1;
    m.offer.snapshot_version = 1;
    m.offer.builtins = 0x1;
    m.offer.stack_bytes = 1024;
    m.offer.memory_bytes = 1200;
    m.offer.image_size = 420;
    m.offer.snapshot_size = 180;
    v.push_back({"offer", m});
    m = Message{};
    m.header = header(Type::accept, false);
    m.image_cached = true;
    v.push_back({"accept", m});
    m = Message{};
    m.header = header(Type::refuse, false);
    m.reason = Reason::memory;
    v.push_back({"refuse", m});
    m = Message{};
    m.header = header(Type::data, true);
    m.data.stream = Stream::snapshot;
    m.data.offset = 960;
    m.data.length = sizeof kChunk;
    m.data.bytes = kChunk;
    v.push_back({"data", m});
    m = Message{};
    m.header = header(Type::data_ack, false);
    m.acked[0] = 420;
    m.acked[1] = 965;
    v.push_back({"data_ack", m});
    m = Message{};
    m.header = header(Type::ready, false);
    v.push_back({"ready", m});
    m = Message{};
    m.header = header(Type::commit, true);
    v.push_back({"commit", m});
    m = Message{};
    m.header = header(Type::committed, false);
    v.push_back({"committed", m});
    m = Message{};
    m.header = header(Type::abort, true);
    m.reason = Reason::timeout;
    v.push_back({"abort", m});
    m = Message{};
    m.header = header(Type::query, false);
    m.query.source_node = 3;
    m.query.source_incarnation = 7;
    v.push_back({"query", m});
    m = Message{};
    m.header = header(Type::verdict, false);
    m.query.source_node = 3;
    m.query.source_incarnation = 7;
    m.query.outcome = Outcome::committed;
    v.push_back({"verdict", m});
    m = Message{};
    m.header = header(Type::unknown, false);
    m.echoed = header(Type::commit, true);
    v.push_back({"unknown", m});
    return v;
}

Bytes encode_bytes(const Message& m) {
    Bytes out(kMaxMessage);
    std::size_t n = encode(m, out);
    out.resize(n);
    return out;
}

// One reader of frozen samples for the tree (tests/support/hex_samples.hpp).
std::string hex(const Bytes& b) { return hex_samples::to_hex(b); }
bool read_hex(const std::string& path, Bytes* out) { return hex_samples::read_hex(path, *out); }

void expect_same(const Message& a, const Message& b) {
    EXPECT_EQ(a.header.type, b.header.type);
    EXPECT_EQ(a.header.from_source, b.header.from_source);
    EXPECT_EQ(a.header.id, b.header.id);
    EXPECT_EQ(a.header.sender_incarnation, b.header.sender_incarnation);
    EXPECT_EQ(a.header.receiver_incarnation, b.header.receiver_incarnation);
    switch (a.header.type) {
        case Type::offer:
            EXPECT_STREQ(a.offer.name, b.offer.name);
            EXPECT_EQ(a.offer.image_hash, b.offer.image_hash);
            EXPECT_EQ(a.offer.image_version, b.offer.image_version);
            EXPECT_EQ(a.offer.snapshot_version, b.offer.snapshot_version);
            EXPECT_EQ(a.offer.builtins, b.offer.builtins);
            EXPECT_EQ(a.offer.stack_bytes, b.offer.stack_bytes);
            EXPECT_EQ(a.offer.memory_bytes, b.offer.memory_bytes);
            EXPECT_EQ(a.offer.image_size, b.offer.image_size);
            EXPECT_EQ(a.offer.snapshot_size, b.offer.snapshot_size);
            break;
        case Type::accept: EXPECT_EQ(a.image_cached, b.image_cached); break;
        case Type::refuse:
        case Type::abort: EXPECT_EQ(a.reason, b.reason); break;
        case Type::data:
            EXPECT_EQ(a.data.stream, b.data.stream);
            EXPECT_EQ(a.data.offset, b.data.offset);
            ASSERT_EQ(a.data.length, b.data.length);
            EXPECT_EQ(0, std::memcmp(a.data.bytes, b.data.bytes, a.data.length));
            break;
        case Type::data_ack:
            EXPECT_EQ(a.acked[0], b.acked[0]);
            EXPECT_EQ(a.acked[1], b.acked[1]);
            break;
        case Type::query:
        case Type::verdict:
            EXPECT_EQ(a.query.source_node, b.query.source_node);
            EXPECT_EQ(a.query.source_incarnation, b.query.source_incarnation);
            EXPECT_EQ(a.query.outcome, b.query.outcome);
            break;
        case Type::unknown:
            EXPECT_EQ(a.echoed.type, b.echoed.type);
            EXPECT_EQ(a.echoed.from_source, b.echoed.from_source);
            EXPECT_EQ(a.echoed.id, b.echoed.id);
            EXPECT_EQ(a.echoed.sender_incarnation, b.echoed.sender_incarnation);
            EXPECT_EQ(a.echoed.receiver_incarnation, b.echoed.receiver_incarnation);
            break;
        default: break;
    }
}

// Re-seals a mutated message with a correct CRC, so that the checks behind the CRC run.
void reseal(Bytes& b) {
    if (b.size() < kCrcBytes) return;
    tern::ccbpf::wr32(b.data() + b.size() - 4, tern::ccbpf::crc32(b.data(), b.size() - 4));
}

DecodeError decode_bytes(const Bytes& b) {
    Message m;
    // An exact-size heap copy, so AddressSanitizer catches a read one byte past the end.
    std::vector<std::uint8_t> exact(b.begin(), b.end());
    return decode(std::span<const std::uint8_t>(exact.data(), exact.size()), m);
}

}  // namespace

TEST(MigrationWire, EveryTypeRoundTrips) {
    for (const Sample& s : samples()) {
        SCOPED_TRACE(s.file);
        Bytes b = encode_bytes(s.m);
        ASSERT_FALSE(b.empty());
        EXPECT_EQ(b.size(), encoded_size(s.m.header.type, s.m.data.length));
        Message back;
        ASSERT_EQ(decode(b, back), DecodeError::none);
        expect_same(s.m, back);
    }
}

// The frozen samples are the format: if the encoder's bytes change, this fails (write a
// new wire version instead). TERN_MIGRATION_WRITE_FROZEN=1 writes missing files only.
TEST(MigrationWire, FrozenSamplesByteForByte) {
    const bool write = std::getenv("TERN_MIGRATION_WRITE_FROZEN") != nullptr;
    for (const Sample& s : samples()) {
        SCOPED_TRACE(s.file);
        std::string path = std::string(MIGRATION_TEST_DIR) + "/frozen/" + s.file + ".hex";
        Bytes expected = encode_bytes(s.m);
        Bytes frozen;
        if (!read_hex(path, &frozen) && write) {
            std::ofstream(path) << hex(expected);
            ASSERT_TRUE(read_hex(path, &frozen));
        }
        ASSERT_FALSE(frozen.empty()) << "missing " << path;
        EXPECT_EQ(hex(frozen), hex(expected));
        Message back;
        ASSERT_EQ(decode(frozen, back), DecodeError::none);
        expect_same(s.m, back);
    }
}

TEST(MigrationWire, FrozenOfferFieldsAtTheirDocumentedOffsets) {
    Bytes b;
    ASSERT_TRUE(read_hex(std::string(MIGRATION_TEST_DIR) + "/frozen/offer.hex", &b));
    ASSERT_EQ(b.size(), 16u + 48u + 4u);
    EXPECT_EQ(b[0], 1);     // version
    EXPECT_EQ(b[1], 1);     // type offer
    EXPECT_EQ(b[2], 1);     // from source
    EXPECT_EQ(b[3], 0);     // reserved
    EXPECT_EQ(tern::ccbpf::rd32(&b[4]), 0x01020304u);
    EXPECT_EQ(tern::ccbpf::rd32(&b[8]), 7u);
    EXPECT_EQ(tern::ccbpf::rd32(&b[12]), 9u);
    EXPECT_EQ(0, std::memcmp(&b[16], "counter\0\0\0\0\0\0\0\0\0", 16));
    EXPECT_EQ(tern::ccbpf::rd64(&b[32]), 0x1122334455667788ull);
    EXPECT_EQ(tern::ccbpf::rd32(&b[56]), 420u);  // image size
    EXPECT_EQ(tern::ccbpf::rd32(&b[60]), 180u);  // snapshot size
}

TEST(MigrationWire, RefusesTruncatedAndOversize) {
    for (const Sample& s : samples()) {
        SCOPED_TRACE(s.file);
        Bytes b = encode_bytes(s.m);
        for (std::size_t n = 0; n < b.size(); n++) {
            Bytes cut(b.begin(), b.begin() + long(n));
            EXPECT_NE(decode_bytes(cut), DecodeError::none) << "length " << n;
        }
        Bytes longer = b;
        longer.push_back(0);
        reseal(longer);
        EXPECT_EQ(decode_bytes(longer), DecodeError::oversize);
    }
}

TEST(MigrationWire, RefusesEachBadHeaderField) {
    Bytes good = encode_bytes(samples()[0].m);
    auto with = [&](std::size_t at, std::uint8_t v) {
        Bytes b = good;
        b[at] = v;
        reseal(b);
        return decode_bytes(b);
    };
    EXPECT_EQ(with(0, 2), DecodeError::bad_version);
    EXPECT_EQ(with(0, 0), DecodeError::bad_version);
    EXPECT_EQ(with(1, 0), DecodeError::bad_type);
    EXPECT_EQ(with(1, 13), DecodeError::bad_type);
    EXPECT_EQ(with(2, 0x03), DecodeError::reserved_nonzero);
    EXPECT_EQ(with(3, 1), DecodeError::reserved_nonzero);
    EXPECT_EQ(with(2, 0), DecodeError::bad_direction);  // an offer comes from the source
    Bytes zero_id = good;
    std::memset(&zero_id[4], 0, 4);
    reseal(zero_id);
    EXPECT_EQ(decode_bytes(zero_id), DecodeError::bad_field);
    Bytes zero_inc = good;
    std::memset(&zero_inc[8], 0, 4);
    reseal(zero_inc);
    EXPECT_EQ(decode_bytes(zero_inc), DecodeError::bad_field);
    Bytes flipped = good;
    flipped[20] ^= 0x04;  // no reseal: the CRC catches it
    EXPECT_EQ(decode_bytes(flipped), DecodeError::bad_crc);
}

TEST(MigrationWire, RefusesBadBodies) {
    auto mutate = [](const char* file, std::size_t at, std::uint8_t v) {
        for (const Sample& s : samples()) {
            if (std::strcmp(s.file, file) != 0) continue;
            Bytes b = encode_bytes(s.m);
            b[at] = v;
            reseal(b);
            return decode_bytes(b);
        }
        return DecodeError::none;
    };
    EXPECT_EQ(mutate("offer", 16, 0), DecodeError::bad_field);     // empty name
    EXPECT_EQ(mutate("offer", 18, ' '), DecodeError::bad_field);   // space in a name
    EXPECT_EQ(mutate("offer", 30, 'x'), DecodeError::bad_field);   // text after the NUL
    EXPECT_EQ(mutate("offer", 31, 'x'), DecodeError::bad_field);   // in the last byte
    EXPECT_EQ(mutate("offer", 40, 0), DecodeError::bad_field);     // image version 0
    EXPECT_EQ(mutate("accept", 16, 2), DecodeError::bad_field);
    EXPECT_EQ(mutate("accept", 17, 1), DecodeError::reserved_nonzero);
    EXPECT_EQ(mutate("refuse", 16, 0), DecodeError::bad_field);
    EXPECT_EQ(mutate("refuse", 16, 200), DecodeError::bad_field);
    EXPECT_EQ(mutate("abort", 19, 1), DecodeError::reserved_nonzero);
    EXPECT_EQ(mutate("data", 16, 2), DecodeError::bad_field);      // stream
    EXPECT_EQ(mutate("data", 17, 1), DecodeError::reserved_nonzero);
    EXPECT_EQ(mutate("data", 18, 4), DecodeError::oversize);       // says 4 bytes, has 5
    EXPECT_EQ(mutate("data", 18, 6), DecodeError::truncated);      // says 6 bytes, has 5
    EXPECT_EQ(mutate("query", 16, 0), DecodeError::bad_field);     // source node 0
    EXPECT_EQ(mutate("query", 18, 1), DecodeError::reserved_nonzero);
    EXPECT_EQ(mutate("verdict", 18, 9), DecodeError::bad_field);   // outcome
    EXPECT_EQ(mutate("unknown", 17, 12), DecodeError::bad_field);  // echoes an unknown
    EXPECT_EQ(mutate("unknown", 16, 3), DecodeError::bad_version); // echoed header's version
    EXPECT_EQ(mutate("unknown", 18, 0), DecodeError::bad_direction);

    // A chunk length of 0 or above kMaxChunk is refused whatever follows it.
    for (const Sample& s : samples()) {
        if (s.m.header.type != Type::data) continue;
        Bytes b = encode_bytes(s.m);
        b[18] = 0;
        b[19] = 0;
        reseal(b);
        EXPECT_EQ(decode_bytes(b), DecodeError::bad_field);
        Bytes big(encoded_size(Type::data, kMaxChunk + 1), 0);
        std::memcpy(big.data(), b.data(), 24);
        tern::ccbpf::wr16(&big[18], std::uint16_t(kMaxChunk + 1));
        reseal(big);
        EXPECT_EQ(decode_bytes(big), DecodeError::bad_field);
    }
}

TEST(MigrationWire, EncoderRefusesWhatTheDecoderWould) {
    Message m = samples()[0].m;
    Bytes out(kMaxMessage);
    m.header.id = 0;
    EXPECT_EQ(encode(m, out), 0u);
    m = samples()[0].m;
    m.header.from_source = false;
    EXPECT_EQ(encode(m, out), 0u);
    m = samples()[0].m;
    std::strcpy(m.offer.name, "has space");
    EXPECT_EQ(encode(m, out), 0u);
    m = samples()[3].m;  // data
    m.data.length = kMaxChunk + 1;
    EXPECT_EQ(encode(m, out), 0u);
    m = samples()[0].m;
    EXPECT_EQ(encode(m, std::span<std::uint8_t>(out.data(), 10)), 0u);  // too small
}

// Bounded random mutation of every sample: whatever the bytes, decode answers (ASan
// checks it reads only its span), and whatever it accepts encodes back to the same bytes.
TEST(MigrationWire, RandomMutationsNeverCrashAndAcceptedOnesReencode) {
    std::mt19937 rng(12345);
    std::vector<Bytes> corpus;
    for (const Sample& s : samples()) corpus.push_back(encode_bytes(s.m));
    int accepted = 0;
    for (int iter = 0; iter < 40000; iter++) {
        Bytes b = corpus[rng() % corpus.size()];
        int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits; e++) {
            switch (rng() % 4) {
                case 0:
                    if (!b.empty()) b[rng() % b.size()] ^= std::uint8_t(1u << (rng() % 8));
                    break;
                case 1:
                    if (!b.empty()) b[rng() % b.size()] = std::uint8_t(rng());
                    break;
                case 2:
                    if (!b.empty()) b.resize(rng() % b.size());
                    break;
                case 3: b.push_back(std::uint8_t(rng())); break;
            }
        }
        if (rng() % 2) reseal(b);
        Message m;
        Bytes exact(b.begin(), b.end());
        if (decode(std::span<const std::uint8_t>(exact.data(), exact.size()), m) ==
            DecodeError::none) {
            accepted++;
            Bytes again = encode_bytes(m);
            EXPECT_EQ(hex(again), hex(b));
        }
    }
    EXPECT_GT(accepted, 0);  // the resealed mutations reach the checks behind the CRC
}
