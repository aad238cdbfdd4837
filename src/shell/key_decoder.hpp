// Turns the bytes a terminal sends into editing keys. A state machine, so an escape
// sequence split across reads (or across UART interrupts) decodes the same as a whole one.
#pragma once
#include <stdint.h>

namespace tern::shell {

enum class Key : uint8_t {
    none,  // byte consumed, nothing to do (inside a sequence, or ignored)
    text,  // a printable ASCII character: KeyDecoder::ch()
    enter,
    backspace,
    del,  // delete under the cursor
    left,
    right,
    home,
    end,
    up,
    down,
    tab,
    kill_to_end,    // Ctrl-K
    kill_to_start,  // Ctrl-U
    kill_word,      // Ctrl-W
    redraw,         // Ctrl-L
    cancel,         // Ctrl-C
    eof,            // Ctrl-D
};

class KeyDecoder {
public:
    Key feed(uint8_t byte);
    char ch() const { return ch_; }
    void reset() { state_ = State::ground; }

private:
    enum class State : uint8_t { ground, escape, csi, ss3 };
    Key csi_final(uint8_t final_byte);

    State state_ = State::ground;
    uint8_t param_ = 0;     // first numeric CSI parameter (ESC[3~ -> 3), saturating
    uint8_t length_ = 0;    // bytes of the current sequence, to give up on garbage
    bool first_param_done_ = false;
    bool after_cr_ = false;  // CR LF is one Enter, not two
    char ch_ = 0;
};

}  // namespace tern::shell
