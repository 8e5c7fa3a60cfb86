// sys._getframe([depth]) and its frame objects, read from the chain of running Python frames that
// fun_bc_call and the generator resume keep (MP_STATE_THREAD(current_code_state), each code state's
// prev_state: patch 0385). A frame object shows CPython's f_code, f_lineno, f_back, f_globals, f_locals,
// f_builtins and f_lasti. While its frame runs it reads the live code state; when a function's frame
// returns, fun_bc_call calls mp_frame_detach, which keeps the last line and the local variables in the
// object (the state itself is freed), as CPython's frame object keeps them; a generator's state lives in
// the generator, which the object then holds.
#include <stddef.h>

#include "py/bc.h"
#include "py/bc0.h"
#include "py/builtin.h"
#include "py/objcode.h"
#include "py/objfun.h"
#include "py/runtime.h"
#include "sandbox.h"

// The parts of a function's bytecode prelude the port reads: here, for the frames, and in main.c, for the
// markers (find_op_span).
void mp_sandbox_decode_prelude(const byte *bytecode, mp_sandbox_prelude_t *prelude) {
    const byte *ip = bytecode;
    MP_BC_PRELUDE_SIG_DECODE(ip);
    (void)n_exc_stack;
    (void)n_def_pos_args;
    prelude->n_state = n_state;
    prelude->n_args = n_pos_args + n_kwonly_args;
    prelude->scope_flags = scope_flags;
    MP_BC_PRELUDE_SIZE_DECODE(ip);
    prelude->line_info_top = ip + n_info;
    prelude->opcodes = ip + n_info + n_cell;
    ip = mp_decode_uint_skip(ip); // the code's name
    prelude->arg_names = ip;
    for (size_t i = 0; i < prelude->n_args; ++i) {
        ip = mp_decode_uint_skip(ip);
    }
    prelude->line_info = ip;
}

#if MICROPY_PY_SYS_GETFRAME

typedef struct _mp_obj_frame_t {
    mp_obj_base_t base;
    mp_code_state_t *code_state; // NULL once a function's frame returned
    mp_obj_t gen; // the generator whose state code_state is, or MP_OBJ_NULL
    mp_obj_fun_bc_t *fun;
    mp_obj_t locals; // f_locals of a function's frame: one dict, refreshed on each read while the frame runs
    mp_obj_t namespace; // f_locals of module-level code (its globals) and of a class body, or MP_OBJ_NULL
    mp_int_t lineno; // the line a returned function's frame ended on
    mp_obj_t back; // f_back of a returned function's frame
} mp_obj_frame_t;

// The generator object that holds a generator's code state: its layout is objgenerator.c's.
typedef struct _frame_gen_instance_t {
    mp_obj_base_t base;
    mp_obj_t pend_exc;
    mp_code_state_t code_state;
} frame_gen_instance_t;

static const mp_obj_type_t mp_type_frame;

// The line code_state is at, as the traceback finds it (vm.c's exception handler): the opcode at ip
// (stored before each opcode runs), looked up in the function's line info.
static mp_int_t code_state_line(const mp_code_state_t *code_state) {
    if (code_state->ip == NULL) {
        return 0; // a finished generator
    }
    mp_sandbox_prelude_t prelude;
    mp_sandbox_decode_prelude(code_state->fun_bc->bytecode, &prelude);
    return mp_bytecode_get_source_line(prelude.line_info, prelude.line_info_top, code_state->ip - prelude.opcodes);
}

