// A tiny VT100 screen for the editor tests: applies the bytes the editor writes
// (printable text, CR, LF, BS, BEL, ESC[K, ESC[nC, ESC[nD, ESC[2J, ESC[H) to a grid of
// rows, so tests assert what a person would see, not which bytes produced it.
#pragma once
#include <string>
#include <vector>

#include "tern/shell.hpp"

class Screen {
public:
    explicit Screen(size_t width = 200) : width_(width) { rows_.emplace_back(); }

    void write(const char* s, size_t n) {
        raw_.append(s, n);
        for (size_t i = 0; i < n; ++i) put(s[i]);
    }

    // The row the cursor is on, trailing spaces removed.
    std::string line() const { return trimmed(rows_[row_]); }
    std::string row(size_t r) const { return r < rows_.size() ? trimmed(rows_[r]) : ""; }
    size_t rows() const { return rows_.size(); }
    size_t column() const { return col_; }
    size_t row_index() const { return row_; }
    const std::string& raw() const { return raw_; }
    int bells() const { return bells_; }
    int clears() const { return clears_; }
    // Every row joined by '\n' (for whole-screen comparisons).
    std::string text() const {
        std::string all;
        for (size_t r = 0; r < rows_.size(); ++r) {
            if (r) all += '\n';
            all += trimmed(rows_[r]);
        }
        return all;
    }

    // An output-only stream onto this screen.
    tern::shell::Io io() { return {nullptr, &Screen::write_to, this}; }
    static void write_to(void* self, const char* s, size_t n) {
        static_cast<Screen*>(self)->write(s, n);
    }

private:
    static std::string trimmed(std::string s) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    }
    void put(char c) {
        if (esc_ == 1) {
            if (c == '[') {
                esc_ = 2;
                param_ = 0;
                has_param_ = false;
            } else {
                esc_ = 0;
            }
            return;
        }
        if (esc_ == 2) {
            if (c >= '0' && c <= '9') {
                param_ = param_ * 10 + (c - '0');
                has_param_ = true;
                return;
            }
            esc_ = 0;
            size_t n = has_param_ ? static_cast<size_t>(param_) : 1;
            std::string& r = rows_[row_];
            switch (c) {
                case 'K':
                    if (r.size() > col_) r.resize(col_);
                    break;
                case 'C': col_ += n; break;
                case 'D': col_ = col_ > n ? col_ - n : 0; break;
                case 'H': row_ = 0; col_ = 0; break;
                case 'J':
                    rows_.assign(rows_.size(), std::string());
                    ++clears_;
                    break;
                default: break;
            }
            return;
        }
        switch (c) {
            case '\x1b': esc_ = 1; return;
            case '\r': col_ = 0; return;
            case '\n':
                ++row_;
                if (row_ >= rows_.size()) rows_.emplace_back();
                return;
            case '\b':
                if (col_ > 0) --col_;
                return;
            case '\a': ++bells_; return;
            default: break;
        }
        std::string& r = rows_[row_];
        if (r.size() <= col_) r.resize(col_ + 1, ' ');
        r[col_] = c;
        if (col_ + 1 < width_) ++col_;
    }

    size_t width_;
    std::vector<std::string> rows_;
    size_t row_ = 0, col_ = 0;
    int esc_ = 0;
    int param_ = 0;
    bool has_param_ = false;
    int bells_ = 0;
    int clears_ = 0;
    std::string raw_;
};
