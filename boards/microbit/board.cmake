# microbit: Cortex-M0 (ARMv6-M) under QEMU, nRF51822 with 16 KB of RAM.
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_HAS_HAL ON)  # include/tern/hal.hpp tables: tests/ports/hal.cpp
set(TERN_CM_PROFILE v6m)
set(TERN_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
# -icount shift=5: 32 ns per instruction (a 16 MHz M0 is slower: virtual time runs faster
# than the real chip's, which only matters for benchmarks, never for correctness).
set(TERN_QEMU_CMD "qemu-system-arm -M microbit -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS})
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/cortex-m
  -T${CMAKE_CURRENT_LIST_DIR}/linker.ld)
# 16 KB of RAM: a smaller kernel heap and C API stack pool than the 8 KB + 8 x 1 KB defaults.
target_compile_definitions(tern_flags INTERFACE TERN_CFG_HEAP_BYTES=2048 TERN_CFG_OS_MAX_TASKS=5)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${CMAKE_CURRENT_LIST_DIR}/board.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hal.cpp)
