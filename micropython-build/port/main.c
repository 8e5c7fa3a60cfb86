// Session entry points of the sandbox guest (exports of the wasm reactor; contract in ../README.md).
//
// One instance is one session: mp_session_init sets up the GC heap and starts the interpreter once;
// mp_exec and mp_call then run in __main__'s globals any number of times. Outcomes are reported through
// the sandbox.result import, never printed.
#include <stdbool.h>
#include <string.h>

#include "py/builtin.h"
#include "py/compile.h"
#include "py/cstack.h"
#include "py/gc.h"
#include "py/lexer.h"
#include "py/mperrno.h"
#include "py/objstr.h"
#include "py/runtime.h"
#include "extmod/vfs.h"
#include "sandbox.h"

#define EXPORT(name) __attribute__((export_name(#name)))

// Linker-provided bounds of the shadow stack (the C stack in linear memory, -z stack-size).
extern char __stack_low;
extern char __stack_high;

// MicroPython's stack check must raise RecursionError while both stacks still have room: the shadow
// stack above (1 MiB) and the native wasm stack, which the host caps (2 MiB in Wasmtime's default
// max_wasm_stack). With the limit at half the shadow stack, every recursion path checked by
// `dev_harness.py --checks` raises RecursionError (about 990 Python frames) without a native-stack trap.
#define SANDBOX_STACK_LIMIT_DIVISOR (2)

// ---- the GC heap -----------------------------------------------------------------------------------------
//
// The heap starts small and grows on demand (MICROPY_GC_SPLIT_HEAP_AUTO): when a collection cannot satisfy
// an allocation, the GC adds an area (at least doubling the heap) taken straight from linear memory with
// memory.grow, up to the memory limit the host passed to mp_session_init. Nothing else grows the memory
// (the module has no malloc). Areas the GC empties and gives back are kept in a small region table and
// reused (split, merged with free neighbours, or extended when they end the memory): linear memory itself
// never shrinks.

#define WASM_PAGE ((size_t)65536)
#define HEAP_REGIONS_MAX (64)

typedef struct _heap_region_t {
    uintptr_t start;
    size_t size; // a multiple of WASM_PAGE
    bool used;
} heap_region_t;

static heap_region_t heap_regions[HEAP_REGIONS_MAX]; // in address order
static size_t heap_region_count;
static size_t memory_limit_pages; // linear memory may grow up to this many pages
static bool session_started; // mp_session_init has given the session its memory limit

static size_t round_to_pages(size_t n) {
    return (n + WASM_PAGE - 1) / WASM_PAGE;
}

// Bytes by which linear memory may still grow.
static size_t memory_headroom(void) {
    size_t pages = __builtin_wasm_memory_size(0);
    return pages < memory_limit_pages ? (memory_limit_pages - pages) * WASM_PAGE : 0;
}

// The free region that ends linear memory, if any (it can be extended by growing the memory).
static heap_region_t *free_region_at_end(void) {
    if (heap_region_count == 0) {
        return NULL;
    }
    heap_region_t *last = &heap_regions[heap_region_count - 1];
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * WASM_PAGE;
    return !last->used && last->start + last->size == end ? last : NULL;
}

static bool grow_memory(size_t pages) {
    if (pages == 0) {
        return true;
    }
    if (pages * WASM_PAGE > memory_headroom()) {
        return false;
    }
    return __builtin_wasm_memory_grow(0, pages) != (size_t)-1;
}

// The largest area mp_sandbox_heap_alloc can provide now.
size_t gc_get_max_new_split(void) {
    size_t best = memory_headroom();
    heap_region_t *end = free_region_at_end();
    if (end != NULL) {
        best += end->size;
    }
    for (size_t i = 0; i < heap_region_count; ++i) {
        if (!heap_regions[i].used && heap_regions[i].size > best) {
            best = heap_regions[i].size;
        }
    }
    return best;
}

