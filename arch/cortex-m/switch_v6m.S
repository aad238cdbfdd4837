/* Cortex-M context switch, ARMv6-M (Cortex-M0/M0+). Thumb-1 stm/ldm reach only r0-r7 and
 * there is no IT, so r8-r11 travel through r4-r7. The saved frame has the same layout as
 * the ARMv7-M one (sp -> r4..r11, then the hardware frame), so stack_init is shared. */
    .syntax unified
    .thumb
    .text

    .global PendSV_Handler
    .type PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    mrs     r0, psp
    ldr     r3, =tern_sched
    ldr     r1, [r3]                /* current */
    ldr     r2, [r3, #4]            /* next */
    subs    r0, #32
    str     r0, [r1]                /* current->sp */
    stmia   r0!, {r4-r7}
    mov     r4, r8
    mov     r5, r9
    mov     r6, r10
    mov     r7, r11
    stmia   r0!, {r4-r7}
    str     r2, [r3]                /* current = next */
    ldr     r0, [r2]
    adds    r0, #16
    ldmia   r0!, {r4-r7}            /* r8-r11 of the next task */
    mov     r8, r4
    mov     r9, r5
    mov     r10, r6
    mov     r11, r7
    msr     psp, r0
    subs    r0, #32
    ldmia   r0!, {r4-r7}
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
    adds    r0, #16
    ldmia   r0!, {r4-r7}
    mov     r8, r4
    mov     r9, r5
    mov     r10, r6
    mov     r11, r7
    msr     psp, r0
    subs    r0, #32
    ldmia   r0!, {r4-r7}
    ldr     r0, =0xFFFFFFFD         /* thread mode, process stack */
    bx      r0
    .size SVC_Handler, . - SVC_Handler

/* HardFault (ARMv6-M has no other fault): the stacked frame and r4-r11, as on ARMv7-M. */
    .global tern_fault_entry
    .type tern_fault_entry, %function
    .thumb_func
tern_fault_entry:
    mov     r2, lr
    movs    r0, #4
    tst     r0, r2
    bne     1f
    mrs     r0, msp
    b       2f
1:  mrs     r0, psp
2:  sub     sp, #32
    mov     r1, sp
    stmia   r1!, {r4-r7}
    mov     r4, r8
    mov     r5, r9
    mov     r6, r10
    mov     r7, r11
    stmia   r1!, {r4-r7}
    mov     r1, sp                  /* r4-r11 as saved */
    bl      tern_fault_report       /* does not return */
    b       .
    .size tern_fault_entry, . - tern_fault_entry