// A function's local variables as CPython 3.11's f_locals shows them: the bound local variables by name (their names follow the line info, MICROPY_PY_LOCAL_NAMES,
// patch 0202, numbered as the state's slots), a captured variable's value read from its cell, in CPython's
// order: the arguments and other locals, then the captured ones, then the closure's free variables. Code
// compiled without the names (the frozen modules) shows its named arguments only.
static void frame_fill_locals(mp_obj_frame_t *self) {
    const mp_code_state_t *code_state = self->code_state;
    const mp_obj_fun_bc_t *fun = self->fun;
    const qstr_short_t *qstr_table = fun->context->constants.qstr_table;
    mp_sandbox_prelude_t prelude;
    mp_sandbox_decode_prelude(fun->bytecode, &prelude);
    const byte *line_info_top = prelude.line_info_top;
    size_t n_cell = prelude.opcodes - line_info_top;
    size_t n_args = prelude.n_args;
    size_t n_params = n_args + ((prelude.scope_flags & MP_SCOPE_FLAG_VARARGS) != 0)
        + ((prelude.scope_flags & MP_SCOPE_FLAG_VARKEYWORDS) != 0);
    const byte *arg_names = prelude.arg_names;
    const byte *local = arg_names;
    size_t n_free = 0; // a closure's free variables come first, as arguments named "*"
    for (size_t i = 0; i < n_args; i++) {
        n_free += qstr_table[mp_decode_uint(&local)] == MP_QSTR__star_;
    }
    while (local < line_info_top && *local != 0) {
        local += (*local & 0x80) ? 2 : 1;
    }
    bool have_locals = local < line_info_top;
    const byte *names = have_locals ? mp_decode_uint_skip(local + 1) : arg_names;
    mp_obj_dict_t *dict = MP_OBJ_TO_PTR(self->locals);
    mp_map_clear(&dict->map);
    // three passes: plain locals, captured (cell) locals, free variables
    for (int pass = 0; pass < 3; pass++) {
        const byte *p = names;
        for (size_t num = 0; have_locals ? p < line_info_top : num < n_args; num++) {
            qstr name = qstr_table[mp_decode_uint(&p)];
            size_t len;
            const char *str = (const char *)qstr_data(name, &len);
            bool is_free = num < n_free;
            bool is_cell = is_free;
            for (size_t c = 0; c < n_cell; c++) {
                is_cell |= line_info_top[c] == num;
            }
            if (pass != (is_free ? 2 : is_cell && num >= n_params ? 1 : 0)) {
                continue;
            }
            if (!have_locals && is_free) {
                continue; // its name is not kept (its argument name is "*")
            }
            mp_obj_t value = code_state->state[prelude.n_state - 1 - num];
            if (value != MP_OBJ_NULL && is_cell) {
                value = mp_obj_cell_get(value);
            }
            if (value == MP_OBJ_NULL) {
                continue;
            }
            mp_obj_t key = len > 1 && str[len - 1] == '/' ? mp_obj_new_str(str, len - 1) : MP_OBJ_NEW_QSTR(name);
            mp_obj_dict_store(self->locals, key, value);
        }
    }
}

// The qualified name the code info gives the frame's code.
static qstr frame_code_name(const mp_obj_frame_t *self) {
    return mp_obj_fun_get_name(MP_OBJ_FROM_PTR(self->fun));
}

// Whether a code state's code is a class body: it starts by loading __name__ by name (to store
// __module__), which a function's code never does (its names are fast, global or closed over).
static bool is_class_body(const mp_code_state_t *code_state) {
    mp_sandbox_prelude_t prelude;
    mp_sandbox_decode_prelude(code_state->fun_bc->bytecode, &prelude);
    return *prelude.opcodes == MP_BC_LOAD_NAME
        && mp_obj_fun_get_name(MP_OBJ_FROM_PTR(code_state->fun_bc)) != MP_QSTR__lt_module_gt_;
}

// The frame object of a running frame's code state: one per state, so that sys._getframe() is
// sys._getframe().
static mp_obj_t frame_of(mp_code_state_t *code_state) {
    if (code_state->frame != NULL) {
        return MP_OBJ_FROM_PTR(code_state->frame);
    }
    mp_obj_frame_t *self = mp_obj_malloc(mp_obj_frame_t, &mp_type_frame);
    self->code_state = code_state;
    self->fun = code_state->fun_bc;
    self->gen = MP_OBJ_NULL;
    self->locals = MP_OBJ_NULL;
    self->namespace = MP_OBJ_NULL;
    self->lineno = 0;
    self->back = mp_const_none;
    mp_sandbox_prelude_t prelude;
    mp_sandbox_decode_prelude(code_state->fun_bc->bytecode, &prelude);
    if (prelude.scope_flags & MP_SCOPE_FLAG_GENERATOR) {
        self->gen = MP_OBJ_FROM_PTR((byte *)code_state - offsetof(frame_gen_instance_t, code_state));
    }
    if (frame_code_name(self) == MP_QSTR__lt_module_gt_) {
        self->namespace = MP_OBJ_FROM_PTR(self->fun->context->module.globals);
    } else if (is_class_body(code_state)) {
        // each running class body has its namespace on __build_class__'s stack, innermost first
        size_t depth = 0;
        for (mp_code_state_t *cs = MP_STATE_THREAD(current_code_state); cs != NULL && cs != code_state; cs = cs->prev_state) {
            depth += is_class_body(cs);
        }
        self->namespace = mp_class_body_namespace(depth);
    }
    code_state->frame = (struct _mp_obj_frame_t *)self;
    return MP_OBJ_FROM_PTR(self);
}

