# The host board: the kernel as a Linux process, with ASan and UBSan.
set(TERN_ARCH host)
set(TERN_IS_HOST ON)
add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined)
target_link_options(tern_flags INTERFACE -fsanitize=address,undefined)
target_link_libraries(tern_flags INTERFACE pthread)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include)
add_library(tern_board_src INTERFACE)