// MP_PLAT_ALLOC_HEAP: `size` bytes (rounded up to whole pages) for a new GC area.
void *mp_sandbox_heap_alloc(size_t size) {
    size_t pages = round_to_pages(size);
    if (pages == 0) {
        return NULL;
    }
    size_t bytes = pages * WASM_PAGE;
    // 1. the smallest free region that fits, split when larger
    heap_region_t *fit = NULL;
    for (size_t i = 0; i < heap_region_count; ++i) {
        heap_region_t *r = &heap_regions[i];
        if (!r->used && r->size >= bytes && (fit == NULL || r->size < fit->size)) {
            fit = r;
        }
    }
    if (fit != NULL) {
        if (fit->size > bytes && heap_region_count < HEAP_REGIONS_MAX) {
            size_t i = fit - heap_regions;
            memmove(&heap_regions[i + 2], &heap_regions[i + 1], (heap_region_count - i - 1) * sizeof(heap_region_t));
            heap_regions[i + 1] = (heap_region_t) {fit->start + bytes, fit->size - bytes, false};
            fit->size = bytes;
            heap_region_count++;
        }
        fit->used = true;
        return (void *)fit->start;
    }
    // 2. extend the free region that ends the memory
    heap_region_t *end = free_region_at_end();
    if (end != NULL) {
        if (!grow_memory(pages - end->size / WASM_PAGE)) {
            return NULL;
        }
        end->size = bytes;
        end->used = true;
        return (void *)end->start;
    }
    // 3. new pages at the end of the memory
    if (heap_region_count == HEAP_REGIONS_MAX) {
        return NULL;
    }
    uintptr_t start = (uintptr_t)__builtin_wasm_memory_size(0) * WASM_PAGE;
    if (!grow_memory(pages)) {
        return NULL;
    }
    heap_regions[heap_region_count++] = (heap_region_t) {start, bytes, true};
    return (void *)start;
}

// MP_PLAT_FREE_HEAP: the GC gives back an area it emptied.
void mp_sandbox_heap_free(void *ptr) {
    size_t i = 0;
    while (i < heap_region_count && heap_regions[i].start != (uintptr_t)ptr) {
        ++i;
    }
    if (i == heap_region_count) {
        return;
    }
    heap_regions[i].used = false;
    // merge with a free successor, then a free predecessor, when adjacent
    if (i + 1 < heap_region_count && !heap_regions[i + 1].used
        && heap_regions[i].start + heap_regions[i].size == heap_regions[i + 1].start) {
        heap_regions[i].size += heap_regions[i + 1].size;
        memmove(&heap_regions[i + 1], &heap_regions[i + 2], (heap_region_count - i - 2) * sizeof(heap_region_t));
        heap_region_count--;
    }
    if (i > 0 && !heap_regions[i - 1].used
        && heap_regions[i - 1].start + heap_regions[i - 1].size == heap_regions[i].start) {
        heap_regions[i - 1].size += heap_regions[i].size;
        memmove(&heap_regions[i], &heap_regions[i + 1], (heap_region_count - i - 1) * sizeof(heap_region_t));
        heap_region_count--;
    }
}

// A small block held back from the program: when the heap is full of live data, compiling even
// `del x` would fail with MemoryError and the session could never recover. The reserve is released
// for a retry of the compilation and taken again after the run.
#define SANDBOX_RESERVE_SIZE (8192)
MP_REGISTER_ROOT_POINTER(void *sandbox_reserve);

static void take_reserve(void) {
    if (MP_STATE_VM(sandbox_reserve) == NULL) {
        MP_STATE_VM(sandbox_reserve) = m_malloc_maybe(SANDBOX_RESERVE_SIZE);
    }
}

// The buffer mp_buffer hands to the host: a GC block kept alive as a root pointer.
MP_REGISTER_ROOT_POINTER(uint8_t *sandbox_exchange);
static size_t exchange_size;

static void report(int kind, const char *buf, size_t len) {
    sandbox_result(kind, buf, len);
}

