// `load <name>`: receives C source over the shell's own stream, up to a line holding only
// the end marker. The shell task reads the stream directly meanwhile: the line editor is
// not involved, so pasted text is taken verbatim (tabs included) and not echoed.
#include <string.h>

#include "program_slots.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

namespace {

enum class LoadEnd : uint8_t { marker, cancelled, closed };

// Appends bytes to the slot while there is room; counts what did not fit.
struct SourceSink {
    ProgramSlot& slot;
    uint32_t dropped = 0;
    void put(const char* s, size_t n) {
        for (size_t i = 0; i < n; ++i) {
            if (slot.source_len + 1 < sizeof slot.source) {
                slot.source[slot.source_len++] = s[i];
            } else {
                ++dropped;
            }
        }
    }
};

int next_byte() {
    for (;;) {
        int c = io()->getc(io()->ctx);
        if (c != Io::none) return c;
        delay(1);
    }
}

// Reads lines until the marker. CR LF and lone CRs become LF.
LoadEnd receive(SourceSink& sink, uint32_t* lines) {
    char line[SHELL_LINE_MAX];
    size_t len = 0;
    bool long_line = false;  // the part kept in `line` was already flushed
    bool after_cr = false;
    for (;;) {
        int c = next_byte();
        if (c == Io::closed) return LoadEnd::closed;
        if (c == 0x03) return LoadEnd::cancelled;
        if (c == 0x04) {
            sink.put(line, len);
            return LoadEnd::marker;
        }
        if (c == '\n' && after_cr) {
            after_cr = false;
            continue;
        }
        after_cr = c == '\r';
        if (c == '\r' || c == '\n') {
            if (!long_line && len == strlen(load_end_marker) &&
                memcmp(line, load_end_marker, len) == 0) {
                return LoadEnd::marker;
            }
            sink.put(line, len);
            sink.put("\n", 1);
            ++*lines;
            len = 0;
            long_line = false;
            continue;
        }
        if (len == sizeof line) {  // a long line cannot be the marker: pass it through
            sink.put(line, len);
            len = 0;
            long_line = true;
        }
        line[len++] = static_cast<char>(c);
    }
}

}  // namespace

int cmd_load(int argc, char** argv) {
    if (argc != 2) return 1;
    ProgramSlot* existing = program_find(argv[1]);
    if (existing != nullptr && program_running(*existing)) {
        printf("load: '%s' is running; kill it first\r\n", argv[1]);
        return 0;
    }
    ProgramSlot* slot = program_claim(argv[1]);
    if (slot == nullptr) {
        printf("load: no free program slot for '%s' (names up to 15 characters, %d slots)\r\n",
               argv[1], SHELL_PROGRAM_SLOTS);
        return 0;
    }
    printf("load: send the source of '%s', then a line with only '%s' (Ctrl-C abandons)\r\n",
           slot->name, load_end_marker);
    SourceSink sink{*slot};
    uint32_t lines = 0;
    LoadEnd end = receive(sink, &lines);
    slot->source[slot->source_len] = '\0';
    if (end != LoadEnd::marker || sink.dropped != 0) {
        if (end == LoadEnd::cancelled) puts("load: cancelled\r\n");
        if (end == LoadEnd::closed) puts("load: the stream closed\r\n");
        if (sink.dropped != 0) {
            printf("load: too large (%u bytes over the %u-byte limit); discarded\r\n",
                   static_cast<unsigned>(sink.dropped), SHELL_PROGRAM_SOURCE_BYTES - 1u);
        }
        slot->name[0] = '\0';  // the slot is free again
        return 0;
    }
    printf("load: %s: %u bytes, %u lines\r\n", slot->name, static_cast<unsigned>(slot->source_len),
           static_cast<unsigned>(lines));
    return 0;
}

}  // namespace tern::shell
