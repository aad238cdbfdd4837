# microbit: BBC micro:bit v1 (nRF51822, Cortex-M0) under QEMU, 256 KB flash, 16 KB RAM.
# -icount shift=5 is 32 ns per instruction (a 16 MHz M0 is slower: virtual time runs faster
# than the real chip's, which only matters for benchmarks, never for correctness).
set(TERN_QEMU_CMD "qemu-system-arm -M microbit ${TERN_QEMU_COMMON_ARGS}")
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR})
set(TERN_BOARD_FLASH_ORIGIN 0x00000000)
set(TERN_BOARD_FLASH_BYTES 262144)
set(TERN_BOARD_RAM_ORIGIN 0x20000000)
set(TERN_BOARD_RAM_BYTES 16384)
set(TERN_BOARD_MAIN_STACK_BYTES 1024)  # startup, interrupts, exceptions: tasks have their own
# 16 KB of RAM: a smaller kernel heap and C API stack pool than the 8 KB + 8 x 1 KB defaults.
set(TERN_BOARD_DEFINES TERN_CFG_HEAP_BYTES=2048 TERN_CFG_OS_MAX_TASKS=5)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