// Called by gc_collect(): scan the shadow stack from here to its top. Every pointer the wasm code holds
// is spilled there by wasm-opt --spill-pointers (see ../Makefile), so this finds all roots.
void gc_collect(void) {
    gc_collect_start();
    volatile uintptr_t marker = 0;
    uintptr_t lo = (uintptr_t)&marker;
    gc_collect_root((void **)lo, ((uintptr_t)&__stack_high - lo) / sizeof(uintptr_t));
    gc_collect_end();
}

// The first GC area, a static array (so setting it up needs no memory.grow, which wasm-ctor-eval cannot
// evaluate). Big enough that small programs never collect; the heap grows from there. The GC never gives
// its first area back.
#define SANDBOX_INITIAL_HEAP ((size_t)512 * 1024)
static uint8_t first_heap_area[SANDBOX_INITIAL_HEAP] __attribute__((aligned(16)));

// Starts the interpreter: first GC area, stack check, mp_init, the reserve. The build runs this once in
// wasm-ctor-eval and stores the resulting memory in the module (../Makefile), so every instance starts
// with a ready interpreter and the export is gone from the shipped module. Nothing it does depends on the
// instance: the random module seeds itself from sandbox.entropy on first import, not here.
EXPORT(mp_session_preinit) void mp_session_preinit(void) {
    memory_limit_pages = 65536; // none of its own until mp_session_init
    size_t stack_size = (size_t)(&__stack_high - &__stack_low);
    mp_cstack_init_with_top(&__stack_high, stack_size / SANDBOX_STACK_LIMIT_DIVISOR);
    gc_init(first_heap_area, first_heap_area + SANDBOX_INITIAL_HEAP);
    mp_init();
    take_reserve();
}

EXPORT(mp_session_init) int32_t mp_session_init(int32_t memory_limit) {
    // memory_limit is a u32 (bytes); 0: no limit of the guest's own (4 GiB, what wasm32 can address)
    size_t pages = (uint32_t)memory_limit != 0 ? (uint32_t)memory_limit / WASM_PAGE : 65536;
    if (session_started || pages < __builtin_wasm_memory_size(0)) {
        return 1;
    }
    memory_limit_pages = pages;
    session_started = true;
    return 0;
}

EXPORT(mp_buffer) uint8_t *mp_buffer(int32_t size) {
    if (!session_started || size < 0) {
        return NULL;
    }
    size_t want = size > 0 ? (size_t)size : 1;
    if (want > exchange_size || exchange_size > 65536) {
        if (MP_STATE_VM(sandbox_exchange) != NULL) {
            m_free(MP_STATE_VM(sandbox_exchange), exchange_size);
        }
        MP_STATE_VM(sandbox_exchange) = m_malloc_maybe(want);
        exchange_size = MP_STATE_VM(sandbox_exchange) ? want : 0;
    }
    return MP_STATE_VM(sandbox_exchange);
}

EXPORT(mp_gc_collect) void mp_gc_collect(void) {
    gc_collect();
}

// ---- reporting ---------------------------------------------------------------------------------------------

static void vstr_print_strn(void *data, const char *str, size_t len) {
    vstr_add_strn((vstr_t *)data, str, len);
}

static void report_obj(int kind, mp_obj_t obj, mp_print_kind_t print_kind) {
    vstr_t vstr;
    vstr_init(&vstr, 32);
    mp_print_t print = {&vstr, vstr_print_strn};
    mp_obj_print_helper(&print, obj, print_kind);
    report(kind, vstr.buf, vstr.len);
    vstr_clear(&vstr);
}

static void report_exception_pieces(mp_obj_t exc) {
    const mp_obj_type_t *type = mp_obj_get_type(exc);
    const char *name = qstr_str(type->name);
    report(RESULT_EXC_TYPE, name, strlen(name));
    report_obj(RESULT_EXC_MESSAGE, exc, PRINT_STR);

    vstr_t vstr;
    vstr_init(&vstr, 128);
    mp_print_t print = {&vstr, vstr_print_strn};
    mp_obj_print_exception(&print, exc);
    if (vstr.len > 0 && vstr.buf[vstr.len - 1] == '\n') {
        vstr.len--;
    }
    report(RESULT_TRACEBACK, vstr.buf, vstr.len);
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
            report(RESULT_EXC_LINE, p, buf + sizeof(buf) - p);
            break;
        }
    }
}

