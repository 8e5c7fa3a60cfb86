// The host interface: functions imported from the wasm module `sandbox` (see ../README.md).
#ifndef MICROPY_INCLUDED_SANDBOX_H
#define MICROPY_INCLUDED_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "py/obj.h"

#define SANDBOX_IMPORT(name) __attribute__((import_module("sandbox"), import_name(#name)))
// A function the host calls (an export of the wasm reactor).
#define EXPORT(name) __attribute__((export_name(#name)))

SANDBOX_IMPORT(write) void sandbox_write(int32_t fd, const void *ptr, size_t len);
SANDBOX_IMPORT(result) void sandbox_result(int32_t kind, const void *ptr, size_t len);
SANDBOX_IMPORT(call) int32_t sandbox_call(const void *name, size_t name_len, const void *payload, size_t payload_len);
SANDBOX_IMPORT(take) void sandbox_take(void *dst);
SANDBOX_IMPORT(poll) int32_t sandbox_poll(void);
SANDBOX_IMPORT(time_ns) int64_t sandbox_time_ns(void);
SANDBOX_IMPORT(monotonic_ns) int64_t sandbox_monotonic_ns(void);
SANDBOX_IMPORT(entropy) void sandbox_entropy(void *ptr, size_t len);
SANDBOX_IMPORT(sleep) void sandbox_sleep(int64_t ns);

// Kinds of sandbox_result pieces.
#define RESULT_VALUE (1)
#define RESULT_EXC_TYPE (2)
#define RESULT_EXC_MESSAGE (3)
#define RESULT_TRACEBACK (4)
#define RESULT_EXC_LINE (5)
#define RESULT_ENCODED (6)
#define RESULT_HEAP_EXHAUSTED (7) // empty: the heap ran out during this run (a MemoryError is then the memory limit)

// Flags of mp_exec.
#define EXEC_EVAL_TRAILING (1)
#define EXEC_COMPILE_ONLY (2)

// Session and memory (heap.c): whether mp_session_init has run, and the reserve block held back so that a
// full heap can still compile a statement: released for a retry of the compilation (false: none to
// release), taken again after each run.
extern bool mp_sandbox_session_started;
bool mp_sandbox_release_reserve(void);
void mp_sandbox_take_reserve(void);

// Reporting a run's outcome (report.c): an exception, and the __repl_print__ builtin bound for the trailing
// expression. mp_sandbox_end_heap_lock ends a micropython.heap_lock() with the run that called it.
void mp_sandbox_report_exception(mp_obj_t exc);
void mp_sandbox_end_heap_lock(void);
MP_DECLARE_CONST_FUN_OBJ_1(mp_sandbox_repl_print_obj);

// Value codec (codec.c).
struct _vstr_t;
void mp_sandbox_encode(struct _vstr_t *out, mp_obj_t value);
// Encodes `value` and hands the bytes to `sink` in pieces, in order (for results of any size).
void mp_sandbox_encode_to(mp_obj_t value, void (*sink)(const char *buf, size_t len));
mp_obj_t mp_sandbox_decode(const uint8_t *buf, size_t len);
// Raises ValueError: the host sent bytes that are not a value of the codec.
NORETURN void mp_sandbox_decode_error(void);

// The parts of a function's bytecode prelude (py/bc.h) the port reads (modframe.c).
typedef struct _mp_sandbox_prelude_t {
    size_t n_state;
    size_t n_args; // positional and keyword-only: the names after the code's name
    unsigned scope_flags;
    const byte *arg_names; // after the code's name
    const byte *line_info; // after the argument names
    const byte *line_info_top; // where the cell indexes start
    const byte *opcodes;
} mp_sandbox_prelude_t;
void mp_sandbox_decode_prelude(const byte *bytecode, mp_sandbox_prelude_t *prelude);

// Host-side time helpers for time.sleep (hal.c): sleep then give the host a chance to interrupt.
void mp_sandbox_sleep_ns(int64_t ns);

#endif // MICROPY_INCLUDED_SANDBOX_H
