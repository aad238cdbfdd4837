// Assertions for scenario tests: the same source runs as a host process and as a board
// image under QEMU. Failures print file:line and the values; finish() ends the image
// with status 0 only when nothing failed.
#pragma once
#include "tern/kernel.hpp"

namespace tern::test {

inline int failures = 0;
inline const char* test_name = "test";

inline void fail_at(const char* file, int line, const char* what) {
    ++failures;
    print("FAIL %s:%d: %s\r\n", file, line, what);
}

inline void check_eq(long long a, long long b, const char* text, const char* file, int line) {
    if (a != b) {
        ++failures;
        print("FAIL %s:%d: %s: %d != %d\r\n", file, line, text, static_cast<int>(a),
              static_cast<int>(b));
    }
}

[[noreturn]] inline void finish() {
    if (failures == 0) {
        print("PASS %s\r\n", test_name);
        port::exit(0);
    }
    print("FAILED %s: %d failure(s)\r\n", test_name, failures);
    port::exit(1);
}

}  // namespace tern::test

#define CHECK(cond) \
    ((cond) ? (void)0 : ::tern::test::fail_at(__FILE__, __LINE__, "CHECK(" #cond ")"))
#define CHECK_EQ(a, b) \
    ::tern::test::check_eq(static_cast<long long>(a), static_cast<long long>(b), #a " == " #b, \
                           __FILE__, __LINE__)