// Set by MICROPY_HEAP_EXHAUSTED_HOOK (patch 0039) when an allocation failed because the heap could not
// grow within the memory limit; cleared at the start of each run. The host then reports a MemoryError
// as the memory limit; a program's own `raise MemoryError` stays a plain guest exception.
bool mp_sandbox_heap_exhausted;

// micropython.heap_lock() lasts until the end of the run that called it, not for the session: a locked
// heap can compile nothing, so the session could never unlock it again.
static void end_heap_lock(void) {
    MP_STATE_THREAD(gc_lock_depth) = 0;
}

// Report an exception; formatting it may itself fail (e.g. MemoryError), then fall back to the bare type.
static void report_exception(mp_obj_t exc) {
    end_heap_lock();
    if (mp_sandbox_heap_exhausted) {
        report(RESULT_HEAP_EXHAUSTED, "", 0);
    }
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        report_exception_pieces(exc);
        nlr_pop();
    } else {
        const char *name = qstr_str(mp_obj_get_type(exc)->name);
        report(RESULT_EXC_TYPE, name, strlen(name));
    }
}

// Called by the bytecode compiled for the trailing expression (name __repl_print__, see compile.c).
static mp_obj_t sandbox_repl_print(mp_obj_t value) {
    if (value != mp_const_none) {
        report_obj(RESULT_VALUE, value, PRINT_REPR);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(sandbox_repl_print_obj, sandbox_repl_print);

// ---- mp_exec ------------------------------------------------------------------------------------------------

// Find where the last top-level logical line starts. Returns its 1-based line number, or 0 when the last
// statement is not a candidate for REPL-style evaluation (compound statement, keyword statement, lexing
// error, empty source).
static size_t find_trailing_line(const char *src, size_t len) {
    mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_sandbox_gt_, src, len, 0);
    size_t depth = 0, last_line = 0;
    mp_token_kind_t last_kind = MP_TOKEN_END;
    bool line_start = true;
    for (; lex->tok_kind != MP_TOKEN_END; mp_lexer_to_next(lex)) {
        mp_token_kind_t k = lex->tok_kind;
        if (k > MP_TOKEN_END && k < MP_TOKEN_NEWLINE) {
            // a lexing error: compile the whole source and let the parser report it
            last_line = 0;
            break;
        }
        if (k == MP_TOKEN_INDENT) {
            depth++;
        } else if (k == MP_TOKEN_DEDENT) {
            depth--;
        } else if (k == MP_TOKEN_NEWLINE) {
            line_start = true;
        } else if (line_start) {
            line_start = false;
            if (depth == 0) {
                last_line = lex->tok_line;
                last_kind = k;
            }
        }
    }
    mp_lexer_free(lex);
    if (last_line == 0) {
        return 0;
    }
    // A compound statement (or a clause of one) cannot be compiled in single-input mode on its own and
    // must not print the expression statements of its body. Simple statements can: in that mode only
    // expression statements report a value (`import gc; gc.mem_free()` reports the second one).
    switch (last_kind) {
        case MP_TOKEN_KW_ASYNC:
        case MP_TOKEN_KW_CLASS:
        case MP_TOKEN_KW_DEF:
        case MP_TOKEN_KW_ELIF:
        case MP_TOKEN_KW_ELSE:
        case MP_TOKEN_KW_EXCEPT:
        case MP_TOKEN_KW_FINALLY:
        case MP_TOKEN_KW_FOR:
        case MP_TOKEN_KW_IF:
        case MP_TOKEN_KW_TRY:
        case MP_TOKEN_KW_WHILE:
        case MP_TOKEN_KW_WITH:
        case MP_TOKEN_OP_AT:
            return 0;
        default:
            break;
    }
    return last_line;
}

// Byte offset of the start of 1-based line `line`, counting line ends the way the lexer does.
static size_t line_offset(const char *src, size_t len, size_t line) {
    size_t i = 0;
    for (size_t l = 1; l < line && i < len; ++i) {
        if (src[i] == '\n') {
            ++l;
        } else if (src[i] == '\r') {
            if (i + 1 < len && src[i + 1] == '\n') {
                ++i;
            }
            ++l;
        }
    }
    return i;
}

static mp_obj_t compile_part(const char *src, size_t len, size_t first_line, mp_parse_input_kind_t kind) {
    mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_sandbox_gt_, src, len, 0);
    // Keep line numbers relative to the whole source.
    lex->line += first_line - 1;
    lex->tok_line += first_line - 1;
    mp_parse_tree_t tree = mp_parse(lex, kind);
    return mp_compile(&tree, MP_QSTR__lt_sandbox_gt_, kind == MP_PARSE_SINGLE_INPUT);
}

