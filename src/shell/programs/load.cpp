// `load <name>`: receives C source over the shell's own stream, up to a line holding only
// the end marker, and stages it in the program runtime, which replaces the program's
// source only when the whole text has arrived. The shell task reads the stream directly
// meanwhile: the line editor is not involved, so pasted text is taken verbatim (tabs
// included) and not echoed. A refused load still reads its body to the end, so that the
// source is never taken for commands.
#include <string.h>

#include "programs.hpp"
#include "tern/programs.hpp"
#include "tern/shell.hpp"
#include "tern/task.hpp"

namespace tern::shell {

namespace {

enum class LoadEnd : uint8_t { marker, cancelled, closed };

int next_byte() {
    for (;;) {
        int c = io()->getc(io()->ctx);
        if (c != Io::none) return c;
        delay(1);
    }
}

// Reads lines until the marker, handing each to `keep` (which may be a no-op). CR LF and
// lone CRs become LF.
template <typename Keep>
LoadEnd receive(Keep keep, uint32_t* lines) {
    char line[SHELL_LINE_MAX];
    size_t len = 0;
    bool long_line = false;  // the part kept in `line` was already passed on
    bool after_cr = false;
    for (;;) {
        int c = next_byte();
        if (c == Io::closed) return LoadEnd::closed;
        if (c == 0x03) return LoadEnd::cancelled;
        if (c == 0x04) {
            keep(line, len);
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
            keep(line, len);
            keep("\n", 1);
            ++*lines;
            len = 0;
            long_line = false;
            continue;
        }
        if (len == sizeof line) {  // a long line cannot be the marker: pass it through
            keep(line, len);
            len = 0;
            long_line = true;
        }
        line[len++] = static_cast<char>(c);
    }
}

}  // namespace

int cmd_load(int argc, char** argv) {
    if (argc != 2) return 1;
    uint32_t lines = 0;
    programs::Error refused = programs::load_begin(argv[1]);
    if (refused != programs::Error::none) {
        printf("load: %s: %s; its source is read and discarded\r\n", argv[1],
               programs::error_text(refused));
        receive([](const char*, size_t) {}, &lines);
        return 0;
    }
    printf("load: send the source of '%s', then a line with only '%s' (Ctrl-C abandons)\r\n",
           argv[1], load_end_marker);
    uint32_t bytes = 0;
    LoadEnd end = receive(
        [&bytes](const char* s, size_t n) {
            programs::load_append(s, n);
            bytes += static_cast<uint32_t>(n);
        },
        &lines);
    if (end != LoadEnd::marker) {
        programs::load_cancel();
        puts(end == LoadEnd::cancelled ? "load: cancelled\r\n" : "load: the stream closed\r\n");
        return 0;
    }
    uint32_t dropped = programs::load_dropped_bytes();
    programs::Error e = programs::load_commit();
    if (e == programs::Error::too_large) {
        printf("load: too large (%u bytes over the %u-byte limit); discarded\r\n",
               static_cast<unsigned>(dropped), PROGRAMS_SOURCE_BYTES - 1u);
    } else if (e != programs::Error::none) {
        printf("load: %s: %s\r\n", argv[1], programs::error_text(e));
    } else {
        printf("load: %s: %u bytes, %u lines\r\n", argv[1], static_cast<unsigned>(bytes),
               static_cast<unsigned>(lines));
    }
    return 0;
}

}  // namespace tern::shell
