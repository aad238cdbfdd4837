// Result codes shared by every kernel call that can fail or block.
#pragma once
#include <stdint.h>

namespace tern {

enum class Result : int8_t {
    ok = 0,
    timeout = -1,        // the wait's time ran out
    would_block = -2,    // a poll (timeout 0) found nothing to take
    invalid = -3,        // a bad argument or an object in the wrong state
    wrong_context = -4,  // called from an interrupt where only a task may call, or before start
    deleted = -5,        // the object (or the waiting task) was deleted during the wait
    no_memory = -6,      // a fixed-size table or heap is full
};

const char* result_name(Result r);

}  // namespace tern
