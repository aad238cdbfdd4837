/* Cortex-M context switch, ARMv7E-M with FPU (Cortex-M4F, Cortex-M7).
 *
 * Floating-point context is saved lazily and only for tasks that use the FPU: a task that
 * ever executed an FP instruction has CONTROL.FPCA set, so its exception entry reserves
 * room for s0-s15/FPSCR (filled by the hardware only if the handler itself touches the
 * FPU: FPCCR.LSPEN) and EXC_RETURN bit 4 reads 0. Only then does PendSV save s16-s31.
 * EXC_RETURN is kept on each task's stack, so the restore knows which frame it unstacks.
 * Frame, low to high: [s16-s31 if FP] is above r4-r11,lr:
 *     sp -> r4 r5 r6 r7 r8 r9 r10 r11 exc_return [s16..s31] | hardware frame
 * The integer-only M3 build never assembles this file (arch/cortex-m/CMakeLists.txt). */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text

    .global PendSV_Handler
    .type PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    mrs     r0, psp
    ldr     r3, =tern_sched
    ldmia   r3, {r1, r2}            /* r1 = current, r2 = next */
    tst     lr, #0x10               /* bit 4 clear: the task has live FP state */
    it      eq
    vstmdbeq r0!, {s16-s31}         /* also completes a pending lazy save of s0-s15 */
    stmdb   r0!, {r4-r11, lr}
    str     r0, [r1]                /* current->sp */
    str     r2, [r3]                /* current = next */
    ldr     r0, [r2]
    ldmia   r0!, {r4-r11, lr}
    tst     lr, #0x10
    it      eq
    vldmiaeq r0!, {s16-s31}
    msr     psp, r0
    bx      lr
    .size PendSV_Handler, . - PendSV_Handler

/* Starts the first task: called through "svc 0" from start_first_task. */
    .global SVC_Handler
    .type SVC_Handler, %function
    .thumb_func
SVC_Handler:
    ldr     r3, =tern_sched
    ldr     r1, [r3]
    ldr     r0, [r1]
    ldmia   r0!, {r4-r11, lr}       /* lr = 0xFFFFFFFD from stack_init: no FP frame */
    msr     psp, r0
    bx      lr
    .size SVC_Handler, . - SVC_Handler

/* HardFault, MemManage, BusFault, UsageFault: as in switch.S. */
    .global tern_fault_entry
    .type tern_fault_entry, %function
    .thumb_func
tern_fault_entry:
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    push    {r4-r11}
    mov     r1, sp
    mov     r2, lr
    bl      tern_fault_report
    b       .
    .size tern_fault_entry, . - tern_fault_entry
