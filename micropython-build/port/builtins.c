// Builtins this port adds to MicroPython's own (listed in MICROPY_PORT_BUILTINS, mpconfigport.h).

#include "py/objstr.h"
#include "py/runtime.h"
#include "numformat.h"

// format(value, format_spec=''), as in CPython: the format-spec mini-language for int, float and str, a
// class's __format__, object.__format__ otherwise (port/numformat.c).
static mp_obj_t mp_builtin_format(size_t n_args, const mp_obj_t *args) {
    size_t len = 0;
    const char *spec = "";
    if (n_args == 2) {
        if (!mp_obj_is_str(args[1])) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("format() argument 2 must be str, not %s"),
                mp_obj_get_type_str(args[1]));
        }
        spec = mp_obj_str_get_data(args[1], &len);
    }
    vstr_t out;
    mp_print_t print;
    vstr_init_print(&out, 16, &print);
    mp_format_with_spec(&print, args[0], spec, len);
    return mp_obj_new_str_from_vstr(&out);
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_builtin_format_obj, 1, 2, mp_builtin_format);

// vars([object]), as in CPython: the object's __dict__ (instances, modules, classes), or with no argument
// the dict of local names that locals() returns.
static mp_obj_t mp_builtin_vars(size_t n_args, const mp_obj_t *args) {
    if (n_args == 0) {
        return MP_OBJ_FROM_PTR(mp_locals_get());
    }
    mp_obj_t dest[2];
    mp_load_method_maybe(args[0], MP_QSTR___dict__, dest);
    if (dest[0] == MP_OBJ_NULL || dest[1] != MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("vars() argument must have __dict__ attribute"));
    }
    return dest[0];
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_builtin_vars_obj, 0, 1, mp_builtin_vars);

// ascii(object), as in CPython: repr(object) with its non-ASCII characters escaped as \xhh, \uhhhh or
// \Uhhhhhhhh.
static mp_obj_t mp_builtin_ascii(mp_obj_t object) {
    vstr_t repr;
    mp_print_t print;
    vstr_init_print(&repr, 16, &print);
    mp_obj_print_helper(&print, object, PRINT_REPR);
    vstr_t out;
    vstr_init(&out, repr.len);
    const byte *top = (const byte *)repr.buf + repr.len;
    for (const byte *p = (const byte *)repr.buf; p < top; p = utf8_next_char(p)) {
        unichar c = utf8_get_char(p);
        if (c < 0x80) {
            vstr_add_byte(&out, c);
        } else {
            vstr_printf(&out, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)c);
        }
    }
    vstr_clear(&repr);
    return mp_obj_new_str_from_vstr(&out);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_builtin_ascii_obj, mp_builtin_ascii);
