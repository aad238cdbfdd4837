/* Cortex-M context switch (ARMv7-M). The hardware stacks r0-r3, r12, lr, pc, xpsr on
 * exception entry; PendSV saves the rest (r4-r11) on the task's stack, stores the stack
 * pointer at offset 0 of the task control block, and restores the next task the same way.
 * The choice of the next task was made in C++ (tern_sched.next) when the switch was
 * requested, so this handler only moves registers. */
    .syntax unified
    .thumb
    .text

    .global PendSV_Handler
    .type PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    mrs     r0, psp
    ldr     r3, =tern_sched
    ldmia   r3, {r1, r2}            /* r1 = current, r2 = next */
    stmdb   r0!, {r4-r11}
    str     r0, [r1]                /* current->sp */
    str     r2, [r3]                /* current = next */
    ldr     r0, [r2]
    ldmia   r0!, {r4-r11}
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
    ldmia   r0!, {r4-r11}
    msr     psp, r0
    ldr     lr, =0xFFFFFFFD         /* thread mode, process stack */
    bx      lr
    .size SVC_Handler, . - SVC_Handler

/* HardFault, MemManage, BusFault, UsageFault: gather the stacked frame (from whichever
 * stack was in use) and r4-r11, and report through the kernel. */
    .global tern_fault_entry
    .type tern_fault_entry, %function
    .thumb_func
tern_fault_entry:
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    push    {r4-r11}
    mov     r1, sp                  /* r4-r11 as pushed */
    mov     r2, lr
    bl      tern_fault_report       /* does not return */
    b       .
    .size tern_fault_entry, . - tern_fault_entry
