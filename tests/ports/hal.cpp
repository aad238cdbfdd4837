// The board's device table (include/tern/hal.h): every slot the board fills is there and
// works (the console through uart[0], the counter moving at its rate, a GPIO pin driven and
// read back, a flash page erased, written and read back, the other UARTs set up and
// written), and hal_platform_register / hal_platform_get swap the table and back, from C++
// and, the seed's way, from C (hal_seed.c).
#include <string.h>

#include "check.hpp"
#include "tern/hal.hpp"

using namespace tern;

extern "C" int hal_seed_check(void);

namespace {
Task tester;
Stack<1024> tester_stack;

unsigned check_other_uarts(const hal::Platform& b) {
    unsigned n = 0;
    for (unsigned i = 1; i < HAL_UART_MAX; ++i) {
        const hal::UartOps* u = b.uart[i];
        if (u == nullptr) continue;
        ++n;
        CHECK(u->init(0) == OS_ERROR_INVALID);
        CHECK(u->init(115200) == OS_OK);
        (u->putc)('l');  // to QEMU's next -serial (none given: dropped)
        static const char rest[] = "ink\r\n";
        u->write(rest, sizeof rest - 1);
        CHECK_EQ(u->read_byte(), -1);
    }
    return n;
}

void check_board_table(const hal::Platform& b) {
    CHECK(b.name != nullptr && strcmp(b.name, TERN_TEST_BOARD) == 0);
    CHECK(b.uart[0] != nullptr && b.uart[0]->putc != nullptr && b.uart[0]->write != nullptr &&
          b.uart[0]->read_byte != nullptr);
    CHECK(b.power != nullptr && b.power->enter_sleep != nullptr && b.power->reset != nullptr);
    CHECK(b.power == nullptr || b.power->set_clock_hz == nullptr);  // no board changes clocks
    if (b.uart[0] != nullptr) {
        static const char head[] = "hal ";  // byte by byte, then the rest in one write
        for (unsigned i = 0; i < sizeof head - 1; ++i) (b.uart[0]->putc)(head[i]);
        static const char line[] = "uart ok\r\n";
        b.uart[0]->write(line, sizeof line - 1);
        CHECK_EQ(b.uart[0]->read_byte(), -1);  // nothing typed
    }
    unsigned other_uarts = check_other_uarts(b);
    CHECK_EQ(other_uarts > 0, TERN_TEST_SECOND_UART != 0);  // as board.cmake declares
    if (const hal::TimerOps* t = b.timer) {
        CHECK(t->hz >= 1000);
        uint32_t before = t->now();
        delay(ms_to_ticks(10));  // at least 9 and at most 11 tick periods pass
        uint32_t moved = t->now() - before;
        CHECK(moved >= t->hz / 1000 * 9);
        CHECK(moved <= t->hz / 1000 * 12);
        print("hal timer ok\r\n");
    }
    if (const hal::GpioOps* g = b.gpio) {
        CHECK(g->configure(g->pin_count, HAL_PIN_OUTPUT) == OS_ERROR_INVALID);
        CHECK(g->configure(1, HAL_PIN_OUTPUT) == OS_OK);
        g->write(1, 1);
        CHECK_EQ(g->read(1), 1);
        g->write(1, 0);
        CHECK_EQ(g->read(1), 0);
        print("hal gpio ok\r\n");
    }
    if (const hal::FlashOps* f = b.flash) {
        uintptr_t page = f->base + f->size - f->page_bytes;  // the last page: no code there
        CHECK(f->erase_page(page) == OS_OK);
        const volatile uint8_t* p = reinterpret_cast<const volatile uint8_t*>(page);
        CHECK_EQ(p[0], 0xFF);
        CHECK_EQ(p[f->page_bytes - 1], 0xFF);
        static const uint8_t data[8] = {1, 2, 3, 4, 0xA5, 0x5A, 0, 0xFF};
        CHECK(f->write(page, data, sizeof data) == OS_OK);
        for (unsigned i = 0; i < sizeof data; ++i) CHECK_EQ(p[i], data[i]);
        print("hal flash ok\r\n");
    }
    print("hal %s: console +%u uart%s%s%s%s%s%s%s\r\n", b.name, other_uarts,
          b.timer ? " timer" : "", b.block ? " block" : "", b.net ? " net" : "",
          b.gpio ? " gpio" : "", b.flash ? " flash" : "", b.spi[0] ? " spi" : "",
          b.i2c[0] ? " i2c" : "");
}

// An application's own table: the board's with a device added, registered, then dropped.
void check_register() {
    const hal_platform_t* board = hal_platform_get();
    CHECK(board == &hal::board_platform);
    static hal_platform_t mine;
    mine = *board;
    mine.name = "mine";
    static const hal_i2c_ops_t bus{nullptr, nullptr};
    mine.i2c[3] = &bus;
    hal_platform_register(&mine);
    CHECK(hal_platform_get() == &mine);
    CHECK(strcmp(hal::platform().name, "mine") == 0);
    CHECK(hal::platform().i2c[3] == &bus);
    CHECK(hal::platform().uart[0] == board->uart[0]);
    hal_platform_register(nullptr);
    CHECK(hal_platform_get() == &hal::board_platform);
    CHECK_EQ(hal_seed_check(), 0);
    CHECK(hal_platform_get() == &hal::board_platform);
    print("hal register ok\r\n");
}

void tester_main(void*) {
    check_board_table(hal::platform());
    check_register();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "hal";
    task_create(tester, "tester", tester_main, nullptr, 3, tester_stack);
    start();
}
