// libFuzzer target for the link and network layers: the input is a byte stream fed to a
// COBS stream decoder, the same bytes cut into datagrams, and every good frame's payload
// (and the raw input) to every message parser and to a live network node with two links
// that sees time pass. Checks: nothing crashes (ASan, UBSan), nothing handed up or sent
// exceeds its bound. Input records: [link][time step][length][bytes...].
//   build/host/tests/world/fuzz_net -max_total_time=600 corpus-net
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tern/world/link.hpp"
#include "tern/world/network.hpp"

using namespace tern::world;

namespace {
struct Io final : NetworkIo {
    void transmit(std::uint8_t link, std::span<const std::uint8_t> p) override {
        if (link >= 2 || p.size() > kLinkMtu) std::abort();
    }
    void deliver(NodeId, Proto proto, std::span<const std::uint8_t> p) override {
        if (p.size() > net::kMaxPayload || std::uint8_t(proto) > 2) std::abort();
    }
    void event(const Event& e) override {
        char line[128];
        Identity self;
        make_identity(5, 1, "fuzz", self);
        if (describe(e, self, line, sizeof line) >= sizeof line) std::abort();
    }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Io io;
    Identity self;
    make_identity(5, 1, "fuzz", self);
    Millis now = 0;
    Network<2, 16, 4> node(self, io, now);
    StreamReceiver<> rx[2];
    LinkCounters dgram;
    auto parse_all = [](std::span<const std::uint8_t> p) {
        net::Hello h;
        net::Lsa l;
        net::DataHeader d;
        std::span<const std::uint8_t> payload;
        (void)net::parse_hello(p, h), (void)net::parse_lsa(p, l);
        if (net::parse_data(p, d, payload) == net::ParseError::none && payload.size() > net::kMaxPayload) std::abort();
    };
    parse_all({data, size});
    for (std::size_t at = 0; at + 3 <= size;) {
        const std::uint8_t link = data[at] & 1;
        now += data[at + 1] * 16;
        std::size_t n = data[at + 2];
        at += 3;
        if (n > size - at) n = size - at;
        std::span<const std::uint8_t> chunk(data + at, n);
        at += n;
        rx[link].feed(chunk, [&](std::span<const std::uint8_t> p) {
            if (p.size() > kLinkMtu) std::abort();
            parse_all(p);
            node.on_frame(now, link, p);
        });
        std::span<const std::uint8_t> p;
        if (datagram_decode(chunk, dgram, p)) {
            parse_all(p);
            node.on_frame(now, link, p);
        }
        parse_all(chunk);
        node.on_frame(now, link, chunk);  // raw, as if a link had passed it
        node.poll(now);
        if (node.next_deadline() < now) std::abort();
    }
    return 0;
}
