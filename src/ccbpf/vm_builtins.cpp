// The built-in functions. None of them blocks: sleeping, yielding and migrating set the
// VM's state and return a status for the host to act on.
#include <string.h>

#include "text.hpp"
#include "vm_internal.hpp"

namespace tern::ccbpf {

namespace {

// Output is batched through a small buffer so printf costs one host call, not one per byte.
struct Out {
    Host* host;
    char buf[64];
    uint32_t n = 0;
    uint32_t total = 0;
    void put(char c) {
        buf[n++] = c;
        total++;
        if (n == sizeof buf) flush();
    }
    void put(const char* s, uint32_t len) {
        for (uint32_t i = 0; i < len; i++) put(s[i]);
    }
    void pad(char c, int count) {
        for (int i = 0; i < count; i++) put(c);
    }
    void flush() {
        if (n) host->write(buf, n);
        n = 0;
    }
};

// A NUL-terminated string inside program memory, or null (the caller traps).
const char* cstr(Vm& vm, uint32_t addr, uint32_t* len) {
    if (addr < kNullGuard || addr >= vm.memory_size()) return nullptr;
    const uint8_t* p = vm.memory() + addr;
    const void* nul = memchr(p, 0, vm.memory_size() - addr);
    if (!nul) return nullptr;
    *len = uint32_t(static_cast<const uint8_t*>(nul) - p);
    return reinterpret_cast<const char*>(p);
}

// printf: %d %i %u %x %X %c %s %% with '-' and '0' flags and a width. Returns false with
// `*trap` set on a bad format or argument.
bool format(Vm& vm, const uint32_t* args, uint32_t nargs, uint32_t* written, const char** trap) {
    uint32_t flen;
    const char* f = cstr(vm, args[0], &flen);
    if (!f) {
        *trap = args[0] < kNullGuard ? "printf: null format string" : "printf: bad format string";
        return false;
    }
    Out out{vm.host(), {}};
    uint32_t next = 1;
    for (uint32_t i = 0; i < flen; i++) {
        char c = f[i];
        if (c != '%') {
            out.put(c);
            continue;
        }
        bool left = false, zero = false;
        int width = 0;
        i++;
        for (; i < flen && (f[i] == '-' || f[i] == '0'); i++) {
            if (f[i] == '-')
                left = true;
            else
                zero = true;
        }
        for (; i < flen && f[i] >= '0' && f[i] <= '9'; i++)
            if (width < 4096) width = width * 10 + (f[i] - '0');
        if (i >= flen) {
            *trap = "printf: incomplete conversion";
            return false;
        }
        char conv = f[i];
        if (conv == '%') {
            out.put('%');
            continue;
        }
        if (next >= nargs) {
            *trap = "printf: missing argument";
            return false;
        }
        uint32_t v = args[next++];
        char num[12];
        const char* body = num;
        uint32_t blen = 0;
        bool negative = false;
        bool numeric = true;
        switch (conv) {
            case 'd':
            case 'i':
                negative = int32_t(v) < 0;
                blen = uint32_t(text_utoa(negative ? 0u - v : v, 10, false, num));
                break;
            case 'u':
                blen = uint32_t(text_utoa(v, 10, false, num));
                break;
            case 'x':
                blen = uint32_t(text_utoa(v, 16, false, num));
                break;
            case 'X':
                blen = uint32_t(text_utoa(v, 16, true, num));
                break;
            case 'c':
                num[0] = char(v);
                blen = 1;
                numeric = false;
                break;
            case 's':
                body = cstr(vm, v, &blen);
                if (!body) {
                    *trap =
                        v < kNullGuard ? "printf: null string for %s" : "printf: bad string for %s";
                    return false;
                }
                numeric = false;
                break;
            default:
                *trap = "printf: unsupported conversion";
                return false;
        }
        int len = int(blen) + (negative ? 1 : 0);
        int padding = width > len ? width - len : 0;
        if (left) {
            if (negative) out.put('-');
            out.put(body, blen);
            out.pad(' ', padding);
        } else if (zero && numeric) {
            if (negative) out.put('-');
            out.pad('0', padding);
            out.put(body, blen);
        } else {
            out.pad(' ', padding);
            if (negative) out.put('-');
            out.put(body, blen);
        }
    }
    out.flush();
    *written = out.total;
    return true;
}

}  // namespace

Status builtin(Vm& vm, uint32_t id, uint32_t nargs) {
    VmState& st = vm.state();
    uint32_t pc = st.pc;
    uint32_t args[kMaxPrintfArgs];
    // The verifier bounds nargs; arguments were pushed first to last.
    st.sp -= 4 * nargs;
    for (uint32_t i = 0; i < nargs; i++) memcpy(&args[i], vm.memory() + st.sp + 4 * i, 4);
    st.pc = pc + 1;
    Host* host = vm.host();
    const char* trap = nullptr;
    Status status = Status::Slice;
    switch (id) {
        case BI_PRINTF: {
            uint32_t n = 0;
            if (format(vm, args, nargs, &n, &trap)) st.acc = n;
            break;
        }
        case BI_PUTCHAR: {
            char c = char(args[0]);
            host->write(&c, 1);
            st.acc = args[0] & 0xffu;
            break;
        }
        case BI_PUTS: {
            uint32_t len;
            const char* s = cstr(vm, args[0], &len);
            if (!s) {
                trap = args[0] < kNullGuard ? "puts: null string" : "puts: bad string";
                break;
            }
            host->write(s, len);
            host->write("\n", 1);
            st.acc = len + 1;
            break;
        }
        case BI_SLEEP_MS:
            if (int32_t(args[0]) > 0) {
                st.sleep_until = host->now_ms() + args[0];
                st.run_state = RunState::Sleeping;
                status = Status::Sleeping;
            }
            break;
        case BI_TIME_MS:
            st.acc = host->now_ms() - st.time_base;
            break;
        case BI_YIELD:
            status = Status::Yielded;
            break;
        case BI_NODE_ID:
            st.acc = host->node_id();
            break;
        case BI_NODE_NAME: {
            const char* name = host->node_name();
            size_t n = name ? strlen(name) : 0;
            if (n > kNodeNameSize - 1) n = kNodeNameSize - 1;
            memset(vm.memory() + kNodeNameAddr, 0, kNodeNameSize);
            if (n) memcpy(vm.memory() + kNodeNameAddr, name, n);
            st.acc = kNodeNameAddr;
            break;
        }
        case BI_MIGRATE: {
            uint32_t len;
            const char* s = cstr(vm, args[0], &len);
            if (!s) {
                trap = "migrate: bad node name";
                break;
            }
            if (len > kNodeNameSize - 1) len = kNodeNameSize - 1;
            memcpy(vm.migrate_to_, s, len);
            vm.migrate_to_[len] = 0;
            st.acc = 0;
            status = Status::Migrate;
            break;
        }
        case BI_RAND:
            st.acc = rand_next(&st.rand_state);
            break;
        case BI_SRAND:
            st.rand_state = args[0];
            break;
        case BI_ABORT:
            vm.set_trap("abort() called", pc);
            st.exit_code = kAbortExitStatus;
            return Status::Trapped;
        case BI_EXIT:
            st.run_state = RunState::Halted;
            st.exit_code = int32_t(args[0]);
            status = Status::Halted;
            break;
        default:
            trap = "unknown built-in";
            break;
    }
    if (trap) {
        st.sp += 4 * nargs;  // leave the state as it was before the call
        vm.set_trap(trap, pc);
        return Status::Trapped;
    }
    return status;
}

}  // namespace tern::ccbpf