// Compile the source into up to two module functions: `head` (file input) and, for
// EXEC_EVAL_TRAILING when the last top-level statement is a simple one, `tail` (single input, so that
// its expression statements report their values through __repl_print__).
static void compile_source(const char *src, size_t len, int32_t flags, mp_obj_t *head, mp_obj_t *tail) {
    *head = MP_OBJ_NULL;
    *tail = MP_OBJ_NULL;
    size_t line = (flags & EXEC_EVAL_TRAILING) ? find_trailing_line(src, len) : 0;
    if (line > 0) {
        size_t split = line_offset(src, len, line);
        if (split > 0) {
            *head = compile_part(src, split, 1, MP_PARSE_FILE_INPUT);
        }
        *tail = compile_part(src + split, len - split, line, MP_PARSE_SINGLE_INPUT);
    } else {
        *head = compile_part(src, len, 1, MP_PARSE_FILE_INPUT);
    }
}

// compile_source, retried once with the reserve released when the heap is full.
static void compile_source_with_reserve(const char *src, size_t len, int32_t flags, mp_obj_t *head, mp_obj_t *tail) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        compile_source(src, len, flags, head, tail);
        nlr_pop();
        return;
    }
    mp_obj_t exc = MP_OBJ_FROM_PTR(nlr.ret_val);
    if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(exc)), MP_OBJ_FROM_PTR(&mp_type_MemoryError))
        && MP_STATE_VM(sandbox_reserve) != NULL) {
        m_free(MP_STATE_VM(sandbox_reserve), SANDBOX_RESERVE_SIZE);
        MP_STATE_VM(sandbox_reserve) = NULL;
        compile_source(src, len, flags, head, tail);
        return;
    }
    nlr_jump(nlr.ret_val);
}

static void start_run(void) {
    // A stale interrupt from the previous run must not hit this one.
    MP_STATE_THREAD(mp_pending_exception) = MP_OBJ_NULL;
    mp_sandbox_poll_countdown = MICROPY_SANDBOX_POLL_PERIOD;
    mp_sandbox_heap_exhausted = false;
    end_heap_lock();
}

EXPORT(mp_exec) int32_t mp_exec(const char *src, int32_t len_in, int32_t flags) {
    if (!session_started || len_in < 0) {
        return 1;
    }
    size_t len = (size_t)len_in;
    start_run();
    mp_globals_set(&MP_STATE_VM(dict_main));
    mp_locals_set(&MP_STATE_VM(dict_main));
    int32_t status = 0;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t head, tail;
        compile_source_with_reserve(src, len, flags, &head, &tail);
        if (!(flags & EXEC_COMPILE_ONLY)) {
            if (head != MP_OBJ_NULL) {
                mp_call_function_0(head);
            }
            if (tail != MP_OBJ_NULL) {
                // The REPL-mode bytecode calls __repl_print__ for each expression statement of the
                // last line; bind it for this run only, in the builtins override dict.
                mp_obj_t dest[2] = {MP_OBJ_SENTINEL, MP_OBJ_FROM_PTR(&sandbox_repl_print_obj)};
                MP_OBJ_TYPE_GET_SLOT(&mp_type_module, attr)(MP_OBJ_FROM_PTR(&mp_module_builtins), MP_QSTR___repl_print__, dest);
                mp_call_function_0(tail);
            }
        }
        nlr_pop();
    } else {
        status = 1;
        report_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    MP_STATE_THREAD(mp_pending_exception) = MP_OBJ_NULL;
    end_heap_lock();
    take_reserve();
    return status;
}

