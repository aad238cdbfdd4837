# mps2-an505: Cortex-M33 (ARMv8-M Mainline), Secure state only. PSPLIM gives every task a
# hardware stack limit (arch/cortex-m/switch_v8m.S). Built soft-float: the FPU is not used
# (an M33 FP context would follow the M4F's lazy scheme).
set(TERN_CM_PROFILE v8m)
set(TERN_CPU_FLAGS -mcpu=cortex-m33+nofp -mthumb -mfloat-abi=soft)
set(TERN_QEMU_MACHINE mps2-an505)
set(TERN_QEMU_CPU cortex-m33)
set(TERN_BOARD_MAP_DIR ${CMAKE_CURRENT_LIST_DIR})
# Secure aliases: SSRAM1 (4 MB) at 0x10000000, where QEMU's secure VTOR points at reset;
# SSRAM2&3 (4 MB) at 0x38000000.
set(TERN_BOARD_FLASH_ORIGIN 0x10000000)
set(TERN_BOARD_FLASH_BYTES 4194304)
set(TERN_BOARD_RAM_ORIGIN 0x38000000)
set(TERN_BOARD_RAM_BYTES 4194304)
include(${CMAKE_CURRENT_LIST_DIR}/../family.cmake)
