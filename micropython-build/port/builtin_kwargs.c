// Keyword arguments for MicroPython's positional built-ins (patch 0192, MICROPY_PY_BUILTINS_KWARGS_TABLE).
//
// MicroPython defines many built-ins with MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN, which take positional
// arguments only, where CPython 3.11 also accepts them by name: 'a\tb'.expandtabs(tabsize=4),
// round(x, ndigits=2), sum(rows, start=0), b'..'.hex(sep=':'). Agent code uses these spellings all the
// time. fun_builtin_var_call (py/objfun.c) calls mp_builtin_var_call_kw only when a call passes keywords
// to such a function, so calls without keywords cost nothing; this table names the parameters of each
// function CPython lets take keywords, and the call turns the keywords back into the positional
// arguments the C function expects. The errors are worded as CPython's Argument Clinic words them.
//
// The table is keyed by the function objects. If another patch turns one of them into a keyword
// function (MP_DEFINE_CONST_FUN_OBJ_KW, same object name), its row is simply never consulted.

#include "py/runtime.h"
#include "py/builtin.h"

#define KW_MAX_PARAMS (6)
#define NO_DEFAULT MP_ROM_PTR(NULL)

typedef struct _builtin_kw_sig_t {
    const mp_obj_fun_builtin_var_t *fun;
    qstr_short_t name;       // for the error messages, as CPython names the function ("split", not "str.split")
    uint8_t n_self;          // 1 for a method: args[0] is the object, which no keyword names
    uint8_t n_posonly;       // leading parameters (after the object) that are positional-only in CPython
    qstr_short_t params[KW_MAX_PARAMS]; // CPython's parameter names in order; 0 ends the list
    // CPython's defaults (NO_DEFAULT for required parameters): passed for an optional parameter that
    // was omitted while a later one was given by name, as in pow(2, exp=3) with mod left out
    mp_rom_obj_t defaults[KW_MAX_PARAMS];
} builtin_kw_sig_t;

extern const mp_obj_fun_builtin_var_t str_expandtabs_obj;
extern const mp_obj_fun_builtin_var_t bytes_hex_as_str_obj;

static const builtin_kw_sig_t builtin_kw_sigs[] = {
    // str and bytes share these method objects, as they share CPython's parameter names (split, rsplit,
    // encode and decode are keyword functions of their own: patches 0148, 0149)
    { &str_expandtabs_obj, MP_QSTR_expandtabs, 1, 0, { MP_QSTR_tabsize }, { MP_ROM_INT(8) } },
    // hex(sep=<none>, bytes_per_sep=1) of bytes, bytearray, memoryview: an omitted sep reaches the C
    // function as MP_OBJ_NULL, as None there is an error
    { &bytes_hex_as_str_obj, MP_QSTR_hex, 1, 0, { MP_QSTR_sep, MP_QSTR_bytes_per_sep }, { NO_DEFAULT, MP_ROM_INT(1) } },
    // sum(iterable, /, start=0)
    { &mp_builtin_sum_obj, MP_QSTR_sum, 0, 1, { MP_QSTR_iterable, MP_QSTR_start }, { NO_DEFAULT, MP_ROM_INT(0) } },
    { &mp_builtin_round_obj, MP_QSTR_round, 0, 0, { MP_QSTR_number, MP_QSTR_ndigits }, { NO_DEFAULT, MP_ROM_NONE } },
    { &mp_builtin_pow_obj, MP_QSTR_pow, 0, 0, { MP_QSTR_base, MP_QSTR_exp, MP_QSTR_mod },
      { NO_DEFAULT, NO_DEFAULT, MP_ROM_NONE } },
    { &mp_builtin_compile_obj, MP_QSTR_compile, 0, 0,
      { MP_QSTR_source, MP_QSTR_filename, MP_QSTR_mode, MP_QSTR_flags, MP_QSTR_dont_inherit, MP_QSTR_optimize },
      { NO_DEFAULT, NO_DEFAULT, NO_DEFAULT, MP_ROM_INT(0), MP_ROM_FALSE, MP_ROM_INT(-1) } },
    { &mp_builtin___import___obj, MP_QSTR___import__, 0, 0,
      { MP_QSTR_name, MP_QSTR_globals, MP_QSTR_locals, MP_QSTR_fromlist, MP_QSTR_level },
      { NO_DEFAULT, MP_ROM_NONE, MP_ROM_NONE, MP_ROM_PTR(&mp_const_empty_tuple_obj), MP_ROM_INT(0) } },
};

// CPython's error for keywords given to a built-in that takes none: `len() takes no keyword arguments`,
// `str.upper() takes no keyword arguments` (the function's __qualname__, patch 0201). Called by the calls
// of fixed-arity built-ins (py/objfun.c) only when keywords were passed.
NORETURN void mp_builtin_raise_no_keywords(mp_obj_t fun, size_t n_args, const mp_obj_t *args) {
    if (n_args > 0) {
        // a method of its first argument's type: named after the type that defines it (`str.upper`, not
        // `bytes.upper`, whose function object str shares)
        const mp_obj_type_t *owner;
        bool wrapped;
        qstr name = mp_builtin_fun_name_in_type(mp_obj_get_type(args[0]), fun, &owner, &wrapped);
        if (name != MP_QSTRnull) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q.%q() takes no keyword arguments"), (qstr)owner->name, name);
        }
    }
    mp_obj_t dest[2];
    mp_load_method_maybe(fun, MP_QSTR___qualname__, dest);
    if (dest[0] != MP_OBJ_NULL && mp_obj_is_str(dest[0])) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() takes no keyword arguments"), mp_obj_str_get_str(dest[0]));
    }
    mp_raise_TypeError(MP_ERROR_TEXT("function doesn't take keyword arguments"));
}

