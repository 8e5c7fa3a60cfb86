// Builtins this port adds to MicroPython's own (listed in MICROPY_PORT_BUILTINS, mpconfigport.h).

#include <string.h>

#include "py/objstr.h"
#include "py/runtime.h"

// format(value, format_spec=''), as in CPython. MicroPython has no __format__: every type formats as
// str.format formats it, so this is '{:<format_spec>}'.format(value) (and str(value) for an empty spec).
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
    if (len == 0) {
        return mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_str), args[0]);
    }
    if (memchr(spec, '{', len) != NULL || memchr(spec, '}', len) != NULL) {
        mp_raise_ValueError(MP_ERROR_TEXT("Invalid format specifier"));
    }
    vstr_t template;
    vstr_init(&template, len + 3);
    vstr_add_str(&template, "{:");
    vstr_add_strn(&template, spec, len);
    vstr_add_byte(&template, '}');
    mp_obj_t format_args[2] = {mp_obj_new_str_from_vstr(&template), args[0]};
    mp_map_t no_kwargs;
    mp_map_init(&no_kwargs, 0);
    return mp_obj_str_format(2, format_args, &no_kwargs);
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_builtin_format_obj, 1, 2, mp_builtin_format);
