# mps2-an386: Cortex-M4F (ARMv7E-M with single-precision FPU). The FPGA image is AN385's
# with another core: same memory map, CMSDK UARTs and timers.
set(TERN_CM_PROFILE v7em-fp)
set(TERN_CPU_HAS_FPU ON)
set(TERN_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
set(TERN_QEMU_MACHINE mps2-an386)
set(TERN_QEMU_CPU cortex-m4)
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR}/../mps2-an385)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
