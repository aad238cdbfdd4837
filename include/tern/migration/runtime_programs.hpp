// The Migrator's Programs over the device's program runtime (include/tern/programs.hpp):
// what a node's migration glue (shell `migrate`, node drain, a program's migrate()) hands
// to its Migrator. Library tern_migration_runtime, built where tern_programs is.
#pragma once
#include "tern/migration/migrator.hpp"

namespace tern::migration {

class RuntimePrograms final : public Programs {
  public:
    bool pause(const char* name) override;
    void resume(const char* name) override;
    bool image(const char* name, std::span<const std::uint8_t>* out) override;
    std::size_t snapshot(const char* name, std::span<std::uint8_t> out) override;
    // image_rejected when the image's framing, CRC or hash fails (checked here first);
    // snapshot_rejected when the runtime refuses the pair (its verifier or the snapshot's
    // checks: the runtime's message says which); memory when no slot is free.
    Reason restore_paused(const char* name, std::span<const std::uint8_t> image,
                          std::span<const std::uint8_t> snapshot) override;
    // Stops the paused copy; the slot keeps its image (stopped), so a move back is warm.
    void drop(const char* name) override;
    bool name_taken(const char* name) override;
    bool cached_image(std::uint64_t hash, std::span<const std::uint8_t>* out) override;
    // PROGRAMS_MEMORY_BYTES while a slot is empty or holds an ended program, else 0.
    std::uint32_t free_memory() override;
    std::uint32_t builtins() override;  // every built-in of this VM

    const char* last_refusal() const { return why_; }  // the runtime's words for the last one

  private:
    char why_[160] = {};
};

}  // namespace tern::migration
