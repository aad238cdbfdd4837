# mps2-an385: Cortex-M3 (ARMv7-M, no FPU), the reference board.
set(TERN_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(TERN_QEMU_MACHINE mps2-an385)
set(TERN_QEMU_CPU cortex-m3)
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
