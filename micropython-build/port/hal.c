// HAL of the sandbox port: output, clocks, sleep, entropy and the soft-interrupt poll, all served by the
// host through the `sandbox` imports; plus sys.stdin/stdout/stderr objects.
#include <string.h>

#include "py/mphal.h"
#include "py/mpprint.h"
#include "py/runtime.h"
#include "py/stream.h"
#include "py/mperrno.h"
#include "sandbox.h"

// ---- output ---------------------------------------------------------------------------------------------

mp_uint_t mp_hal_stdout_tx_strn(const char *str, size_t len) {
    sandbox_write(1, str, len);
    return len;
}

void mp_hal_stdout_tx_strn_cooked(const char *str, size_t len) {
    sandbox_write(1, str, len);
}

void mp_hal_stdout_tx_str(const char *str) {
    sandbox_write(1, str, strlen(str));
}

int mp_hal_stdin_rx_chr(void) {
    return -1; // there is no stdin
}

static void stderr_print_strn(void *env, const char *str, size_t len) {
    (void)env;
    sandbox_write(2, str, len);
}

const mp_print_t mp_sandbox_stderr_print = {NULL, stderr_print_strn};

// ---- clocks, sleep, entropy -------------------------------------------------------------------------------

uint64_t mp_hal_time_ns(void) {
    return (uint64_t)sandbox_time_ns();
}

mp_uint_t mp_hal_ticks_ms(void) {
    return (mp_uint_t)(sandbox_monotonic_ns() / 1000000);
}

mp_uint_t mp_hal_ticks_us(void) {
    return (mp_uint_t)(sandbox_monotonic_ns() / 1000);
}

mp_uint_t mp_hal_ticks_cpu(void) {
    return (mp_uint_t)sandbox_monotonic_ns();
}

int32_t mp_sandbox_poll_countdown = MICROPY_SANDBOX_POLL_PERIOD;

// Called by the VM hook every MICROPY_SANDBOX_POLL_PERIOD events: ask the host whether its soft time
// limit has passed; if so raise KeyboardInterrupt at the next bytecode boundary.
void mp_sandbox_poll(void) {
    mp_sandbox_poll_countdown = MICROPY_SANDBOX_POLL_PERIOD;
    if (sandbox_poll() != 0) {
        mp_sched_keyboard_interrupt();
    }
}

// MICROPY_INTERRUPT_CHECK (patch 0033): long operations in C (big-int arithmetic, sorting, joins,
// repeats, C loops over iterators) count their work down on the same countdown as the VM and land
// here when it runs out: the pending KeyboardInterrupt is raised at once, inside the C operation, so
// a run stops at the soft time limit with its session intact instead of at the hard stop.
void mp_sandbox_check_interrupt(void) {
    mp_sandbox_poll();
    mp_handle_pending(true);
}

void mp_sandbox_sleep_ns(int64_t ns) {
    if (ns > 0) {
        sandbox_sleep(ns);
    }
    // The host never sleeps past its deadline; check it now so the interrupt comes without delay.
    mp_sandbox_poll();
    mp_handle_pending(true);
}

void mp_hal_delay_ms(mp_uint_t ms) {
    mp_sandbox_sleep_ns((int64_t)ms * 1000000);
}

void mp_hal_delay_us(mp_uint_t us) {
    mp_sandbox_sleep_ns((int64_t)us * 1000);
}

uint32_t mp_sandbox_random_seed(void) {
    uint32_t seed;
    sandbox_entropy(&seed, sizeof(seed));
    return seed;
}

// ---- sys.stdin / sys.stdout / sys.stderr ------------------------------------------------------------------

typedef struct _sandbox_stdio_obj_t {
    mp_obj_base_t base;
    int fd;
} sandbox_stdio_obj_t;

static void stdio_obj_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    sandbox_stdio_obj_t *self = MP_OBJ_TO_PTR(self_in);
    static const char *const names[] = {"<stdin>", "<stdout>", "<stderr>"};
    mp_printf(print, "<_io.TextIOWrapper name='%s'>", names[self->fd]);
}

static mp_uint_t stdio_read(mp_obj_t self_in, void *buf, mp_uint_t size, int *errcode) {
    sandbox_stdio_obj_t *self = MP_OBJ_TO_PTR(self_in);
    (void)buf;
    (void)size;
    if (self->fd == 0) {
        return 0; // stdin is always at end of file
    }
    *errcode = MP_EPERM;
    return MP_STREAM_ERROR;
}

static mp_uint_t stdio_write(mp_obj_t self_in, const void *buf, mp_uint_t size, int *errcode) {
    sandbox_stdio_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (self->fd == 1 || self->fd == 2) {
        sandbox_write(self->fd, buf, size);
        return size;
    }
    *errcode = MP_EPERM;
    return MP_STREAM_ERROR;
}

static mp_uint_t stdio_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode) {
    (void)self_in;
    (void)arg;
    if (request == MP_STREAM_FLUSH || request == MP_STREAM_CLOSE) {
        return 0;
    }
    *errcode = MP_EINVAL;
    return MP_STREAM_ERROR;
}

static const mp_rom_map_elem_t stdio_locals_dict_table[] = {
    { MP_ROM_QSTR(MP_QSTR_read), MP_ROM_PTR(&mp_stream_read_obj) },
    { MP_ROM_QSTR(MP_QSTR_readline), MP_ROM_PTR(&mp_stream_unbuffered_readline_obj)},
    { MP_ROM_QSTR(MP_QSTR_readlines), MP_ROM_PTR(&mp_stream_unbuffered_readlines_obj)},
    { MP_ROM_QSTR(MP_QSTR_write), MP_ROM_PTR(&mp_stream_write_obj) },
    { MP_ROM_QSTR(MP_QSTR_flush), MP_ROM_PTR(&mp_stream_flush_obj) },
    { MP_ROM_QSTR(MP_QSTR_close), MP_ROM_PTR(&mp_identity_obj) },
    { MP_ROM_QSTR(MP_QSTR___enter__), MP_ROM_PTR(&mp_identity_obj) },
    { MP_ROM_QSTR(MP_QSTR___exit__), MP_ROM_PTR(&mp_stream___exit___obj) },
};
static MP_DEFINE_CONST_DICT(stdio_locals_dict, stdio_locals_dict_table);

static const mp_stream_p_t stdio_obj_stream_p = {
    .read = stdio_read,
    .write = stdio_write,
    .ioctl = stdio_ioctl,
    .is_text = true,
};

MP_DEFINE_CONST_OBJ_TYPE(
    sandbox_stdio_type,
    MP_QSTR_TextIOWrapper,
    MP_TYPE_FLAG_ITER_IS_STREAM,
    print, stdio_obj_print,
    protocol, &stdio_obj_stream_p,
    locals_dict, &stdio_locals_dict
    );

const sandbox_stdio_obj_t mp_sys_stdin_obj = {{&sandbox_stdio_type}, .fd = 0};
const sandbox_stdio_obj_t mp_sys_stdout_obj = {{&sandbox_stdio_type}, .fd = 1};
const sandbox_stdio_obj_t mp_sys_stderr_obj = {{&sandbox_stdio_type}, .fd = 2};
