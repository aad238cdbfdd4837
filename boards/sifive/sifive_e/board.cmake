# sifive_e: QEMU's sifive_e (E31/FE310, HiFive1): the mask ROM at 0x1000 jumps to 0x20400000
# in the XIP flash (the HiFive1 SDK's load address); 16 KB of DTIM RAM at 0x80000000.
set(TERN_QEMU_CMD "qemu-system-riscv32 -M sifive_e ${TERN_QEMU_COMMON_ARGS}")
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR})
set(TERN_BOARD_FLASH_ORIGIN 0x20400000)
set(TERN_BOARD_FLASH_BYTES 4194304)
set(TERN_BOARD_RAM_ORIGIN 0x80000000)
set(TERN_BOARD_RAM_BYTES 16384)
set(TERN_BOARD_MAIN_STACK_BYTES 1024)  # startup, then interrupts: tasks have their own
# 16 KB of RAM: a smaller kernel heap and C API stack pool than the 8 KB + 8 x 1 KB defaults.
set(TERN_BOARD_DEFINES TERN_CFG_HEAP_BYTES=2048 TERN_CFG_OS_MAX_TASKS=5)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
