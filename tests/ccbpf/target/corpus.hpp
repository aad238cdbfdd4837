// The tables embed_corpus.py generates (corpus.inc) hold these: ccBPF programs built into
// a board image, with what gcc's build of each printed and returned.
#pragma once
#include <stdint.h>

struct CorpusProgram {
    const char* name;
    const char* source;  // null unless embedded with --sources
    uint32_t source_len;
    const uint8_t* image;  // the host tool's image; null unless embedded with --images
    uint32_t image_size;
    uint32_t image_crc;
    uint32_t out_len;  // what gcc's build printed and returned
    uint32_t out_crc;
    int32_t status;
    uint32_t memory;  // globals + stack the image asks for
    // The hand-over: the host tool's (x86-64) snapshot of the program stopped after
    // `hand_over_at` instructions, and what gcc's build printed after that point. Null for
    // a program too short to stop.
    const uint8_t* hand_over;
    uint32_t hand_over_size;
    uint32_t hand_over_at;
    uint32_t rest_len;
    uint32_t rest_crc;
};

// A program the build left out, and why (it needs more VM stack or memory than the board
// gives); the list ends with a null name.
struct LeftOut {
    const char* name;
    const char* why;
};
