/* RISC-V (RV32, machine mode) trap entry, context switch and first-task start.
 *
 * A task's saved context is a frame on its own stack, at current->sp (offset 0 of the
 * task), of one of two kinds that share their first words:
 *     0..44  s0..s11
 *     48     where to resume: mepc (bit 0 clear) in a full frame, 128 bytes:
 *            52 (mstatus, in a fault's frame only)  56 ra  60 t0 t1 t2  72 a0..a7
 *            104 t3..t6  (gp, tp are constants)
 *     48     the return address | 1 in a call frame, 80 bytes: 52 ra  56 a0..a3
 * An interrupt can land anywhere, so a task it switches out needs every register back: a
 * full frame. A task that switches itself out (tern_riscv_switch, entered from irq_restore
 * when a critical section ends with a switch pending) is at an asm statement that clobbers
 * t0..t6 and a4..a7 (port/cpu.hpp), so only the rest is kept. tern_riscv_restore reads
 * s0..s11 and word 12, whose bit 0 says which kind follows (code addresses are even).
 *
 * A trap first saves only what a C call may clobber (the upper 80 bytes of a full frame)
 * and runs the C handler on the interrupt stack, which keeps s0..s11 itself. Only when the
 * kernel chose another task does the exit push s0..s11 below, completing the full frame,
 * and switch. Traps never nest (mstatus.MIE stays 0 inside), so mscratch can hold the
 * task's sp across the handler; it is 0 outside traps, which is what in_isr() reads.
 * mstatus is not kept: a task is interrupted only with MIE set, so it always goes back with
 * MPP = M and MPIE set. Exceptions (faults) complete the frame and go to
 * tern_fault_report, which never returns. */
/* s0..s11 at 0..44(sp): the bottom of both kinds of frame. */
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


    .section .text.trap, "ax", @progbits
    .balign 4                       /* mtvec, direct mode: 4-byte aligned */
    .global tern_trap_entry
    .type tern_trap_entry, @function
tern_trap_entry:
    addi    sp, sp, -80
    sw      ra, 8(sp)
    sw      t0, 12(sp)
    sw      t1, 16(sp)
    sw      t2, 20(sp)
    sw      a0, 24(sp)
    sw      a1, 28(sp)
    sw      a2, 32(sp)
    sw      a3, 36(sp)
    sw      a4, 40(sp)
    sw      a5, 44(sp)
    sw      a6, 48(sp)
    sw      a7, 52(sp)
    sw      t3, 56(sp)
    sw      t4, 60(sp)
    sw      t5, 64(sp)
    sw      t6, 68(sp)
    csrr    t0, mepc
    sw      t0, 0(sp)
    csrr    a0, mcause
    bgez    a0, 2f                  /* an exception: a fault */
    csrw    mscratch, sp            /* in_isr() from here on */
    la      sp, __irq_stack_top
    call    tern_riscv_interrupt    /* a0 = mcause */
    csrrw   sp, mscratch, zero
    la      t0, tern_sched
    lw      t1, 0(t0)               /* current */
    lw      t2, 4(t0)               /* next */
    beq     t1, t2, 1f              /* no switch: mstatus is as the trap left it */
    addi    sp, sp, -48             /* the rest of a full frame */
    save_s0_s11
    j       5f
    .size tern_trap_entry, . - tern_trap_entry

/* tern_riscv_switch: entered by "jal t0" from irq_restore, interrupts masked, when a task's
 * critical section ends with a switch pending. Saves a call frame, makes next current and
 * restores it; returns to t0, interrupts open, when this task runs again. The trap's exit
 * joins it at 5 and the code after it up to the fault path is shared by both. */
    .global tern_riscv_switch
    .type tern_riscv_switch, @function
tern_riscv_switch:
    addi    sp, sp, -80
    save_s0_s11
    ori     t0, t0, 1
    sw      t0, 48(sp)
    sw      ra, 52(sp)
    sw      a0, 56(sp)
    sw      a1, 60(sp)
    sw      a2, 64(sp)
    sw      a3, 68(sp)
    la      t0, tern_sched
    lw      t1, 0(t0)               /* current */
    lw      t2, 4(t0)               /* next */
5:  la      t3, tern_riscv_no_switch /* the request is served: spent */
    li      t4, 8
    sb      t4, 0(t3)
    sw      sp, 0(t1)               /* current->sp */
    sw      t2, 0(t0)               /* current = next */
    lw      sp, 0(t2)
    .global tern_riscv_restore
tern_riscv_restore:                 /* sp = a saved frame of either kind, MIE clear */
    load_s0_s11
    lw      t0, 48(sp)
    andi    t1, t0, 1
    bnez    t1, 7f
    addi    sp, sp, 48
    li      t1, 0x1880              /* a full frame: its mret goes back to M, MIE set */
    csrs    mstatus, t1
1:  lw      t0, 0(sp)               /* sp = the upper part of a full frame */
    csrw    mepc, t0
    lw      ra, 8(sp)
    lw      t1, 16(sp)
    lw      t2, 20(sp)
    lw      a0, 24(sp)
    lw      a1, 28(sp)
    lw      a2, 32(sp)
    lw      a3, 36(sp)
    lw      a4, 40(sp)
    lw      a5, 44(sp)
    lw      a6, 48(sp)
    lw      a7, 52(sp)
    lw      t3, 56(sp)
    lw      t4, 60(sp)
    lw      t5, 64(sp)
    lw      t6, 68(sp)
    lw      t0, 12(sp)
    addi    sp, sp, 80
    mret

    /* A call frame: back after the jal in irq_restore (jalr drops bit 0), interrupts open.
     * One already pending is taken at once, in this task, as after any csrs. */
7:  lw      ra, 52(sp)
    lw      a0, 56(sp)
    lw      a1, 60(sp)
    lw      a2, 64(sp)
    lw      a3, 68(sp)
    addi    sp, sp, 80
    csrsi   mstatus, 8
    jr      t0

2:  addi    sp, sp, -48             /* a fault: complete the frame for the report */
    save_s0_s11
    csrr    t0, mstatus
    sw      t0, 52(sp)
    mv      a1, sp                  /* the faulting context's full frame */
    csrr    a2, mtval
    csrw    mscratch, sp            /* in_isr() */
    la      sp, __irq_stack_top
    call    tern_fault_report       /* does not return */
3:  j       3b
    .size tern_riscv_switch, . - tern_riscv_switch

/* void tern_riscv_start_first(void* sp): restores the first task's (full) frame. */
    .global tern_riscv_start_first
    .type tern_riscv_start_first, @function
tern_riscv_start_first:
    la      t1, tern_riscv_no_switch
    li      t2, 8
    sb      t2, 0(t1)
    mv      sp, a0
    j       tern_riscv_restore
    .size tern_riscv_start_first, . - tern_riscv_start_first

/* Reset entry: every board's linker script puts .text.start at the reset address. */
    .section .text.start, "ax", @progbits
    .global _start
    .type _start, @function
_start:
    csrw    mie, zero
    csrci   mstatus, 8
    csrw    mscratch, zero          /* in_isr(): not in a trap */
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