void mp_frame_detach(mp_code_state_t *code_state) {
    mp_obj_frame_t *self = (mp_obj_frame_t *)code_state->frame;
    self->lineno = code_state_line(code_state);
    // CPython's returned frame keeps its caller (a running frame, or None)
    self->back = code_state->prev_state != NULL ? frame_of(code_state->prev_state) : mp_const_none;
    if (self->namespace == MP_OBJ_NULL) {
        // the locals as they were when it returned (this allocates: a MemoryError here replaces the
        // exception the frame returned with, as any allocation on the way out would)
        if (self->locals == MP_OBJ_NULL) {
            self->locals = mp_obj_new_dict(0);
        }
        frame_fill_locals(self);
    }
    self->code_state = NULL;
}

// Whether the frame runs now (a generator's frame runs only while it is resumed).
static bool frame_is_running(const mp_obj_frame_t *self) {
    if (self->code_state == NULL) {
        return false;
    }
    for (mp_code_state_t *cs = MP_STATE_THREAD(current_code_state); cs != NULL; cs = cs->prev_state) {
        if (cs == self->code_state) {
            return true;
        }
    }
    return false;
}

static void frame_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    if (dest[0] != MP_OBJ_NULL) {
        return;
    }
    mp_obj_frame_t *self = MP_OBJ_TO_PTR(self_in);
    switch (attr) {
        case MP_QSTR_f_code:
            dest[0] = mp_obj_new_code(MP_OBJ_FROM_PTR(self->fun));
            break;
        case MP_QSTR_f_lineno: {
            mp_int_t line = self->code_state != NULL ? code_state_line(self->code_state) : self->lineno;
            dest[0] = line > 0 ? MP_OBJ_NEW_SMALL_INT(line) : mp_const_none;
            break;
        }
        case MP_QSTR_f_back:
            if (self->code_state == NULL) {
                dest[0] = self->back;
            } else {
                dest[0] = frame_is_running(self) && self->code_state->prev_state != NULL
                    ? frame_of(self->code_state->prev_state) : mp_const_none;
            }
            break;
        case MP_QSTR__f_source_line: {
            // not CPython's: the frame's line of source, stripped, for warnings' message (CPython's reads
            // it from the file with linecache); None unless the frame's code is the current run's
            mp_int_t line = self->code_state != NULL ? code_state_line(self->code_state) : self->lineno;
            dest[0] = mp_const_none;
            if (line > 0 && mp_sandbox_is_run_code(mp_obj_fun_orig_context(self->fun->context))) {
                vstr_t vstr;
                mp_print_t print;
                vstr_init_print(&vstr, 16, &print);
                mp_sandbox_print_source_line(&print, line);
                if (vstr.len > 5) {
                    dest[0] = mp_obj_new_str(vstr.buf + 4, vstr.len - 5); // without "    " and "\n"
                }
                vstr_clear(&vstr);
            }
            break;
        }
        case MP_QSTR_f_globals:
            dest[0] = MP_OBJ_FROM_PTR(self->fun->context->module.globals);
            break;
        case MP_QSTR_f_builtins:
            dest[0] = MP_OBJ_FROM_PTR(mp_module_builtins.globals);
            break;
        case MP_QSTR_f_locals:
            if (self->namespace != MP_OBJ_NULL) {
                dest[0] = self->namespace;
                break;
            }
            if (self->locals == MP_OBJ_NULL) {
                self->locals = mp_obj_new_dict(0);
            }
            if (self->code_state != NULL) {
                frame_fill_locals(self);
            }
            dest[0] = self->locals;
            break;
    }
}

// CPython's `<frame at 0x..., file '<sandbox>', line 3, code f>`
static void frame_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    mp_obj_frame_t *self = MP_OBJ_TO_PTR(self_in);
    mp_int_t line = self->code_state != NULL ? code_state_line(self->code_state) : self->lineno;
    mp_printf(print, "<frame at 0x%p, file '%q', line %d, code %q>", self,
        self->fun->context->constants.qstr_table[0], (int)line, mp_qualname_tail(frame_code_name(self)));
}

static MP_DEFINE_CONST_OBJ_TYPE(
    mp_type_frame,
    MP_QSTR_frame,
    MP_TYPE_FLAG_NONE,
    print, frame_print,
    attr, frame_attr
    );

// sys._getframe(depth=0): the frame depth calls out from the caller's
static mp_obj_t mp_sys_getframe(size_t n_args, const mp_obj_t *args) {
    mp_int_t depth = n_args > 0 ? mp_obj_get_int(args[0]) : 0;
    mp_code_state_t *code_state = MP_STATE_THREAD(current_code_state);
    for (; depth > 0 && code_state != NULL; depth--) {
        code_state = code_state->prev_state;
    }
    if (code_state == NULL) {
        mp_raise_ValueError(MP_ERROR_TEXT("call stack is not deep enough"));
    }
    return frame_of(code_state);
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_sys_getframe_obj, 0, 1, mp_sys_getframe);

#endif // MICROPY_PY_SYS_GETFRAME
