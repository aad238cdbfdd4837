/* RISC-V (RV32, machine mode) trap entry, context switch and first-task start.
 *
 * Every trap saves the interrupted context on the interrupted task's stack, as a frame
 * of 32 words (16-byte aligned):
 *     0 mepc   4 mstatus   8 ra(x1)   (n-2)*4: x5..x31     (gp, tp are constants)
 * then stores sp in tern_sched.current->sp (offset 0 of the task) and runs C on the
 * interrupt stack. Traps never nest (mstatus.MIE stays 0 inside). On the way out it
 * makes current = next and restores current: when nothing asked for a switch, next is
 * current and this is a no-op; when the kernel chose another task, that is the switch.
 * Exceptions (faults) go to tern_fault_report with the frame and never return. */
    .section .text.trap, "ax", @progbits
    .balign 4                       /* mtvec, direct mode: 4-byte aligned */
    .global tern_trap_entry
    .type tern_trap_entry, @function
tern_trap_entry:
    addi    sp, sp, -128
    sw      x1, 8(sp)
    sw      x5, 12(sp)
    sw      x6, 16(sp)
    sw      x7, 20(sp)
    sw      x8, 24(sp)
    sw      x9, 28(sp)
    sw      x10, 32(sp)
    sw      x11, 36(sp)
    sw      x12, 40(sp)
    sw      x13, 44(sp)
    sw      x14, 48(sp)
    sw      x15, 52(sp)
    sw      x16, 56(sp)
    sw      x17, 60(sp)
    sw      x18, 64(sp)
    sw      x19, 68(sp)
    sw      x20, 72(sp)
    sw      x21, 76(sp)
    sw      x22, 80(sp)
    sw      x23, 84(sp)
    sw      x24, 88(sp)
    sw      x25, 92(sp)
    sw      x26, 96(sp)
    sw      x27, 100(sp)
    sw      x28, 104(sp)
    sw      x29, 108(sp)
    sw      x30, 112(sp)
    sw      x31, 116(sp)
    csrr    t0, mepc
    sw      t0, 0(sp)
    csrr    t0, mstatus
    sw      t0, 4(sp)
    csrr    a0, mcause
    bgez    a0, 2f                  /* an exception: a fault */
    la      t0, tern_sched
    lw      t1, 0(t0)
    sw      sp, 0(t1)               /* current->sp */
    /* Fast path: a machine software interrupt with no soft IRQ pending is only a switch
     * request (yield, wake from a task): clear MSIP and switch, no C, no IRQ stack. */
    li      t2, 0x80000003
    bne     a0, t2, 4f
    la      t2, tern_riscv_soft_pending
    lw      t2, 0(t2)
    bnez    t2, 4f
    li      t2, TERN_CLINT_BASE     /* the hart's MSIP word */
    sw      zero, 0(t2)
    j       5f
4:  la      sp, __irq_stack_top
    li      t0, 1
    la      t1, tern_riscv_in_trap
    sb      t0, 0(t1)
    call    tern_riscv_interrupt    /* a0 = mcause */
    la      t1, tern_riscv_in_trap
    sb      zero, 0(t1)
    la      t0, tern_sched
5:  lw      t1, 4(t0)               /* next */
    sw      t1, 0(t0)               /* current = next */
    lw      sp, 0(t1)
    .global tern_trap_restore
tern_trap_restore:                  /* sp = a saved frame */
    lw      t0, 0(sp)
    csrw    mepc, t0
    lw      t0, 4(sp)
    csrw    mstatus, t0
    lw      x1, 8(sp)
    lw      x6, 16(sp)
    lw      x7, 20(sp)
    lw      x8, 24(sp)
    lw      x9, 28(sp)
    lw      x10, 32(sp)
    lw      x11, 36(sp)
    lw      x12, 40(sp)
    lw      x13, 44(sp)
    lw      x14, 48(sp)
    lw      x15, 52(sp)
    lw      x16, 56(sp)
    lw      x17, 60(sp)
    lw      x18, 64(sp)
    lw      x19, 68(sp)
    lw      x20, 72(sp)
    lw      x21, 76(sp)
    lw      x22, 80(sp)
    lw      x23, 84(sp)
    lw      x24, 88(sp)
    lw      x25, 92(sp)
    lw      x26, 96(sp)
    lw      x27, 100(sp)
    lw      x28, 104(sp)
    lw      x29, 108(sp)
    lw      x30, 112(sp)
    lw      x31, 116(sp)
    lw      x5, 12(sp)
    addi    sp, sp, 128
    mret

2:  mv      a1, sp                  /* the faulting context's frame */
    csrr    a2, mtval
    la      sp, __irq_stack_top
    li      t0, 1
    la      t1, tern_riscv_in_trap
    sb      t0, 0(t1)
    call    tern_fault_report       /* does not return */
3:  j       3b
    .size tern_trap_entry, . - tern_trap_entry

/* void tern_riscv_start_first(void* sp): restores the first task's frame. */
    .global tern_riscv_start_first
    .type tern_riscv_start_first, @function
tern_riscv_start_first:
    mv      sp, a0
    j       tern_trap_restore
    .size tern_riscv_start_first, . - tern_riscv_start_first

/* Reset entry: every board's linker script puts .text.start at the reset address. */
    .section .text.start, "ax", @progbits
    .global _start
    .type _start, @function
_start:
    csrw    mie, zero
    csrci   mstatus, 8
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      t0, tern_trap_entry
    csrw    mtvec, t0
    call    tern_riscv_reset        /* data, bss, board, constructors, main */
1:  j       1b
    .size _start, . - _start
