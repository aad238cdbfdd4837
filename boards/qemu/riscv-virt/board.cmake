# riscv-virt: RV32IMAC, machine mode, under QEMU's virt machine. QEMU loads the image into
# DRAM at 0x80000000 and, with -bios none, jumps there. "FLASH" is the first MB of DRAM, so
# .data still has a load image to copy; the next 7 MB are RAM.
set(TERN_QEMU_CMD "qemu-system-riscv32 -M virt -bios none ${TERN_QEMU_COMMON_ARGS}")
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR})
set(TERN_BOARD_FLASH_ORIGIN 0x80000000)
set(TERN_BOARD_FLASH_BYTES 1048576)
set(TERN_BOARD_RAM_ORIGIN 0x80100000)
set(TERN_BOARD_RAM_BYTES 7340032)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
