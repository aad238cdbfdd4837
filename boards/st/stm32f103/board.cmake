# stm32f103: the memories of an STM32F103C8 (64 KB of flash, 20 KB of RAM) on the
# mps2-an385 machine. QEMU has no STM32F103 with a console and timers it models well enough,
# so this profile runs the MPS2 family's code on AN385's map and CPU, and its link says
# what fits such a chip. A real STM32F103 port would bring its own family code (USART,
# TIMx) under boards/st/ and keep these memories.
set(TERN_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(TERN_QEMU_MACHINE mps2-an385)
set(TERN_QEMU_CPU cortex-m3)
set(TERN_BOARD_MAP_DIR ${CMAKE_SOURCE_DIR}/boards/mps2/mps2-an385)
set(TERN_BOARD_FLASH_ORIGIN 0x00000000)
set(TERN_BOARD_FLASH_BYTES 65536)
set(TERN_BOARD_RAM_ORIGIN 0x20000000)
set(TERN_BOARD_RAM_BYTES 20480)
set(TERN_BOARD_MAIN_STACK_BYTES 1024)  # startup, interrupts, exceptions: tasks have their own
# 20 KB of RAM: a smaller kernel heap and C API stack pool than the 8 KB + 8 x 1 KB defaults.
set(TERN_BOARD_DEFINES TERN_CFG_HEAP_BYTES=2048 TERN_CFG_OS_MAX_TASKS=5)
include(${CMAKE_SOURCE_DIR}/boards/mps2/family.cmake)
