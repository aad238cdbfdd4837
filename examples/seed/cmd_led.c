/* The seed's shell example (its "Custom command example" and shell start-up), as the seed
 * writes it, in a main() of its own: `led on` / `led off` drive the board's first LED. */
#include <string.h>

#include "tinyos.h"
#include "tinyos/shell.h"

static int cmd_led(int argc, char *argv[]) {
if (argc < 2) return 1; /* non-zero → prints usage */
bool on = (strcmp(argv[1], "on") == 0);
gpio_write(LED_PIN, on);
return 0;
}

int main(void) {
    os_init();
    /* In main(), before shell_start(): */
    shell_register_cmd("led", cmd_led, "led <on|off> Toggle LED");
    shell_io_t io = { .getc = uart_getc, .puts = uart_puts };
    shell_start(&io);
    os_start();
    return 0;
}
