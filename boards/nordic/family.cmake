# The Nordic nRF51 family (Cortex-M0): one board code (nrf51.cpp over drivers/*/nrf51_*.hpp);
# each board says where its devices are (TERN_BOARD_MAP_DIR), its memories and QEMU machine.
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_CM_PROFILE v6m)
set(TERN_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
set(TERN_BOARD_SECOND_UART OFF)  # the nRF51 has one UART
list(APPEND TERN_BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/nrf51.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform.cpp)
list(APPEND TERN_BOARD_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/include ${TERN_BOARD_MAP_DIR})
