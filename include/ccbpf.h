/* ccbpf.h -- the one header a ccBPF program includes.
 *
 * Under the ccBPF compiler the built-ins are known intrinsically and this file is not
 * read. Under gcc it provides the same functions with the same behaviour, so every
 * program is its own test oracle: `gcc prog.c && ./a.out` must print exactly what
 * `ccbpf run prog.c` prints. */
#ifndef CCBPF_H
#define CCBPF_H

#ifndef __CCBPF__
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep under -std=c11 */
#endif
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <time.h>

/* rand/srand: the same 32-bit LCG as the VM on every node (not the C library's). */
static uint32_t ccbpf_rand_state = 1;
static inline int ccbpf_rand(void) {
    ccbpf_rand_state = ccbpf_rand_state * 1103515245u + 12345u;
    return (int)((ccbpf_rand_state >> 16) & 0x7fffu);
}
static inline void ccbpf_srand(unsigned seed) { ccbpf_rand_state = seed; }
#define rand ccbpf_rand
#define srand ccbpf_srand

static inline uint32_t ccbpf_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}
static uint32_t ccbpf_time_base;
static uint32_t ccbpf_time_started;
/* Milliseconds since the program started. */
static inline uint32_t time_ms(void) {
    if (!ccbpf_time_started) {
        ccbpf_time_started = 1;
        ccbpf_time_base = ccbpf_now_ms();
    }
    return ccbpf_now_ms() - ccbpf_time_base;
}
static inline void sleep_ms(int ms) {
    (void)time_ms();
    if (ms > 0) {
        struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
        fflush(stdout);
        nanosleep(&ts, 0);
    }
}
static inline void yield(void) {}
/* A program run natively is on node 0, "host" (as `ccbpf run` reports by default). */
static inline int node_id(void) { return 0; }
static inline const char* node_name(void) { return "host"; }
/* Natively there is nowhere to go: migration "succeeds" in place. */
static inline int migrate(const char* node) {
    (void)node;
    return 0;
}
#endif /* __CCBPF__ */

#endif /* CCBPF_H */
