// Framing checks for an image: everything that can be checked without looking at code.
#include <string.h>

#include "tern/ccbpf/image.hpp"
#include "text.hpp"

namespace tern::ccbpf {

uint64_t image_content_hash(const uint8_t* bytes, size_t size) {
    uint64_t h = fnv1a64_update(kFnvOffset, bytes, 48);
    return fnv1a64_update(h, bytes + kImageHeaderSize, size - kImageHeaderSize);
}

uint32_t image_crc(const uint8_t* bytes, size_t size) {
    uint32_t c = crc32_update(0, bytes, 56);
    return crc32_update(c, bytes + kImageHeaderSize, size - kImageHeaderSize);
}

static bool fail(char* why, size_t cap, const char* msg) {
    text_format(why, cap, "%s", msg);
    return false;
}

bool image_parse(const uint8_t* b, size_t size, ImageView* v, char* why, size_t cap) {
    memset(v, 0, sizeof *v);
    if (size < kImageHeaderSize) return fail(why, cap, "image: truncated header");
    if (rd32(b) != kImageMagic) return fail(why, cap, "image: bad magic (not a ccBPF image)");
    if (rd16(b + 4) != kImageVersion) return fail(why, cap, "image: unsupported version");
    if (rd16(b + 6) != kImageHeaderSize) return fail(why, cap, "image: bad header size");
    if (rd32(b + 8) != 0 || rd32(b + 44) != 0 || rd32(b + 60) != 0)
        return fail(why, cap, "image: reserved fields not zero");
    if ((reinterpret_cast<uintptr_t>(b) & 3) != 0)
        return fail(why, cap, "image: buffer not 4-byte aligned");
    v->bytes = b;
    v->size = size;
    v->code_count = rd32(b + 12);
    v->func_count = rd32(b + 16);
    v->data_size = rd32(b + 20);
    v->globals_end = rd32(b + 24);
    v->mem_size = rd32(b + 28);
    v->entry_func = rd32(b + 32);
    v->line_count = rd32(b + 36);
    v->names_size = rd32(b + 40);
    v->hash = rd64(b + 48);
    // Sizes are checked in 64-bit arithmetic so that no field can overflow the sum.
    uint64_t code_bytes = uint64_t(v->code_count) * sizeof(Insn);
    uint64_t funcs_bytes = uint64_t(v->func_count) * kFuncEntrySize;
    uint64_t data_padded = (uint64_t(v->data_size) + 3) & ~uint64_t(3);
    uint64_t lines_bytes = uint64_t(v->line_count) * kLineEntrySize;
    uint64_t total =
        kImageHeaderSize + code_bytes + funcs_bytes + data_padded + lines_bytes + v->names_size;
    if (total != size) return fail(why, cap, "image: section sizes do not add up to the file size");
    if (rd32(b + 56) != image_crc(b, size)) return fail(why, cap, "image: CRC mismatch (corrupt)");
    if (v->hash != image_content_hash(b, size))
        return fail(why, cap, "image: content hash mismatch");
    const uint8_t* p = b + kImageHeaderSize;
    v->code = reinterpret_cast<const Insn*>(p);
    p += code_bytes;
    v->funcs = p;
    p += funcs_bytes;
    v->data = p;
    p += data_padded;
    v->lines = p;
    p += lines_bytes;
    v->names = reinterpret_cast<const char*>(p);
    return true;
}

FuncInfo ImageView::func(uint32_t i) const {
    const uint8_t* p = funcs + i * kFuncEntrySize;
    FuncInfo f;
    f.entry = rd32(p);
    f.end = rd32(p + 4);
    f.frame_size = rd32(p + 8);
    f.max_stack = rd16(p + 12);
    f.nparams = p[14];
    f.flags = p[15];
    f.name_off = rd32(p + 16);
    return f;
}

LineEntry ImageView::line(uint32_t i) const {
    return LineEntry{rd32(lines + i * kLineEntrySize), rd32(lines + i * kLineEntrySize + 4)};
}

const char* ImageView::func_name(uint32_t i) const {
    if (i >= func_count) return "?";
    uint32_t off = func(i).name_off;
    return off < names_size ? names + off : "?";
}

uint32_t ImageView::func_at(uint32_t pc) const {
    // Functions are contiguous and sorted (the verifier insists), so bisect.
    uint32_t lo = 0, hi = func_count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        FuncInfo f = func(mid);
        if (pc < f.entry)
            hi = mid;
        else if (pc >= f.end)
            lo = mid + 1;
        else
            return mid;
    }
    return func_count;
}

uint32_t ImageView::line_at(uint32_t pc) const {
    uint32_t best = 0;
    uint32_t lo = 0, hi = line_count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        LineEntry e = line(mid);
        if (e.pc <= pc) {
            best = e.line;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return best;
}

}  // namespace tern::ccbpf
