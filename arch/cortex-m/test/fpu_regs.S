/* uint32_t fp_fill_wait_check(uint32_t seed, volatile uint32_t* flag, uint32_t seen)
 * Fills s0-s31 with seed, seed+1, ... and FPSCR's rounding mode with seed & 3, waits
 * (FP state live in the registers) until *flag != seen, i.e. until another task has run,
 * then returns how many of the 33 values changed. All in one function so that the
 * compiler can never move the values out of the registers across the switch. */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text
    .global fp_fill_wait_check
    .type fp_fill_wait_check, %function
    .thumb_func
fp_fill_wait_check:
    push    {r4, r5, lr}
    vpush   {s16-s31}
    mov     r12, r0
    mov     r3, r0
    .irp reg, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31
    vmov    \reg, r3
    adds    r3, #1
    .endr
    and     r5, r12, #3
    lsl     r5, r5, #22             /* FPSCR.RMode */
    vmsr    fpscr, r5
1:  ldr     r4, [r1]
    cmp     r4, r2
    beq     1b
    movs    r0, #0
    mov     r3, r12
    .irp reg, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31
    vmov    r4, \reg
    cmp     r4, r3
    it      ne
    addne   r0, #1
    adds    r3, #1
    .endr
    vmrs    r4, fpscr
    and     r4, r4, #(3 << 22)
    cmp     r4, r5
    it      ne
    addne   r0, #1
    movs    r4, #0
    vmsr    fpscr, r4
    vpop    {s16-s31}
    pop     {r4, r5, pc}
    .size fp_fill_wait_check, . - fp_fill_wait_check