// For the keyword built-ins that parse with mp_arg_parse_all (whose error cannot name the function):
// CPython's `'x' is an invalid keyword argument for sort()` for the first keyword not in `allowed`.
void mp_arg_check_kw_names(qstr fun_name, const mp_map_t *kws, size_t n_allowed, const mp_arg_t *allowed) {
    for (size_t k = 0; k < kws->alloc; ++k) {
        if (!mp_map_slot_is_filled(kws, k)) {
            continue;
        }
        qstr key = mp_obj_str_get_qstr(kws->table[k].key);
        size_t i = 0;
        while (i < n_allowed && allowed[i].qst != key) {
            ++i;
        }
        if (i == n_allowed) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("'%q' is an invalid keyword argument for %q()"), key, fun_name);
        }
    }
}

static size_t sig_n_params(const builtin_kw_sig_t *s) {
    size_t n = 0;
    while (n < KW_MAX_PARAMS && s->params[n] != 0) {
        ++n;
    }
    return n;
}

mp_obj_t mp_builtin_var_call_kw(const mp_obj_fun_builtin_var_t *self, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    const builtin_kw_sig_t *s = NULL;
    for (size_t i = 0; i < MP_ARRAY_SIZE(builtin_kw_sigs); ++i) {
        if (builtin_kw_sigs[i].fun == self) {
            s = &builtin_kw_sigs[i];
            break;
        }
    }
    if (s == NULL || n_args < s->n_self) {
        // CPython takes no keywords here either (or an unbound method lacks its object)
        mp_builtin_raise_no_keywords(MP_OBJ_FROM_PTR(self), n_args, args);
    }

    const size_t n_params = sig_n_params(s);
    const size_t n_min = (self->sig >> 17) - s->n_self; // required parameters after the object
    const size_t n_pos = n_args - s->n_self;            // positional arguments after the object
    if (n_pos + n_kw > n_params) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q() takes at most %d %sargument%s (%d given)"),
            (qstr)s->name, (int)n_params, n_pos == 0 ? "keyword " : "", n_params == 1 ? "" : "s", (int)(n_pos + n_kw));
    }
    if (n_pos < s->n_posonly) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q() takes at least %d positional argument%s (%d given)"),
            (qstr)s->name, (int)s->n_posonly, s->n_posonly == 1 ? "" : "s", (int)n_pos);
    }

    // the arguments as the C function takes them: the object, then the parameters in order
    mp_obj_t full[1 + KW_MAX_PARAMS];
    for (size_t i = 0; i < n_args; ++i) {
        full[i] = args[i];
    }
    for (size_t i = n_args; i < s->n_self + n_params; ++i) {
        full[i] = MP_OBJ_NULL;
    }
    // CPython first takes each parameter after the positional ones from the keywords ...
    const mp_obj_t *kw = args + n_args;
    size_t n_matched = 0;
    size_t n_given = n_pos;
    for (size_t p = n_pos; p < n_params; ++p) {
        for (size_t k = 0; k < n_kw; ++k) {
            if (p >= s->n_posonly && mp_obj_str_get_qstr(kw[2 * k]) == s->params[p]) {
                full[s->n_self + p] = kw[2 * k + 1];
                n_given = p + 1;
                ++n_matched;
                break;
            }
        }
        if (full[s->n_self + p] == MP_OBJ_NULL && p < n_min) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q() missing required argument '%q' (pos %d)"),
                (qstr)s->name, (qstr)s->params[p], (int)(p + 1));
        }
    }
    // ... then reports the first keyword that named no parameter left
    if (n_matched != n_kw) {
        for (size_t k = 0; k < n_kw; ++k) {
            qstr key = mp_obj_str_get_qstr(kw[2 * k]);
            for (size_t p = n_pos; p < n_params; ++p) {
                if (p >= s->n_posonly && key == s->params[p]) {
                    goto next_keyword;
                }
            }
            for (size_t p = s->n_posonly; p < n_pos; ++p) {
                if (key == s->params[p]) {
                    mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("argument for %q() given by name ('%q') and position (%d)"),
                        (qstr)s->name, key, (int)(p + 1));
                }
            }
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("'%q' is an invalid keyword argument for %q()"), key, (qstr)s->name);
        next_keyword:;
        }
    }
    // omitted optional parameters before the last one given take CPython's default
    for (size_t p = n_pos; p < n_given; ++p) {
        if (full[s->n_self + p] == MP_OBJ_NULL) {
            full[s->n_self + p] = (mp_obj_t)s->defaults[p];
        }
    }
    return self->fun.var(s->n_self + n_given, full);
}
