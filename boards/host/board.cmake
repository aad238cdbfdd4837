# The host board: the kernel as a Linux process, with ASan and UBSan.
set(TERN_ARCH host)
set(TERN_IS_HOST ON)
set(TERN_BOARD_SECOND_UART OFF)
set(TERN_BOARD_COMPILE_OPTIONS -fsanitize=address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined)
set(TERN_BOARD_LINK_OPTIONS -fsanitize=address,undefined)
set(TERN_BOARD_LINK_LIBRARIES pthread)
set(TERN_BOARD_SOURCES ${CMAKE_CURRENT_LIST_DIR}/platform.cpp)
