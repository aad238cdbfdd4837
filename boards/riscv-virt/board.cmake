# riscv-virt: RV32IMAC, machine mode, under QEMU's virt machine (large RAM).
set(TERN_ARCH riscv)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_HAS_HAL ON)  # include/tern/hal.hpp tables: tests/ports/hal.cpp
# -misa-spec=2.2: CSR instructions are part of the base ISA there, so plain rv32imac both
# assembles csrr/csrw and selects the rv32imac/ilp32 multilib (rv32imac_zicsr does not).
set(TERN_CPU_FLAGS -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany)
# -icount shift=5: 32 ns of virtual time per instruction; sleep=off: WFI skips ahead.
set(TERN_QEMU_CMD "qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

add_library(tern_flags INTERFACE)
# The CLINT base for trap.S, which cannot include the C++ board header.
target_compile_definitions(tern_flags INTERFACE TERN_CLINT_BASE=0x02000000)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS} --specs=picolibc.specs)
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} --specs=picolibc.specs -nostartfiles
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/riscv -T${CMAKE_CURRENT_LIST_DIR}/linker.ld)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${CMAKE_CURRENT_LIST_DIR}/board.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hal.cpp)
