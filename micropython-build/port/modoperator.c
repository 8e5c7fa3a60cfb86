// The module _operator: the one conversion of an integer argument that the frozen standard library uses
// (operator, math, random, collections, itertools), as CPython's C code does it.
// index(x) is operator.index(): mp_obj_index(), the conversion the built-ins use (an int subclass's
// instance or a bool is its exact int value; __index__ must return an int, else CPython's TypeError).
// as_ssize(x, exc) is CPython's PyNumber_AsSsize_t(x, exc) on its 64-bit builds, the reference: index(x),
// then a value outside a C Py_ssize_t's range [-2**63, 2**63) is clamped into it when exc is None, or
// raised as exc("cannot fit 'X' into an index-sized integer"), X the type of x.
#include <stdint.h>

#include "py/runtime.h"

static mp_obj_t operator_index(mp_obj_t x) {
    return mp_obj_index(x);
}
static MP_DEFINE_CONST_FUN_OBJ_1(operator_index_obj, operator_index);

static mp_obj_t operator_as_ssize(mp_obj_t x, mp_obj_t exc) {
    mp_obj_t value = mp_obj_index(x);
    if (mp_obj_is_small_int(value)) {
        return value; // a small int always fits (it is at most a machine word)
    }
    mp_obj_t bound = mp_obj_new_int_from_ll(INT64_MAX);
    bool above = mp_obj_is_true(mp_binary_op(MP_BINARY_OP_MORE, value, bound));
    if (!above) {
        bound = mp_obj_new_int_from_ll(INT64_MIN);
        if (!mp_obj_is_true(mp_binary_op(MP_BINARY_OP_LESS, value, bound))) {
            return value;
        }
    }
    if (exc == mp_const_none) {
        return bound;
    }
    vstr_t vstr;
    mp_print_t print;
    vstr_init_print(&vstr, 64, &print);
    mp_printf(&print, "cannot fit '%s' into an index-sized integer", mp_obj_get_type_str(x));
    // called, not built with mp_obj_new_exception_msg: exc may be any class (a non-exception is raise's
    // own TypeError)
    nlr_raise(mp_make_raise_obj(mp_call_function_1(exc, mp_obj_new_str_from_vstr(&vstr))));
}
static MP_DEFINE_CONST_FUN_OBJ_2(operator_as_ssize_obj, operator_as_ssize);

static const mp_rom_map_elem_t operator_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__operator) },
    { MP_ROM_QSTR(MP_QSTR_index), MP_ROM_PTR(&operator_index_obj) },
    { MP_ROM_QSTR(MP_QSTR_as_ssize), MP_ROM_PTR(&operator_as_ssize_obj) },
};
static MP_DEFINE_CONST_DICT(operator_module_globals, operator_module_globals_table);

const mp_obj_module_t mp_module_operator_c = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&operator_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__operator, mp_module_operator_c);
