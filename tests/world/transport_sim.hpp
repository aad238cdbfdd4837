// A deterministic simulator for the transport: 2..N nodes wired directly (the network
// layer's routing is not part of it), a seeded schedule of drops, duplicates, reordering,
// corruption (dropped, as the link's CRC would), delay, partitions that heal and node
// resets with a new incarnation. It checks, on every schedule:
//  - every message delivered is delivered once, from the right sender, intact, and in the
//    order sent (per sender and receiver);
//  - every message accepted by send() ends in exactly one event at its sender (acked or
//    lost) unless the sender itself was reset first;
//  - acked => delivered exactly once; lost => delivered at most once;
//  - a loss is only reported after a reset of the receiver, or a partition or down time
//    longer than the give-up time between the two (a short one never causes a loss).
#pragma once
#include <cstdint>
#include <string>

namespace tern::world::sim {

struct Stats {
    std::uint32_t nodes = 0;
    std::uint32_t messages = 0;
    std::uint32_t acked = 0;
    std::uint32_t lost_timeout = 0;
    std::uint32_t lost_reset = 0;
    std::uint32_t lost_but_delivered = 0;  // delivered once, but the ack never came back
    std::uint32_t vanished = 0;            // the sender was reset before an outcome
    std::uint64_t packets = 0;
    std::uint64_t bytes_delivered = 0;
    std::uint64_t virtual_ms = 0;
    std::uint32_t resets = 0;
    std::uint32_t long_partitions = 0;
};

struct Result {
    bool ok = true;
    std::string failure;  // the first invariant broken, with the time and message
    Stats stats;
};

struct Options {
    std::uint32_t max_nodes = 6;
    std::uint32_t max_messages = 40;
    bool faults = true;  // false: a perfect wire (for figures)
};

Result run_schedule(std::uint64_t seed, const Options& options = {});

}  // namespace tern::world::sim
