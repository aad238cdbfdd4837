// What a ccBPF VM needs from whoever embeds it. The VM never blocks: sleeping, yielding
// and migrating are returned from Vm::run() as a status for the host to act on.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tern::ccbpf {

class Host {
  public:
    // Program output (printf, putchar, puts). Must accept every byte.
    virtual void write(const char* bytes, size_t n) = 0;
    // A monotonic millisecond clock; only differences are used.
    virtual uint32_t now_ms() = 0;
    virtual uint32_t node_id() = 0;
    virtual const char* node_name() = 0;

  protected:
    ~Host() = default;
};

}  // namespace tern::ccbpf
