# stm32f103: a profile of mps2-an385 (Cortex-M3, same QEMU machine, board code and CPU
# flags) whose linker script allows only an STM32F103C8's 64 KB of flash and 20 KB of RAM.
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_HAS_HAL ON)  # include/tern/hal.hpp tables: tests/ports/hal.cpp
set(TERN_BOARD_RAM_BYTES 20480)
set(TERN_BOARD_FLASH_BYTES 65536)
set(TERN_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(TERN_QEMU_CMD "qemu-system-arm -M mps2-an385 -cpu cortex-m3 -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

set(_an385 ${CMAKE_SOURCE_DIR}/boards/mps2-an385)
add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS})
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/cortex-m -T${CMAKE_CURRENT_LIST_DIR}/linker.ld)
# 20 KB of RAM: a smaller kernel heap and C API stack pool than the 8 KB + 8 x 1 KB defaults.
target_compile_definitions(tern_flags INTERFACE TERN_CFG_HEAP_BYTES=2048 TERN_CFG_OS_MAX_TASKS=5)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${_an385}/board.cpp
  ${CMAKE_SOURCE_DIR}/boards/mps2-an386/hal.cpp)  # the MPS2 op-tables
target_compile_definitions(tern_flags INTERFACE "TERN_HAL_BOARD_NAME=\"${TERN_BOARD}\"")
