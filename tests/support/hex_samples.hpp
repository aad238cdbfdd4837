// Frozen wire samples (docs/*: every format has them): bytes as hex pairs in a text file,
// whitespace ignored, '#' to the end of a line a comment. One reader and one writer for
// every subsystem's frozen tests, so that all sample files are one format.
#pragma once
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hex_samples {

using Bytes = std::vector<std::uint8_t>;

// The bytes as a sample file shows them: 16 hex pairs a line (also for readable diffs).
inline std::string to_hex(const Bytes& b) {
    std::string s;
    char h[4];
    for (std::size_t i = 0; i < b.size(); i++) {
        std::snprintf(h, sizeof h, "%02x", b[i]);
        s += h;
        s += (i % 16 == 15 || i + 1 == b.size()) ? "\n" : " ";
    }
    return s;
}

// False if the file is missing or holds something other than hex pairs and comments.
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
                char* end = nullptr;
                std::string pair = tok.substr(i, 2);
                unsigned long v = std::strtoul(pair.c_str(), &end, 16);
                if (end != pair.c_str() + 2) return false;
                out.push_back(std::uint8_t(v));
            }
        }
    }
    return true;
}

// Writes a sample with an optional first comment line. Samples are made once, by hand,
// when a format version is frozen; a test writes one only when asked to (an env flag).
inline void write_hex(const std::string& path, const std::string& comment, const Bytes& b) {
    std::ofstream f(path);
    if (!comment.empty()) f << "# " << comment << "\n";
    f << to_hex(b);
}

}  // namespace hex_samples
