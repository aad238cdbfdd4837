# mps2-an386: Cortex-M4F under QEMU (ARMv7E-M with single-precision FPU). The FPGA image
# is the AN385 one with another core: same memory map, CMSDK UART0 and timers, so the
# board code, header and linker script are mps2-an385's.
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_HAS_HAL ON)  # include/tern/hal.hpp tables: tests/ports/hal.cpp
set(TERN_CM_PROFILE v7em-fp)
set(TERN_CPU_HAS_FPU ON)
set(TERN_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
set(TERN_QEMU_CMD "qemu-system-arm -M mps2-an386 -cpu cortex-m4 -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

set(_an385 ${CMAKE_SOURCE_DIR}/boards/mps2-an385)
add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS})
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/cortex-m -T${_an385}/linker.ld)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${_an385}/board.cpp
  ${CMAKE_SOURCE_DIR}/boards/mps2-an386/hal.cpp)  # the MPS2 op-tables
target_compile_definitions(tern_flags INTERFACE "TERN_HAL_BOARD_NAME=\"${TERN_BOARD}\"")
