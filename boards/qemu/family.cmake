# QEMU's generic machines with no chip behind them. Today: the RISC-V virt machine
# (virt.cpp over drivers/uart/ns16550.hpp and drivers/power/sifive_test.hpp).
set(TERN_ARCH riscv)
set(TERN_IS_HOST OFF)
# -misa-spec=2.2: CSR instructions are part of the base ISA there, so plain rv32imac both
# assembles csrr/csrw and selects the rv32imac/ilp32 multilib (rv32imac_zicsr does not).
set(TERN_CPU_FLAGS -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany)
set(TERN_BOARD_SECOND_UART OFF)  # virt has one NS16550A
list(APPEND TERN_BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/virt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform.cpp)
list(APPEND TERN_BOARD_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/include ${TERN_BOARD_MAP_DIR})
