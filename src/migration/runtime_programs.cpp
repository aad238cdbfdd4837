// Programs over tern::programs (runtime_programs.hpp). Each call is one runtime call; the
// runtime's own mutex makes them safe from the task that drives the Migrator.
#include "tern/migration/runtime_programs.hpp"

#include <cstring>

#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/opcodes.hpp"
#include "tern/programs.hpp"

namespace tern::migration {

namespace {
bool is_live(programs::State s) {
    return s == programs::State::running || s == programs::State::sleeping ||
           s == programs::State::paused || s == programs::State::migrating;
}
}  // namespace

bool RuntimePrograms::pause(const char* name) {
    return programs::pause(name) == programs::Error::none;
}

void RuntimePrograms::resume(const char* name) { programs::resume(name); }

bool RuntimePrograms::image(const char* name, std::span<const std::uint8_t>* out) {
    const std::uint8_t* bytes = nullptr;
    std::uint32_t size = 0;
    if (programs::image(name, &bytes, &size) != programs::Error::none || size == 0) return false;
    *out = std::span<const std::uint8_t>(bytes, size);
    return true;
}

std::size_t RuntimePrograms::snapshot(const char* name, std::span<std::uint8_t> out) {
    std::size_t size = 0;
    if (programs::snapshot(name, out.data(), out.size(), &size) != programs::Error::none) return 0;
    return size;
}

Reason RuntimePrograms::restore_paused(const char* name, std::span<const std::uint8_t> image,
                                       std::span<const std::uint8_t> snapshot) {
    ccbpf::ImageView view{};
    if (!ccbpf::image_parse(image.data(), image.size(), &view, why_, sizeof why_))
        return Reason::image_rejected;
    programs::Error e = programs::restore(name, image.data(), image.size(), snapshot.data(),
                                          snapshot.size(), why_, sizeof why_);
    switch (e) {
        case programs::Error::none: return Reason::none;
        case programs::Error::is_running: return Reason::name_taken;
        case programs::Error::no_slot: return Reason::memory;
        case programs::Error::too_large: return Reason::too_large;
        case programs::Error::bad_name: return Reason::snapshot_rejected;
        default: return Reason::snapshot_rejected;
    }
}

// Stopped, not removed: the slot is free for any program (the runtime reuses ended slots)
// and its image stays, so a move back here travels warm (only the snapshot).
void RuntimePrograms::drop(const char* name) { programs::stop(name); }

bool RuntimePrograms::name_taken(const char* name) {
    programs::Status st;
    return programs::status(name, st) == programs::Error::none && is_live(st.state);
}

bool RuntimePrograms::cached_image(std::uint64_t hash, std::span<const std::uint8_t>* out) {
    programs::Status st;
    for (unsigned i = 0; i < PROGRAMS_SLOTS; i++) {
        if (!programs::status_at(i, st) || st.image_bytes < ccbpf::kImageHeaderSize) continue;
        const std::uint8_t* bytes = nullptr;
        std::uint32_t size = 0;
        if (programs::image(st.name, &bytes, &size) != programs::Error::none) continue;
        if (size >= ccbpf::kImageHeaderSize && ccbpf::rd64(bytes + 48) == hash) {
            *out = std::span<const std::uint8_t>(bytes, size);
            return true;
        }
    }
    return false;
}

std::uint32_t RuntimePrograms::free_memory() {
    programs::Status st;
    for (unsigned i = 0; i < PROGRAMS_SLOTS; i++) {
        if (!programs::status_at(i, st)) return PROGRAMS_MEMORY_BYTES;
        if (st.state == programs::State::exited || st.state == programs::State::trapped ||
            st.state == programs::State::stopped)
            return PROGRAMS_MEMORY_BYTES;  // an ended slot is taken over by a restore
    }
    return 0;
}

std::uint32_t RuntimePrograms::builtins() { return (1u << ccbpf::BI_COUNT) - 1u; }

}  // namespace tern::migration
