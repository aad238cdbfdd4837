// The RPC simulator: several nodes, each with a real TransportCore and RpcCore, over a faulty
// medium (drops, duplicates, delay and reordering, partitions that heal, node resets with a
// new incarnation, routes that come and go in the directory), seeded. On every schedule:
//  - every call ends exactly once, on the node that made it, unless that node reset first;
//  - it ends with its expected result (ok, no such path, refused, unknown node, too big) or,
//    for a call that crosses the network, unreachable, timed out or busy; nothing else;
//  - an ok reply carries what the handler answered to that very call (never another's);
//  - each call's handler runs at most once; ok means it ran exactly once;
//  - in a schedule without loss, partitions or resets every call ends with its expected result.
#pragma once
#include <cstdint>
#include <string>

namespace tern::world::rpcsim {

struct Stats {
    std::uint32_t calls = 0;
    std::uint32_t by_result[8] = {};  // indexed by rpc::Result
    std::uint32_t vanished = 0;       // the caller reset before the call ended
    std::uint32_t late_replies = 0;
    std::uint32_t executions = 0;
    std::uint32_t resets = 0;
    std::uint32_t partitions = 0;
    std::uint64_t packets = 0;
    std::uint64_t virtual_ms = 0;
};

struct Outcome {
    bool ok = true;
    std::string failure;
    Stats stats;
};

Outcome run_schedule(std::uint64_t seed);

}  // namespace tern::world::rpcsim
