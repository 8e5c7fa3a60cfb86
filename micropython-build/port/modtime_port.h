// Port part of the time module (included by extmod/modtime.c): wall clock and monotonic clock from the
// host, time.sleep through sandbox.sleep.
#include "sandbox.h"

#include "shared/timeutils/timeutils.h"

// time.localtime() / gmtime() without an argument: the host's wall clock, in UTC.
static mp_obj_t mp_time_localtime_get(void) {
    timeutils_struct_time_t tm;
    timeutils_seconds_since_epoch_to_struct_time(sandbox_time_ns() / 1000000000, &tm);
    mp_obj_t tuple[8] = {
        mp_obj_new_int(tm.tm_year), mp_obj_new_int(tm.tm_mon), mp_obj_new_int(tm.tm_mday),
        mp_obj_new_int(tm.tm_hour), mp_obj_new_int(tm.tm_min), mp_obj_new_int(tm.tm_sec),
        mp_obj_new_int(tm.tm_wday), mp_obj_new_int(tm.tm_yday),
    };
    return mp_obj_new_tuple(8, tuple);
}

static mp_obj_t mp_time_time_get(void) {
    return mp_obj_new_float((mp_float_t)sandbox_time_ns() / 1e9);
}

static void mp_time_sleep(mp_obj_t seconds_o) {
    mp_float_t s = mp_obj_get_float(seconds_o);
    if (s < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("sleep length must be non-negative"));
    }
    mp_sandbox_sleep_ns((int64_t)(s * 1e9));
}

static mp_obj_t time_monotonic(void) {
    return mp_obj_new_float((mp_float_t)sandbox_monotonic_ns() / 1e9);
}
static MP_DEFINE_CONST_FUN_OBJ_0(mp_time_monotonic_obj, time_monotonic);

static mp_obj_t time_monotonic_ns(void) {
    return mp_obj_new_int_from_ll(sandbox_monotonic_ns());
}
static MP_DEFINE_CONST_FUN_OBJ_0(mp_time_monotonic_ns_obj, time_monotonic_ns);

#define MICROPY_PY_TIME_EXTRA_GLOBALS \
    { MP_ROM_QSTR(MP_QSTR_monotonic), MP_ROM_PTR(&mp_time_monotonic_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_monotonic_ns), MP_ROM_PTR(&mp_time_monotonic_ns_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_perf_counter), MP_ROM_PTR(&mp_time_monotonic_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_perf_counter_ns), MP_ROM_PTR(&mp_time_monotonic_ns_obj) },
