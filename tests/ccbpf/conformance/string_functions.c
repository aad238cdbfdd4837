#include "ccbpf.h"
int my_strlen(const char *s) {
    const char *p = s;
    while (*p) p++;
    return p - s;
}
void my_strcpy(char *d, const char *s) {
    while ((*d++ = *s++)) {
    }
}
int my_strcmp(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}
void my_strcat(char *d, const char *s) { my_strcpy(d + my_strlen(d), s); }
int main(void) {
    char buf[64];
    my_strcpy(buf, "ccBPF");
    my_strcat(buf, " is ");
    my_strcat(buf, "small C");
    printf("%s (%d)\n", buf, my_strlen(buf));
    printf("%d %d %d\n", my_strcmp("abc", "abd") < 0, my_strcmp("b", "a") > 0, my_strcmp("same", "same"));
    return 0;
}
