# The MPS2 family: ARM's MPS2/MPS2+ FPGA images as QEMU models them. One board code
# (mps2.cpp over drivers/uart/cmsdk_apb_uart.hpp and drivers/timer/cmsdk_apb_timer.hpp)
# and one device table (platform.cpp);
# each board says its core (TERN_CPU_FLAGS, TERN_QEMU_MACHINE, TERN_QEMU_CPU), where its
# devices are (TERN_BOARD_MAP_DIR: the folder of its board_map.hpp) and, if they are not
# the AN385 map's, its memories. Then it includes this file.
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_SECOND_UART ON)  # CMSDK UART1..4 (uart[1..3]): QEMU's 2nd.. -serial
# The AN385 map (AN386 and AN500 too): SSRAM1 (4 MB, code) at 0, SSRAM2&3 (4 MB) at
# 0x20000000.
if(NOT DEFINED TERN_BOARD_FLASH_ORIGIN)
  set(TERN_BOARD_FLASH_ORIGIN 0x00000000)
  set(TERN_BOARD_FLASH_BYTES 4194304)
endif()
if(NOT DEFINED TERN_BOARD_RAM_ORIGIN)
  set(TERN_BOARD_RAM_ORIGIN 0x20000000)
  set(TERN_BOARD_RAM_BYTES 4194304)
endif()
set(TERN_QEMU_CMD "qemu-system-arm -M ${TERN_QEMU_MACHINE} -cpu ${TERN_QEMU_CPU} ${TERN_QEMU_COMMON_ARGS}")
list(APPEND TERN_BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/mps2.cpp ${CMAKE_CURRENT_LIST_DIR}/platform.cpp)
list(APPEND TERN_BOARD_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/include ${TERN_BOARD_MAP_DIR})
