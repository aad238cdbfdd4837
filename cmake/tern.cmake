# Build-wide settings and the helpers every image, test and benchmark uses.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_C_STANDARD 11)

add_compile_options(-Wall -Wextra -Werror
  $<$<COMPILE_LANGUAGE:CXX>:-Wno-volatile>)

# Compiler flags shared by every target (non-host) build. The board adds its -mcpu.
set(TERN_TARGET_FLAGS -Os -g -ffunction-sections -fdata-sections -fno-common
  $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit>)

set(TERN_APPS_DIR ${CMAKE_BINARY_DIR}/apps)
file(MAKE_DIRECTORY ${TERN_APPS_DIR})

# tern_add_image(NAME SOURCES ... [LIBS ...] [KERNEL variant])
# One bootable image: a host executable, or an ELF (+ map, + size report) for a board.
function(tern_add_image name)
  cmake_parse_arguments(A "" "KERNEL" "SOURCES;LIBS" ${ARGN})
  if(NOT A_KERNEL)
    set(A_KERNEL default)
  endif()
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE ${A_LIBS} tern_kernel_${A_KERNEL})
  set_property(GLOBAL APPEND PROPERTY TERN_IMAGES ${name})  # -> apps.txt, for ./tern run
  if(TERN_IS_HOST)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${TERN_APPS_DIR})
  else()
    set_target_properties(${name} PROPERTIES SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${TERN_APPS_DIR})
    target_link_options(${name} PRIVATE -Wl,-Map=${TERN_APPS_DIR}/${name}.map)
  endif()
endfunction()

# tern_add_scenario_test(NAME SOURCES ... [LIBS ...] [PASS regex] [TIMEOUT s])
# A test image that runs the same on every board: host process or QEMU with -icount.
# It passes when it exits 0 (semihosting exit code on targets) and, if given,
# its console output matches PASS.
function(tern_add_scenario_test name)
  cmake_parse_arguments(A "" "PASS;TIMEOUT;KERNEL" "SOURCES;LIBS" ${ARGN})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 60)
  endif()
  if(NOT A_KERNEL)
    set(A_KERNEL default)
  endif()
  tern_add_image(${name} SOURCES ${A_SOURCES} LIBS ${A_LIBS} tern_testlib KERNEL ${A_KERNEL})
  if(TERN_IS_HOST)
    set(cmd $<TARGET_FILE:${name}>)
  else()
    string(REPLACE "@ELF@" "$<TARGET_FILE:${name}>" cmd "${TERN_QEMU_CMD}")
    separate_arguments(cmd UNIX_COMMAND "${cmd}")
  endif()
  # The runner checks the exit status AND the console (CTest's own PASS regex would
  # ignore the exit status), and kills a hung image, reporting it as a failure.
  add_test(NAME ${name} COMMAND ${CMAKE_SOURCE_DIR}/tools/run-image
    --timeout ${A_TIMEOUT} --expect "${A_PASS}" -- ${cmd})
  math(EXPR ctest_timeout "${A_TIMEOUT} + 10")
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ctest_timeout} LABELS "scenario;${TERN_BOARD}")
endfunction()

# tern_kernel_variant(NAME [DEFINES ...])
# The kernel, its port and the board compiled together with one configuration
# (include/tern/config.hpp reads the TERN_CFG_* defines). An OBJECT library, so
# that startup code and vector tables always reach the image; --gc-sections
# drops what the image does not use.
function(tern_kernel_variant name)
  cmake_parse_arguments(A "" "" "DEFINES" ${ARGN})
  add_library(tern_kernel_${name} OBJECT)
  target_link_libraries(tern_kernel_${name} PRIVATE tern_kernel_src tern_arch_src tern_board_src
    PUBLIC tern_flags)
  target_compile_definitions(tern_kernel_${name} PUBLIC ${A_DEFINES})
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/ccbpf.cmake)
