#include "ccbpf.h"
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
bool palindrome(const char *s) {
    int i = 0, j = 0;
    while (s[j]) j++;
    j--;
    while (i < j) {
        if (!is_alpha(s[i])) { i++; continue; }
        if (!is_alpha(s[j])) { j--; continue; }
        if (lower(s[i]) != lower(s[j])) return false;
        i++;
        j--;
    }
    return true;
}
int main(void) {
    const char *tests[] = {"A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", "ab", ""};
    for (int i = 0; i < 5; i++) printf("%d \"%s\"\n", palindrome(tests[i]), tests[i]);
    return 0;
}
