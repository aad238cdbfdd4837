# mps2-an500: Cortex-M7 (ARMv7E-M, FPv5 FPU with double precision). QEMU models the AN500
# with the AN385 memory map (SSRAM1 at 0, SSRAM2&3 at 0x20000000), CMSDK UARTs and timers
# at the same places.
set(TERN_CM_PROFILE v7em-fp)
set(TERN_CPU_HAS_FPU ON)
set(TERN_CPU_FLAGS -mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16)
set(TERN_QEMU_MACHINE mps2-an500)
set(TERN_QEMU_CPU cortex-m7)
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR}/../mps2-an385)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
