// The module _itertools: itertools.count and itertools.repeat in C (the frozen modules/itertools.py
// re-exports them). Their reprs show their state as CPython's do (count(6) once count(5) has given 5,
// repeat('a', 2) once repeat('a', 3) has given one), which a generator could not report, and in C they
// are faster than the generators they replace (sum(islice(count(), N)), zip(repeat(x), ...)).
#include "py/objtype.h"
#include "py/runtime.h"

typedef struct _itertools_count_t {
    mp_obj_base_t base;
    mp_obj_t next;
    mp_obj_t step;
} itertools_count_t;

// CPython's count() takes numbers only (PyNumber_Check: int, float, complex, or a class with __int__,
// __float__ or __index__, as Fraction and Decimal)
static bool is_number(mp_obj_t obj) {
    if (mp_obj_is_int(obj) || mp_obj_is_float(obj) || mp_obj_is_type(obj, &mp_type_complex) || mp_obj_is_bool(obj)) {
        return true;
    }
    if (!mp_obj_is_instance_type(mp_obj_get_type(obj))) {
        return false;
    }
    mp_obj_t dest[2];
    static const qstr methods[] = { MP_QSTR___int__, MP_QSTR___float__, MP_QSTR___index__ };
    for (size_t i = 0; i < MP_ARRAY_SIZE(methods); i++) {
        mp_load_method_maybe(obj, methods[i], dest);
        if (dest[0] != MP_OBJ_NULL) {
            return true;
        }
    }
    return false;
}

static mp_obj_t count_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    enum { ARG_start, ARG_step };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_start, MP_ARG_OBJ, {.u_obj = MP_OBJ_NEW_SMALL_INT(0)} },
        { MP_QSTR_step, MP_ARG_OBJ, {.u_obj = MP_OBJ_NEW_SMALL_INT(1)} },
    };
    mp_arg_val_t vals[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all_kw_array(n_args, n_kw, args, MP_ARRAY_SIZE(allowed_args), allowed_args, vals);
    if (!is_number(vals[ARG_start].u_obj) || !is_number(vals[ARG_step].u_obj)) {
        mp_raise_TypeError(MP_ERROR_TEXT("a number is required"));
    }
    itertools_count_t *self = mp_obj_malloc(itertools_count_t, type);
    self->next = vals[ARG_start].u_obj;
    self->step = vals[ARG_step].u_obj;
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t count_iternext(mp_obj_t self_in) {
    itertools_count_t *self = MP_OBJ_TO_PTR(self_in);
    mp_obj_t value = self->next;
    self->next = mp_binary_op(MP_BINARY_OP_ADD, value, self->step);
    return value;
}

static void count_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    itertools_count_t *self = MP_OBJ_TO_PTR(self_in);
    mp_printf(print, "%q(", (qstr)mp_obj_get_type(self_in)->name);
    mp_obj_print_helper(print, self->next, PRINT_REPR);
    // CPython leaves out a step that is the int 1 (True included)
    bool step_one = (mp_obj_is_small_int(self->step) && MP_OBJ_SMALL_INT_VALUE(self->step) == 1) || self->step == mp_const_true;
    if (!step_one) {
        mp_print_str(print, ", ");
        mp_obj_print_helper(print, self->step, PRINT_REPR);
    }
    mp_print_str(print, ")");
}

static MP_DEFINE_CONST_OBJ_TYPE(
    itertools_count_type,
    MP_QSTR_count,
    MP_TYPE_FLAG_ITER_IS_ITERNEXT,
    make_new, count_make_new,
    print, count_print,
    iter, count_iternext
    );

typedef struct _itertools_repeat_t {
    mp_obj_base_t base;
    mp_obj_t object;
    mp_int_t times; // -1: forever
} itertools_repeat_t;

static mp_obj_t repeat_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    if (n_args == 0 && n_kw == 0) {
        mp_raise_TypeError(MP_ERROR_TEXT("repeat() missing required argument 'object' (pos 1)"));
    }
    enum { ARG_object, ARG_times };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_object, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL} },
        { MP_QSTR_times, MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL} },
    };
    mp_arg_val_t vals[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all_kw_array(n_args, n_kw, args, MP_ARRAY_SIZE(allowed_args), allowed_args, vals);
    itertools_repeat_t *self = mp_obj_malloc(itertools_repeat_t, type);
    self->object = vals[ARG_object].u_obj;
    self->times = -1;
    if (vals[ARG_times].u_obj != MP_OBJ_NULL) {
        // a negative count repeats nothing, as in CPython
        mp_int_t times = mp_obj_get_int(vals[ARG_times].u_obj);
        self->times = times < 0 ? 0 : times;
    }
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t repeat_iternext(mp_obj_t self_in) {
    itertools_repeat_t *self = MP_OBJ_TO_PTR(self_in);
    if (self->times == 0) {
        return MP_OBJ_STOP_ITERATION;
    }
    if (self->times > 0) {
        self->times -= 1;
    }
    return self->object;
}

static void repeat_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    itertools_repeat_t *self = MP_OBJ_TO_PTR(self_in);
    mp_printf(print, "%q(", (qstr)mp_obj_get_type(self_in)->name);
    mp_obj_print_helper(print, self->object, PRINT_REPR);
    if (self->times >= 0) {
        mp_printf(print, ", " INT_FMT, self->times);
    }
    mp_print_str(print, ")");
}

static MP_DEFINE_CONST_OBJ_TYPE(
    itertools_repeat_type,
    MP_QSTR_repeat,
    MP_TYPE_FLAG_ITER_IS_ITERNEXT,
    make_new, repeat_make_new,
    print, repeat_print,
    iter, repeat_iternext
    );

static const mp_rom_map_elem_t itertools_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__itertools) },
    { MP_ROM_QSTR(MP_QSTR_count), MP_ROM_PTR(&itertools_count_type) },
    { MP_ROM_QSTR(MP_QSTR_repeat), MP_ROM_PTR(&itertools_repeat_type) },
};
static MP_DEFINE_CONST_DICT(itertools_module_globals, itertools_module_globals_table);

const mp_obj_module_t mp_module_itertools_c = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&itertools_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__itertools, mp_module_itertools_c);
