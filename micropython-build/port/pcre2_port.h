// Force-included into every PCRE2 source file (port/Makefile). PCRE2's match loop counts its steps down
// on the guest's poll countdown, like the VM and the long C operations (mpconfigport.h), and raises the
// pending KeyboardInterrupt when the host's soft time limit has passed (pcre2-patches/0001).
#include <stdint.h>

extern int32_t mp_sandbox_poll_countdown;
void mp_sandbox_check_interrupt(void);
#define PCRE2_INTERRUPT_CHECK() do { \
        if (--mp_sandbox_poll_countdown <= 0) { \
            mp_sandbox_check_interrupt(); \
        } \
} while (0)
