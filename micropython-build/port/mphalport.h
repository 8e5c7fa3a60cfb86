// HAL of the sandbox port: time and output come from the host through the `sandbox` imports (hal.c).
#include <stdint.h>

static inline void mp_hal_set_interrupt_char(char c) {
    (void)c; // interrupts come from sandbox.poll, never from a terminal
}

uint64_t mp_hal_time_ns(void);
mp_uint_t mp_hal_ticks_ms(void);
mp_uint_t mp_hal_ticks_us(void);
mp_uint_t mp_hal_ticks_cpu(void);
void mp_hal_delay_ms(mp_uint_t ms);
void mp_hal_delay_us(mp_uint_t us);
