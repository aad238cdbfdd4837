# mps2-an385: Cortex-M3 under QEMU (ARMv7-M, no FPU).
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
# -icount shift=5: every instruction takes 32 ns of virtual time, near a 25 MHz M3's
# pace; sleep=off: an idle CPU jumps to its next timer event at once.
set(TERN_QEMU_CMD "qemu-system-arm -M mps2-an385 -cpu cortex-m3 -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS})
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/cortex-m
  -T${CMAKE_CURRENT_LIST_DIR}/linker.ld)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${CMAKE_CURRENT_LIST_DIR}/board.cpp)
