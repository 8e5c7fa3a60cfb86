// Reporting the outcome of a run to the host through the sandbox.result import (kinds in sandbox.h): a
// trailing expression's repr, and an exception as its type, message, traceback and line.
#include <string.h>

#include "py/objstr.h"
#include "py/runtime.h"
#include "sandbox.h"

static void vstr_print_strn(void *data, const char *str, size_t len) {
    vstr_add_strn((vstr_t *)data, str, len);
}

static void report_obj(int kind, mp_obj_t obj, mp_print_kind_t print_kind) {
    vstr_t vstr;
    vstr_init(&vstr, 32);
    mp_print_t print = {&vstr, vstr_print_strn};
    mp_obj_print_helper(&print, obj, print_kind);
    sandbox_result(kind, vstr.buf, vstr.len);
    vstr_clear(&vstr);
}

static void report_exception_pieces(mp_obj_t exc) {
    const mp_obj_type_t *type = mp_obj_get_type(exc);
    const char *name = qstr_str(type->name);
    sandbox_result(RESULT_EXC_TYPE, name, strlen(name));
    report_obj(RESULT_EXC_MESSAGE, exc, PRINT_STR);

    vstr_t vstr;
    vstr_init(&vstr, 128);
    mp_print_t print = {&vstr, vstr_print_strn};
    mp_obj_print_exception(&print, exc);
    if (vstr.len > 0 && vstr.buf[vstr.len - 1] == '\n') {
        vstr.len--;
    }
    sandbox_result(RESULT_TRACEBACK, vstr.buf, vstr.len);
    vstr_clear(&vstr);

    // The innermost frame in <sandbox> (MicroPython stores the innermost frame first).
    size_t n, *values;
    mp_obj_exception_get_traceback(exc, &n, &values);
    for (size_t i = 0; i + 2 < n; i += 3) {
        if (values[i] == MP_QSTR__lt_sandbox_gt_) {
            char buf[16];
            char *p = buf + sizeof(buf);
            size_t v = values[i + 1];
            do {
                *--p = '0' + v % 10;
                v /= 10;
            } while (v > 0);
            sandbox_result(RESULT_EXC_LINE, p, buf + sizeof(buf) - p);
            break;
        }
    }
}

// Set by MICROPY_HEAP_EXHAUSTED_HOOK (patch 0039) when an allocation failed because the heap could not
// grow within the memory limit; cleared at the start of each run. The host then reports a MemoryError
// as the memory limit; a program's own `raise MemoryError` stays a plain guest exception.
bool mp_sandbox_heap_exhausted;

void mp_sandbox_heap_ran_out(void) {
    mp_sandbox_heap_exhausted = true;
    mp_sandbox_release_reserve();
}

// micropython.heap_lock() lasts until the end of the run that called it, not for the session: a locked
// heap can compile nothing, so the session could never unlock it again.
void mp_sandbox_end_heap_lock(void) {
    MP_STATE_THREAD(gc_lock_depth) = 0;
}

// Report an exception; formatting it may itself fail (e.g. MemoryError), then fall back to the bare type.
void mp_sandbox_report_exception(mp_obj_t exc) {
    mp_sandbox_end_heap_lock();
    if (mp_sandbox_heap_exhausted) {
        sandbox_result(RESULT_HEAP_EXHAUSTED, "", 0);
    }
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        report_exception_pieces(exc);
        nlr_pop();
    } else {
        const char *name = qstr_str(mp_obj_get_type(exc)->name);
        sandbox_result(RESULT_EXC_TYPE, name, strlen(name));
    }
}

// Called by the bytecode compiled for the trailing expression (name __repl_print__, see compile.c).
static mp_obj_t sandbox_repl_print(mp_obj_t value) {
    if (value != mp_const_none) {
        report_obj(RESULT_VALUE, value, PRINT_REPR);
    }
    return mp_const_none;
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_sandbox_repl_print_obj, sandbox_repl_print);

