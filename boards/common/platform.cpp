// hal_platform_register / hal_platform_get (include/tern/hal.h): the board's own device
// table (hal::board_platform, defined with the board's code) until an application
// registers another. Registration happens before the scheduler starts, or from one task:
// a plain pointer, read by every caller after.
#include "tern/hal.hpp"

namespace {
const hal_platform_t* registered = nullptr;
}

extern "C" void hal_platform_register(const hal_platform_t* platform) { registered = platform; }

extern "C" const hal_platform_t* hal_platform_get(void) {
    return registered != nullptr ? registered : &tern::hal::board_platform;
}