static void report_encoded(const char *buf, size_t len) {
    report(RESULT_ENCODED, buf, len);
}

// ---- mp_call ------------------------------------------------------------------------------------------------

EXPORT(mp_call) int32_t mp_call(const char *name, int32_t name_len, const uint8_t *args, int32_t args_len) {
    if (!session_started || name_len < 0 || args_len < 0) {
        return 1;
    }
    start_run();
    mp_globals_set(&MP_STATE_VM(dict_main));
    mp_locals_set(&MP_STATE_VM(dict_main));
    int32_t status = 0;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t key = mp_obj_new_str(name, name_len);
        mp_map_elem_t *elem = mp_map_lookup(&MP_STATE_VM(dict_main).map, key, MP_MAP_LOOKUP);
        if (elem == NULL) {
            mp_raise_msg_varg(&mp_type_NameError, MP_ERROR_TEXT("name '%s' isn't defined"), mp_obj_str_get_str(key));
        }
        mp_obj_t fun = elem->value;
        mp_obj_t arg_list = mp_sandbox_decode(args, args_len);
        if (!mp_obj_is_type(arg_list, &mp_type_list)) {
            mp_raise_TypeError(MP_ERROR_TEXT("mp_call arguments must be a list"));
        }
        size_t n;
        mp_obj_t *items;
        mp_obj_list_get(arg_list, &n, &items);
        mp_obj_t ret = mp_call_function_n_kw(fun, n, 0, items);
        end_heap_lock(); // the call is over; encoding its result allocates
        mp_sandbox_encode_to(ret, report_encoded);
        nlr_pop();
    } else {
        status = 1;
        report_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    MP_STATE_THREAD(mp_pending_exception) = MP_OBJ_NULL;
    end_heap_lock();
    return status;
}

// ---- the engine's file system -------------------------------------------------------------------------------
//
// User code has no vfs module and no os.mount (mpconfigport.h): a file system of its own could serve
// anything to import. The engine's file whitelist (modules/_sandbox_fs.py, mounted by the engine's
// setup code right after the session starts) mounts through _sandbox_vfs.mount_root, which works once
// per session. With .mpy loading off, what a file system can feed to import is Python source at worst.
static bool root_mounted;

static mp_obj_t sandbox_vfs_mount_root(mp_obj_t fs) {
    if (root_mounted) {
        mp_raise_OSError(MP_EPERM);
    }
    root_mounted = true;
    mp_obj_t args[2] = {fs, MP_OBJ_NEW_QSTR(MP_QSTR__slash_)};
    return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&mp_vfs_mount_obj), 2, 0, args);
}
static MP_DEFINE_CONST_FUN_OBJ_1(sandbox_vfs_mount_root_obj, sandbox_vfs_mount_root);

static const mp_rom_map_elem_t sandbox_vfs_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__sandbox_vfs) },
    { MP_ROM_QSTR(MP_QSTR_mount_root), MP_ROM_PTR(&sandbox_vfs_mount_root_obj) },
};
static MP_DEFINE_CONST_DICT(sandbox_vfs_globals, sandbox_vfs_globals_table);

const mp_obj_module_t mp_module_sandbox_vfs = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&sandbox_vfs_globals,
};
MP_REGISTER_MODULE(MP_QSTR__sandbox_vfs, mp_module_sandbox_vfs);

// ---- required by the core -----------------------------------------------------------------------------

void nlr_jump_fail(void *val) {
    (void)val;
    __builtin_trap();
}

void NORETURN __fatal_error(const char *msg) {
    (void)msg;
    __builtin_trap();
}

#ifndef NDEBUG
void MP_WEAK __assert_func(const char *file, int line, const char *func, const char *expr) {
    (void)file;
    (void)line;
    (void)func;
    (void)expr;
    __builtin_trap();
}
#endif
