// The module _callermodule: wrap(fun, keyword) gives the frozen standard library CPython's
// sys._getframe(1).f_globals['__name__'], the module of the code that calls a function, which CPython's
// namedtuple, Enum('Name', 'A B'), NamedTuple('N', ...) and TypedDict('T', ...) make the new class's
// __module__ (`<class '__main__.Point'>`). It predates the frame chain of patch 0385 (sys._getframe) and
// needs none: a call into C runs with the caller's globals still current. The object wrap returns is such
// a C callable, which calls fun with keyword=<the caller's __name__> unless the call gives that keyword a
// value other than None. It prints, and answers attribute reads, as fun; it binds as a method as a
// function does.
#include <string.h>

#include "py/runtime.h"

typedef struct _caller_module_fun_t {
    mp_obj_base_t base;
    mp_obj_t fun;
    mp_obj_t keyword;
} caller_module_fun_t;

static mp_obj_t caller_module_fun_call(mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    caller_module_fun_t *self = MP_OBJ_TO_PTR(self_in);
    size_t n = n_args + 2 * n_kw;
    mp_obj_t *all = m_new(mp_obj_t, n + 2);
    memcpy(all, args, n_args * sizeof(mp_obj_t));
    size_t len = n_args;
    for (size_t i = n_args; i < n; i += 2) {
        if (!mp_obj_equal(args[i], self->keyword)) {
            all[len++] = args[i];
            all[len++] = args[i + 1];
        } else if (args[i + 1] != mp_const_none) {
            m_del(mp_obj_t, all, n + 2);
            return mp_call_function_n_kw(self->fun, n_args, n_kw, args);
        } else {
            n_kw--; // keyword=None asks for the caller's module, as no keyword does
        }
    }
    mp_map_elem_t *name = mp_map_lookup(&mp_globals_get()->map, MP_OBJ_NEW_QSTR(MP_QSTR___name__), MP_MAP_LOOKUP);
    all[len++] = self->keyword;
    all[len++] = name != NULL ? name->value : MP_OBJ_NEW_QSTR(MP_QSTR___main__);
    mp_obj_t result = mp_call_function_n_kw(self->fun, n_args, n_kw + 1, all);
    m_del(mp_obj_t, all, n + 2);
    return result;
}

static void caller_module_fun_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    caller_module_fun_t *self = MP_OBJ_TO_PTR(self_in);
    mp_obj_print_helper(print, self->fun, kind);
}

static void caller_module_fun_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    caller_module_fun_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] == MP_OBJ_NULL) {
        mp_load_method_maybe(self->fun, attr, dest);
    }
}

static MP_DEFINE_CONST_OBJ_TYPE(
    caller_module_fun_type,
    MP_QSTR_function,
    MP_TYPE_FLAG_BINDS_SELF,
    call, caller_module_fun_call,
    print, caller_module_fun_print,
    attr, caller_module_fun_attr
    );

static mp_obj_t callermodule_wrap(mp_obj_t fun, mp_obj_t keyword) {
    caller_module_fun_t *self = mp_obj_malloc(caller_module_fun_t, &caller_module_fun_type);
    self->fun = fun;
    self->keyword = MP_OBJ_NEW_QSTR(mp_obj_str_get_qstr(keyword));
    return MP_OBJ_FROM_PTR(self);
}
static MP_DEFINE_CONST_FUN_OBJ_2(callermodule_wrap_obj, callermodule_wrap);

static const mp_rom_map_elem_t callermodule_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__callermodule) },
    { MP_ROM_QSTR(MP_QSTR_wrap), MP_ROM_PTR(&callermodule_wrap_obj) },
};
static MP_DEFINE_CONST_DICT(callermodule_module_globals, callermodule_module_globals_table);

const mp_obj_module_t mp_module_callermodule = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&callermodule_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__callermodule, mp_module_callermodule);
