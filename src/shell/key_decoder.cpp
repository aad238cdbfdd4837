// Key decoding. Terminals disagree on Home/End: xterm sends ESC[H / ESC[F (or ESCOH /
// ESCOF in application mode), the VT220 family ESC[1~ / ESC[4~, rxvt ESC[7~ / ESC[8~.
// All are accepted. Modifiers (ESC[1;5C) are ignored: Ctrl-Right moves like Right.
#include "key_decoder.hpp"

namespace tern::shell {

namespace {
// What each control character does: a table is a third of the code of a switch.
constexpr Key control_keys[32] = {
    Key::none,           Key::home,      Key::left,   Key::cancel,  // ^@ ^A ^B ^C
    Key::eof,            Key::end,       Key::right,  Key::none,    // ^D ^E ^F ^G
    Key::backspace,      Key::tab,       Key::enter,  Key::kill_to_end,  // ^H ^I ^J ^K
    Key::redraw,         Key::enter,     Key::down,   Key::none,    // ^L ^M ^N ^O
    Key::up,             Key::none,      Key::none,   Key::none,    // ^P ^Q ^R ^S
    Key::none,           Key::kill_to_start, Key::none, Key::kill_word,  // ^T ^U ^V ^W
    Key::none,           Key::none,      Key::none,   Key::none,    // ^X ^Y ^Z ESC
    Key::none,           Key::none,      Key::none,   Key::none,    // ^\ ^] ^^ ^_
};
// A sequence longer than this is garbage: drop it rather than swallow typing forever.
constexpr uint8_t max_sequence = 16;
}  // namespace

Key KeyDecoder::csi_final(uint8_t b) {
    switch (b) {
        case 'A': return Key::up;
        case 'B': return Key::down;
        case 'C': return Key::right;
        case 'D': return Key::left;
        case 'H': return Key::home;
        case 'F': return Key::end;
        case '~':
            switch (param_) {
                case 1: case 7: return Key::home;
                case 4: case 8: return Key::end;
                case 3: return Key::del;
                default: return Key::none;
            }
        default: return Key::none;
    }
}

Key KeyDecoder::feed(uint8_t b) {
    bool was_after_cr = after_cr_;
    after_cr_ = false;
    switch (state_) {
        case State::escape:
            if (b == '[') {
                state_ = State::csi;
                param_ = 0;
                length_ = 0;
                first_param_done_ = false;
                return Key::none;
            }
            if (b == 'O') {
                state_ = State::ss3;
                return Key::none;
            }
            state_ = State::ground;  // a lone Escape (or Alt-key): drop the ESC, keep the key
            break;
        case State::ss3:
            state_ = State::ground;
            param_ = 0;
            return csi_final(b);  // ESCOH, ESCOA, ... (keypad keys and F1-F4 decode to none)
        case State::csi:
            if (b >= '0' && b <= '9') {
                if (!first_param_done_ && param_ < 25) {  // saturates below 256
                    param_ = static_cast<uint8_t>(param_ * 10 + (b - '0'));
                }
            } else if (b >= 0x40 && b <= 0x7e) {
                state_ = State::ground;
                return csi_final(b);
            } else if (b < 0x20 || b >= 0x80 || b == 0x1b) {
                state_ = State::ground;  // not part of any sequence: treat as a key
                break;
            } else if (b == ';') {
                first_param_done_ = true;  // ESC[1;5C: only the first parameter matters
            }
            if (++length_ > max_sequence) state_ = State::ground;
            return Key::none;
        case State::ground: break;
    }
    switch (b) {
        case 0x1b: state_ = State::escape; return Key::none;
        case '\r': after_cr_ = true; return Key::enter;
        case '\n': return was_after_cr ? Key::none : Key::enter;
        case 0x7f: return Key::backspace;
        default: break;
    }
    if (b < 0x20) return control_keys[b];
    if (b < 0x7f) {
        ch_ = static_cast<char>(b);
        return Key::text;
    }
    return Key::none;  // other controls and bytes >= 0x80: the editor is ASCII-only
}

}  // namespace tern::shell
