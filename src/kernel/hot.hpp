// TERN_HOT marks the few service fast paths that benchmarks time (an uncontended take,
// give, lock, unlock, send, receive, block free). At -Os GCC saves and restores registers
// around them that -O2 keeps in scratch registers; these functions are a dozen
// instructions, so the size cost is nil.
#pragma once

#if defined(__GNUC__) && !defined(__clang__)
#define TERN_HOT [[gnu::optimize("O2")]]
#else
#define TERN_HOT
#endif
