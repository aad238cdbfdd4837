// Helpers for the world's tests: hex sample files, a seeded PRNG.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

// A hex sample: bytes as hex pairs, whitespace ignored, '#' to the end of a line a comment.
inline bool read_hex(const std::string& path, Bytes& out) {
    std::ifstream f(path);
    if (!f) return false;
    out.clear();
    std::string line;
    while (std::getline(f, line)) {
        auto hash = line.find('#');
        if (hash != std::string::npos) line.resize(hash);
        std::istringstream in(line);
        std::string tok;
        while (in >> tok) {
            for (std::size_t i = 0; i < tok.size(); i += 2) {
                if (i + 2 > tok.size()) return false;
                out.push_back(std::uint8_t(std::stoul(tok.substr(i, 2), nullptr, 16)));
            }
        }
    }
    return true;
}

// Writes a sample (only when TERN_WORLD_WRITE_FROZEN=1: samples are made once, by hand).
inline void write_hex(const std::string& path, const std::string& comment, const Bytes& b) {
    std::ofstream f(path);
    f << "# " << comment << "\n";
    for (std::size_t i = 0; i < b.size(); i++) {
        char h[4];
        std::snprintf(h, sizeof h, "%02x", b[i]);
        f << h << ((i % 16 == 15 || i + 1 == b.size()) ? "\n" : " ");
    }
}

inline bool writing_frozen() {
    const char* w = std::getenv("TERN_WORLD_WRITE_FROZEN");
    return w && w[0] == '1';
}

}  // namespace world_test
