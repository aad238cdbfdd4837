// Bare-metal check on a Cortex-M3 (QEMU mps2-an385, semihosting): compile the 310-line
// program on the target in a 16 KB arena, report the arena peak, run it in the VM.
// Self-contained (own vectors and reset code) so that it depends on nothing but the
// ccBPF core. Built and run by run_mps2_an385.sh.
#include <stdint.h>
#include <string.h>
#include "program300.inc"  // generated from tests/ccbpf/frozen/program300.c
#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/vm.hpp"
extern "C" int semihost(int op, const void* arg) {
    register int r0 asm("r0") = op;
    register const void* r1 asm("r1") = arg;
    asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}
static void put(const char* s) {
    semihost(0x04, s);
}
static void putn(uint32_t v) {
    char b[12];
    int i = 11;
    b[i] = 0;
    do {
        b[--i] = char('0' + v % 10);
        v /= 10;
    } while (v);
    put(b + i);
}
alignas(8) static uint8_t arena[16384];
alignas(8) static uint8_t out[24576];
alignas(8) static uint8_t mem[16384];
struct H : tern::ccbpf::Host {
    uint32_t t = 0;
    size_t n = 0;
    void write(const char*, size_t k) override { n += k; }
    uint32_t now_ms() override { return t++; }
    uint32_t node_id() override { return 1; }
    const char* node_name() override { return "m3"; }
};
int main() {
    tern::ccbpf::CompileResult r = tern::ccbpf::compile("p300.c", kProgram, sizeof kProgram - 1,
                                                        arena, sizeof arena, out, sizeof out);
    put(r.ok ? "compiled ok, arena peak " : r.message);
    putn(uint32_t(r.arena_peak));
    put(" bytes, image ");
    putn(uint32_t(r.image_size));
    put(" bytes\n");
    static tern::ccbpf::Vm vm;
    static H h;
    char why[120];
    if (!vm.load(out, r.image_size, mem, sizeof mem, &h, why, sizeof why)) {
        put(why);
        put("\n");
    } else {
        tern::ccbpf::Status s;
        do s = vm.run(100000);
        while (s != tern::ccbpf::Status::Halted && s != tern::ccbpf::Status::Trapped);
        put("ran: exit ");
        putn(uint32_t(vm.exit_code()));
        put(", output bytes ");
        putn(uint32_t(h.n));
        put(", sizeof(Vm) ");
        putn(sizeof(tern::ccbpf::Vm));
        put("\n");
    }
    semihost(0x18,
             reinterpret_cast<const void*>(0x20026));  // SYS_EXIT, ADP_Stopped_ApplicationExit
    for (;;) {
    }
}
extern "C" {
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
void Reset_Handler() {
    memcpy(&_sdata, &_sidata, (char*)&_edata - (char*)&_sdata);
    memset(&_sbss, 0, (char*)&_ebss - (char*)&_sbss);
    main();
}
__attribute__((section(".vectors"), used)) void* const vectors[2] = {&_estack,
                                                                     (void*)Reset_Handler};
void* __dso_handle = 0;
}
