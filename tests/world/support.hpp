// Helpers for the world's tests: hex sample files, a seeded PRNG.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hex_samples.hpp"

namespace world_test {

using Bytes = std::vector<std::uint8_t>;

// splitmix64: small, fast and the same on every host, so a seed names one schedule.
struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint32_t below(std::uint32_t n) { return n ? std::uint32_t(next() % n) : 0; }
    bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }
    Bytes bytes(std::size_t n) {
        Bytes b(n);
        for (auto& x : b) x = std::uint8_t(next());
        return b;
    }
};

inline std::string frozen_path(const std::string& name) { return std::string(WORLD_FROZEN_DIR) + "/" + name; }

// The samples' reader and writer are the tree's one (tests/support/hex_samples.hpp).
inline bool read_hex(const std::string& path, Bytes& out) { return hex_samples::read_hex(path, out); }
// Writes a sample (only when TERN_WORLD_WRITE_FROZEN=1: samples are made once, by hand).
inline void write_hex(const std::string& path, const std::string& comment, const Bytes& b) {
    hex_samples::write_hex(path, comment, b);
}

inline bool writing_frozen() {
    const char* w = std::getenv("TERN_WORLD_WRITE_FROZEN");
    return w && w[0] == '1';
}

}  // namespace world_test
