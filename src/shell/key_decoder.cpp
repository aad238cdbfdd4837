// Key decoding. Terminals disagree on Home/End: xterm sends ESC[H / ESC[F (or ESCOH /
// ESCOF in application mode), the VT220 family ESC[1~ / ESC[4~, rxvt ESC[7~ / ESC[8~.
// All are accepted. Modifiers (ESC[1;5C) are ignored: Ctrl-Right moves like Right.
// ESC O (SS3) is read like ESC [: both end at their first final byte.
#include "key_decoder.hpp"

namespace tern::shell {

namespace {

constexpr uint32_t bit(Key k) {
    return 1u << static_cast<uint8_t>(k);
}
// The control characters that are editing keys; the others are ignored.
constexpr uint32_t bound_controls = bit(Key::home) | bit(Key::left) | bit(Key::cancel) |
                                    bit(Key::eof) | bit(Key::end) | bit(Key::right) |
                                    bit(Key::backspace) | bit(Key::tab) | bit(Key::kill_to_end) |
                                    bit(Key::redraw) | bit(Key::enter) | bit(Key::down) |
                                    bit(Key::up) | bit(Key::kill_to_start) | bit(Key::kill_word);

// What a sequence means: ESC[n~ by its parameter n, the others by their final byte
// 'A'..'H'. Everything else (F-keys, Page Up, ...) means nothing.
constexpr Key tilde_keys[] = {Key::none, Key::home, Key::none, Key::del, Key::end,
                              Key::none, Key::none, Key::home, Key::end};  // 0..8
constexpr Key letter_keys[] = {Key::up,   Key::down, Key::right, Key::left,
                               Key::none, Key::end,  Key::none,  Key::home};  // A..H

// A sequence longer than this is garbage: drop it rather than swallow typing forever.
constexpr uint8_t max_sequence = 16;

}  // namespace

// Set in param_ by the first ';': the parameters after it (modifiers) do not count.
constexpr uint8_t later_params = 0x80;

Key KeyDecoder::feed(uint8_t b) {
    State was = state_;
    state_ = State::ground;
    if (was == State::escape) {
        if (b == '[' || b == 'O') {
            state_ = State::sequence;
            param_ = 0;
            length_ = 0;
            return Key::none;
        }
        // a lone Escape (or Alt-key): drop the ESC, keep the key
    } else if (was == State::sequence) {
        if (b >= 0x40 && b <= 0x7e) {  // the final byte
            unsigned param = param_ & ~later_params;
            if (b == '~') return param < sizeof tilde_keys ? tilde_keys[param] : Key::none;
            unsigned i = b - 'A';
            return i < sizeof letter_keys ? letter_keys[i] : Key::none;
        }
        if (b >= 0x20 && b < 0x7f) {
            if (b == ';') param_ |= later_params;
            if (b >= '0' && b <= '9' && param_ < 10) param_ = static_cast<uint8_t>(param_ * 10 + (b - '0'));
            if (++length_ <= max_sequence) state_ = State::sequence;
            return Key::none;
        }
        // not part of any sequence: treat as a key
    } else if (was == State::after_cr && b == '\n') {
        return Key::none;  // CR LF is one Enter
    }
    if (b == 0x1b) {
        state_ = State::escape;
        return Key::none;
    }
    if (b == '\r') state_ = State::after_cr;
    if (b == '\n') return Key::enter;
    if (b == 0x7f) return Key::backspace;
    if (b < 0x20) return (bound_controls >> b) & 1 ? Key{b} : Key::none;
    return b < 0x7f ? Key{b} : Key::none;  // the editor is ASCII-only
}

}  // namespace tern::shell
