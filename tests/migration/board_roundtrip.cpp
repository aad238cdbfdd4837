// Migration on a board: the Migrator moves a program out of the program runtime (a task
// running its VM) into a second node held in this image (a VM driven by this task, the
// simplest real Programs: one slot, static buffers), lets it run a stretch there, and moves
// it back; it ends in the runtime. Every message goes through the encoder and the strict
// decoder. Output across the three stretches must be exactly one unmoved run's; the first
// move travels cold (image and snapshot), the way back warm (the runtime kept the image of
// the program it let go: only the snapshot travels).
#include <string.h>

#include "check.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/migration/runtime_programs.hpp"
#include "tern/programs.hpp"
#include "tern/task.hpp"

using namespace tern;
using namespace tern::migration;

namespace {

Task tester;
Stack<8192> tester_stack;

struct Text {
    char bytes[4096];
    size_t len = 0;
    void add(const char* s, size_t n) {
        for (size_t i = 0; i < n && len + 1 < sizeof bytes; i++) bytes[len++] = s[i];
        bytes[len] = 0;
    }
};
Text runtime_out, vm_out, reference;

void capture(void*, const char* s, size_t n) { runtime_out.add(s, n); }
void changed(void*, const programs::Status&) {}

const char source[] =
    "#include \"ccbpf.h\"\n"
    "int total;\n"
    "int twice(int x) { return x + x; }\n"
    "int main(void) {\n"
    "  for (int i = 1; i <= 24; i++) {\n"
    "    total += twice(i);\n"
    "    printf(\"line %d total %d\\n\", i, total);\n"
    "    for (int j = 0; j < 20000; j++) {}\n"
    "  }\n"
    "  return 0;\n"
    "}\n";

// Node 2: one program slot over a plain VM.
class VmNode final : public Programs, public ccbpf::Host {
  public:
    enum class S { empty, running, paused, halted } state = S::empty;
    char name[16] = {};
    alignas(4) uint8_t image_buf[PROGRAMS_IMAGE_BYTES];
    uint32_t image_len = 0;
    alignas(4) uint8_t memory[PROGRAMS_MEMORY_BYTES];
    ccbpf::Vm vm;
    Text* out = &vm_out;

