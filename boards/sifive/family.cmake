# The SiFive FE310 family (E31 core, RV32IMAC in machine mode): one board code (fe310.cpp
# over drivers/uart/sifive_uart.hpp and drivers/gpio/sifive_gpio.hpp).
set(TERN_ARCH riscv)
set(TERN_IS_HOST OFF)
# -misa-spec=2.2: CSR instructions are part of the base ISA there, so plain rv32imac both
# assembles csrr/csrw and selects the rv32imac/ilp32 multilib (rv32imac_zicsr does not).
set(TERN_CPU_FLAGS -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany)
set(TERN_BOARD_SECOND_UART ON)  # UART1 at 0x10023000: QEMU's second -serial
list(APPEND TERN_BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/fe310.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform.cpp)
list(APPEND TERN_BOARD_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/include ${TERN_BOARD_MAP_DIR})
