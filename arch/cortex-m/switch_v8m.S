/* Cortex-M context switch, ARMv8-M Mainline (Cortex-M33). As on ARMv7-M, plus each task's
 * stack limit: PSPLIM travels in the saved frame (r12's slot), so a task's stack pointer
 * going below the bottom of its stack raises a UsageFault (STKOF) in hardware, at the
 * instruction that did it, before anything below the stack is written.
 *     sp -> r4 r5 r6 r7 r8 r9 r10 r11 psplim | hardware frame
 * MSR PSPLIM/PSP are not limit-checked, so the order of the two writes does not matter. */
    .syntax unified
    .thumb
    .text

    .global PendSV_Handler
    .type PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    mrs     r0, psp
    mrs     r12, psplim
    ldr     r3, =tern_sched
    ldmia   r3, {r1, r2}            /* r1 = current, r2 = next */
    stmdb   r0!, {r4-r12}
    str     r0, [r1]                /* current->sp */
    str     r2, [r3]                /* current = next */
    ldr     r0, [r2]
    ldmia   r0!, {r4-r12}
    msr     psplim, r12
    msr     psp, r0
    bx      lr
    .size PendSV_Handler, . - PendSV_Handler

    .global SVC_Handler
    .type SVC_Handler, %function
    .thumb_func
SVC_Handler:
    ldr     r3, =tern_sched
    ldr     r1, [r3]
    ldr     r0, [r1]
    ldmia   r0!, {r4-r12}
    msr     psplim, r12
    msr     psp, r0
    ldr     lr, =0xFFFFFFFD         /* secure thread mode, process stack */
    bx      lr
    .size SVC_Handler, . - SVC_Handler

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
