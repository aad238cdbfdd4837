#include "ccbpf.h"
int main(void) {
    int8_t i8 = 127;
    i8++;
    uint8_t u8 = 0;
    u8--;
    int16_t i16 = -32768;
    i16--;
    uint16_t u16 = 40000;
    u16 = u16 * 2;
    int32_t i32 = 2147483647;
    uint32_t u32 = (uint32_t)i32 + 1;
    printf("%d %u %d %u %d %u\n", i8, u8, i16, u16, i32, u32);
    short s = 1000;
    s *= 100;
    unsigned short us = (unsigned short)-1;
    printf("%d %u\n", s, us);
    printf("%u %u %u %u\n", sizeof(int8_t), sizeof(int16_t), sizeof(uint32_t), sizeof(bool));
    bool b = 42;
    printf("%d %d\n", b, (bool)0);
    return 0;
}
