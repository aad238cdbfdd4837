/* Register checks for tests/ports/riscv_context.cpp. Each fills registers with seed,
 * seed+1, ... and checks them after the task has been off the CPU, all in one function so
 * that the compiler can never move the values out of the registers across the switch.
 *
 * uint32_t int_fill_wait_check(uint32_t seed, volatile uint32_t* flag, uint32_t seen)
 *   Fills every register but zero, sp, gp, tp (a1 and a2 keep flag and seen, t6 loads the
 *   flag), spins until *flag != seen, i.e. until something else ran (an interrupt's
 *   switch: nothing in the loop calls anything), then returns how many of them changed. */
/* The caller's s0..s11 at 0..44(sp), kept across each test function as the ABI asks. */
.macro save_s0_s11
    sw      s0, 0(sp)
    sw      s1, 4(sp)
    sw      s2, 8(sp)
    sw      s3, 12(sp)
    sw      s4, 16(sp)
    sw      s5, 20(sp)
    sw      s6, 24(sp)
    sw      s7, 28(sp)
    sw      s8, 32(sp)
    sw      s9, 36(sp)
    sw      s10, 40(sp)
    sw      s11, 44(sp)
.endm
.macro load_s0_s11
    lw      s0, 0(sp)
    lw      s1, 4(sp)
    lw      s2, 8(sp)
    lw      s3, 12(sp)
    lw      s4, 16(sp)
    lw      s5, 20(sp)
    lw      s6, 24(sp)
    lw      s7, 28(sp)
    lw      s8, 32(sp)
    lw      s9, 36(sp)
    lw      s10, 40(sp)
    lw      s11, 44(sp)
.endm

    .text
    .global int_fill_wait_check
    .type int_fill_wait_check, @function
int_fill_wait_check:
    addi    sp, sp, -176            /* 0..44 s0-s11, 48 ra, 52 seed, 56 flag, 60 seen, 64.. */
    save_s0_s11
    sw      ra, 48(sp)
    sw      a0, 52(sp)
    sw      a1, 56(sp)
    sw      a2, 60(sp)
    mv      t6, a0
    .irp reg, ra,t0,t1,t2,t3,t4,t5,a3,a4,a5,a6,a7,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,a0
    mv      \reg, t6
    addi    t6, t6, 1
    .endr
1:  lw      t6, 0(a1)
    beq     t6, a2, 1b
    .set    off, 64
    .irp reg, ra,t0,t1,t2,t3,t4,t5,a3,a4,a5,a6,a7,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,a0, a1, a2
    sw      \reg, off(sp)
    .set    off, off + 4
    .endr
    lw      t0, 52(sp)              /* what the next one should be */
    li      a0, 0
    addi    t1, sp, 64
    addi    t2, sp, 64 + 100
2:  lw      t3, 0(t1)
    sub     t3, t3, t0
    snez    t3, t3
    add     a0, a0, t3
    addi    t0, t0, 1
    addi    t1, t1, 4
    bne     t1, t2, 2b
    lw      t3, 0(t2)               /* a1 */
    lw      t4, 56(sp)
    sub     t3, t3, t4
    snez    t3, t3
    add     a0, a0, t3
    lw      t3, 4(t2)               /* a2 */
    lw      t4, 60(sp)
    sub     t3, t3, t4
    snez    t3, t3
    add     a0, a0, t3
    load_s0_s11
    lw      ra, 48(sp)
    addi    sp, sp, 176
    ret
    .size int_fill_wait_check, . - int_fill_wait_check

/* uint32_t callee_fill_yield_check(uint32_t seed)
 *   Fills s0-s11 (what the ABI says a call keeps), calls tern_test_yield (yield(): the
 *   task's own switch, a call frame), then returns how many of them changed. */
    .global callee_fill_yield_check
    .type callee_fill_yield_check, @function
callee_fill_yield_check:
    addi    sp, sp, -64
    save_s0_s11
    sw      ra, 48(sp)
    sw      a0, 52(sp)
    .irp reg, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11
    mv      \reg, a0
    addi    a0, a0, 1
    .endr
    call    tern_test_yield
    lw      t0, 52(sp)
    li      a0, 0
    .irp reg, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11
    sub     t1, \reg, t0
    snez    t1, t1
    add     a0, a0, t1
    addi    t0, t0, 1
    .endr
    load_s0_s11
    lw      ra, 48(sp)
    addi    sp, sp, 64
    ret
    .size callee_fill_yield_check, . - callee_fill_yield_check
