// The board's peripheral op-tables (include/tern/hal.hpp): present where the board says,
// and working: the console through uart, a GPIO pin driven and read back, a flash page
// erased, written and read back.
#include <string.h>

#include "check.hpp"
#include "tern/hal.hpp"

using namespace tern;

namespace {
Task tester;
Stack<1024> tester_stack;

void tester_main(void*) {
    const hal::Board& b = hal::board();
    CHECK(b.name != nullptr && b.name[0] != 0);
    CHECK(b.uart != nullptr && b.uart->write != nullptr && b.uart->read_byte != nullptr);
    CHECK(b.power != nullptr);
    if (b.uart != nullptr) {
        static const char line[] = "hal uart ok\r\n";
        b.uart->write(line, sizeof line - 1);
        CHECK_EQ(b.uart->read_byte(), -1);  // nothing typed
    }
    if (const hal::GpioOps* g = b.gpio) {
        CHECK(g->configure(g->pin_count, hal::PinMode::output) == Result::invalid);
        CHECK(g->configure(1, hal::PinMode::output) == Result::ok);
        g->write(1, true);
        CHECK(g->read(1));
        g->write(1, false);
        CHECK(!g->read(1));
        print("hal gpio ok\r\n");
    }
    if (const hal::FlashOps* f = b.flash) {
        uintptr_t page = f->base + f->size - f->page_bytes;  // the last page: no code there
        CHECK(f->erase_page(page) == Result::ok);
        const volatile uint8_t* p = reinterpret_cast<const volatile uint8_t*>(page);
        CHECK_EQ(p[0], 0xFF);
        CHECK_EQ(p[f->page_bytes - 1], 0xFF);
        static const uint8_t data[8] = {1, 2, 3, 4, 0xA5, 0x5A, 0, 0xFF};
        CHECK(f->write(page, data, sizeof data) == Result::ok);
        for (unsigned i = 0; i < sizeof data; ++i) CHECK_EQ(p[i], data[i]);
        print("hal flash ok\r\n");
    }
    print("hal %s: uart%s%s%s%s%s\r\n", b.name, b.gpio ? " gpio" : "", b.flash ? " flash" : "",
          b.spi ? " spi" : "", b.i2c ? " i2c" : "", b.power ? " power" : "");
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "hal";
    task_create(tester, "tester", tester_main, nullptr, 3, tester_stack);
    start();
}
