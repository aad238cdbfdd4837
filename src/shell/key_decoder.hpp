// Turns the bytes a terminal sends into editing keys. A state machine, so an escape
// sequence split across reads (or across UART interrupts) decodes the same as a whole one.
#pragma once
#include <stdint.h>

namespace tern::shell {

// An editing key is the control character that is bound to it (Left is Ctrl-B, Up is
// Ctrl-P, ...): an escape sequence decodes to the same value as its control key, so the
// editor handles each action once. A printable character (0x20..0x7e) decodes to itself; the
// values stay below 0x20, so that a switch over them is one small jump table.
enum class Key : uint8_t {
    none = 0,              // byte consumed, nothing to do (inside a sequence, or ignored)
    home = 0x01,           // Ctrl-A
    left = 0x02,           // Ctrl-B
    cancel = 0x03,         // Ctrl-C
    eof = 0x04,            // Ctrl-D
    end = 0x05,            // Ctrl-E
    right = 0x06,          // Ctrl-F
    del = 0x07,            // Delete (ESC[3~); Ctrl-G itself is bound to nothing
    backspace = 0x08,      // Ctrl-H, DEL
    tab = 0x09,            // Ctrl-I
    kill_to_end = 0x0b,    // Ctrl-K
    redraw = 0x0c,         // Ctrl-L
    enter = 0x0d,          // Ctrl-M (CR), LF, CR LF
    down = 0x0e,           // Ctrl-N
    up = 0x10,             // Ctrl-P
    kill_to_start = 0x15,  // Ctrl-U
    kill_word = 0x17,      // Ctrl-W
};

inline bool is_text(Key k) {
    return k >= Key{0x20};
}

class KeyDecoder {
  public:
    Key feed(uint8_t byte);
    void reset() { state_ = State::ground; }

  private:
    enum class State : uint8_t { ground, after_cr, escape, sequence };

    State state_ = State::ground;
    uint8_t param_ = 0;   // first numeric parameter (ESC[3~ -> 3), at most 99
    uint8_t length_ = 0;  // bytes of the current sequence, to give up on garbage
};

}  // namespace tern::shell