    bool launch(const char* n, const uint8_t* img, size_t size) {
        memcpy(image_buf, img, size);
        image_len = uint32_t(size);
        char why[96];
        if (!vm.load(image_buf, size, memory, sizeof memory, this, why, sizeof why)) return false;
        strcpy(name, n);
        state = S::running;
        return true;
    }
    void run(uint32_t budget) {
        if (state != S::running) return;
        ccbpf::Status s = vm.run(budget);
        if (s == ccbpf::Status::Halted || s == ccbpf::Status::Trapped) state = S::halted;
    }
    // Host
    void write(const char* b, size_t n) override { out->add(b, n); }
    uint32_t now_ms() override { return ticks_to_ms(tern::now()); }
    uint32_t node_id() override { return 2; }
    const char* node_name() override { return "node-2"; }
    // Programs
    bool mine(const char* n) const { return state != S::empty && strcmp(n, name) == 0; }
    bool pause(const char* n) override {
        if (!mine(n) || state == S::halted) return false;
        state = S::paused;
        return true;
    }
    void resume(const char* n) override {
        if (mine(n) && state == S::paused) state = S::running;
    }
    bool image(const char* n, std::span<const uint8_t>* o) override {
        if (!mine(n)) return false;
        *o = std::span<const uint8_t>(image_buf, image_len);
        return true;
    }
    size_t snapshot(const char* n, std::span<uint8_t> o) override {
        return mine(n) ? ccbpf::snapshot_save(vm, o.data(), o.size()) : 0;
    }
    Reason restore_paused(const char* n, std::span<const uint8_t> img,
                          std::span<const uint8_t> snap) override {
        if (state != S::empty && state != S::halted) return Reason::memory;
        if (!launch(n, img.data(), img.size())) return Reason::image_rejected;
        char why[96];
        if (!ccbpf::snapshot_restore(vm, snap.data(), snap.size(), why, sizeof why)) {
            state = S::empty;
            return Reason::snapshot_rejected;
        }
        state = S::paused;
        return Reason::none;
    }
    void drop(const char* n) override {
        if (mine(n)) state = S::empty;  // the image stays: a warm migration's cache
    }
    bool name_taken(const char* n) override { return mine(n) && state != S::halted; }
    bool cached_image(uint64_t hash, std::span<const uint8_t>* o) override {
        if (image_len < 64 || ccbpf::rd64(image_buf + 48) != hash) return false;
        *o = std::span<const uint8_t>(image_buf, image_len);
        return true;
    }
    uint32_t free_memory() override {
        return state == S::empty || state == S::halted ? sizeof memory : 0;
    }
    uint32_t builtins() override { return (1u << ccbpf::BI_COUNT) - 1u; }
};

VmNode node2;
RuntimePrograms runtime;

// The network between the two: a queue of whole messages, delivered in order.
struct Wire {
    NodeId from, to;
    uint16_t len;
    uint8_t bytes[kMaxMessage];
};
Wire queue[48];
unsigned queued = 0;
uint32_t bytes_total = 0;

struct Net final : Outbox {
    NodeId self;
    explicit Net(NodeId s) : self(s) {}
    void send(NodeId to, std::span<const uint8_t> b) override {
        bytes_total += uint32_t(b.size());
        if (queued == sizeof queue / sizeof queue[0]) return;  // a full queue drops: retried
        Wire& w = queue[queued++];
        w.from = self;
        w.to = to;
        w.len = uint16_t(b.size());
        memcpy(w.bytes, b.data(), b.size());
    }
};
Net net1(1), net2(2);

struct Log final : Events {
    int moved = 0, failed = 0;
    bool cached[4] = {};
    void on_event(const Event& e) override {
        if (e.kind == Event::Kind::moved && e.role == Role::source) cached[moved++ & 3] = e.image_cached;
        if (e.kind != Event::Kind::moved) failed++;
    }
} log1, log2;

Config config_for(NodeId id) {
    Config c;
    c.self = id;
    c.incarnation = 1;
    return c;
}
Migrator m1(config_for(1), runtime, net1, log1);
Migrator m2(config_for(2), node2, net2, log2);

Millis clock_ms() { return ticks_to_ms(tern::now()); }

static Wire in_flight[48];
// Delivers what is queued, polls both, runs node 2 a little; until done() or ms pass.
template <class Done>
bool pump(Done done, uint32_t ms) {
    for (uint32_t t = 0; t < ms; t++) {
        unsigned n = queued;
        memcpy(in_flight, queue, sizeof(Wire) * n);
        queued = 0;
        for (unsigned i = 0; i < n; i++) {
            Migrator& to = in_flight[i].to == 1 ? m1 : m2;
            to.on_message(clock_ms(), in_flight[i].from,
                          std::span<const uint8_t>(in_flight[i].bytes, in_flight[i].len));
        }
        if (m1.next_deadline() <= clock_ms()) m1.poll(clock_ms());
        if (m2.next_deadline() <= clock_ms()) m2.poll(clock_ms());
        node2.run(500);
        if (done()) return true;
        delay(ms_to_ticks(1));
    }
    return false;
}

void tester_main(void*) {
    programs::set_environment({capture, changed, nullptr, 1, "node-1"});
    CHECK(programs::load_begin("mover") == programs::Error::none);
    programs::load_append(source, strlen(source));
    CHECK(programs::load_commit() == programs::Error::none);
    CHECK(programs::compile("mover") == programs::Error::none);

    // The reference: the same image, one run on node 2's VM, never moved.
    const uint8_t* img = nullptr;
    uint32_t img_size = 0;
    CHECK(programs::image("mover", &img, &img_size) == programs::Error::none);
    node2.out = &reference;
    CHECK(node2.launch("mover", img, img_size));
    while (node2.state == VmNode::S::running) node2.run(100000);
    node2.state = VmNode::S::empty;
    node2.image_len = 0;  // not cached: the first move travels cold
    node2.out = &vm_out;

    CHECK(programs::start("mover") == programs::Error::none);
    for (int t = 0; t < 20000 && runtime_out.len < 40; t++) delay(ms_to_ticks(1));  // 2 lines in
    Reason why = m1.start(clock_ms(), "mover", 2);
    CHECK(why == Reason::none);
    CHECK(pump([] { return node2.state == VmNode::S::running && m1.idle() && m2.idle(); }, 5000));
    uint32_t cold = bytes_total;
    size_t before = runtime_out.len;
    CHECK(before < reference.len);  // it moved before its end
    while (vm_out.len < 30 && node2.state == VmNode::S::running) node2.run(1000);

    bytes_total = 0;
    CHECK(m2.start(clock_ms(), "mover", 1) == Reason::none);
    CHECK(pump([] { return node2.state == VmNode::S::empty && m1.idle() && m2.idle(); }, 5000));
    uint32_t back = bytes_total;
    programs::Status st;
    for (int t = 0; t < 5000; t++) {
        if (programs::status("mover", st) == programs::Error::none &&
            st.state == programs::State::exited)
            break;
        delay(ms_to_ticks(1));
    }
    CHECK(st.state == programs::State::exited);

    Text whole;
    whole.add(runtime_out.bytes, before);
    whole.add(vm_out.bytes, vm_out.len);
    whole.add(runtime_out.bytes + before, runtime_out.len - before);
    CHECK(whole.len == reference.len && memcmp(whole.bytes, reference.bytes, whole.len) == 0);
    CHECK(vm_out.len > 0);
    CHECK_EQ(log1.moved, 1);
    CHECK_EQ(log2.moved, 1);
    CHECK_EQ(log1.failed + log2.failed, 0);
    CHECK(!log1.cached[0]);
    CHECK(log2.cached[0]);
    CHECK(cold > img_size);  // the image travelled
    CHECK(back < img_size);  // only the snapshot did
    print("migration_board: cold %u bytes, back %u bytes (image %u)\r\n", unsigned(cold),
          unsigned(back), unsigned(img_size));
    test::finish();
}

}  // namespace

int main() {
    test::test_name = "migration_board";
    task_create(tester, "tester", tester_main, nullptr, 1, tester_stack);
    start();
}
