# mps2-an505: Cortex-M33 (ARMv8-M Mainline) under QEMU, Secure state only. PSPLIM gives
# every task a hardware stack limit (arch/cortex-m/switch_v8m.S). Built soft-float: the
# FPU is not used (an M33 FP context would follow the M4F's lazy scheme).
set(TERN_ARCH cortex-m)
set(TERN_IS_HOST OFF)
set(TERN_BOARD_HAS_HAL ON)  # include/tern/hal.hpp tables: tests/ports/hal.cpp
set(TERN_CM_PROFILE v8m)
set(TERN_CPU_FLAGS -mcpu=cortex-m33+nofp -mthumb -mfloat-abi=soft)
set(TERN_QEMU_CMD "qemu-system-arm -M mps2-an505 -cpu cortex-m33 -nographic -monitor none -serial stdio -icount shift=5,sleep=off -semihosting-config enable=on,target=native -kernel @ELF@")

add_library(tern_flags INTERFACE)
target_compile_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} ${TERN_TARGET_FLAGS})
target_link_options(tern_flags INTERFACE ${TERN_CPU_FLAGS} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -L${CMAKE_SOURCE_DIR}/arch/cortex-m
  -T${CMAKE_CURRENT_LIST_DIR}/linker.ld)
target_include_directories(tern_flags INTERFACE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_CURRENT_LIST_DIR}/include)

add_library(tern_board_src INTERFACE)
target_sources(tern_board_src INTERFACE ${CMAKE_CURRENT_LIST_DIR}/board.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hal.cpp)
