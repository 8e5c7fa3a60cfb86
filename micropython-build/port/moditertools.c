// The module _itertools: itertools.count and itertools.repeat in C (the frozen modules/itertools.py
// re-exports them). Their reprs show their state as CPython's do (count(6) once count(5) has given 5,
// repeat('a', 2) once repeat('a', 3) has given one), which a generator could not report, and in C they
// are faster than the generators they replace (sum(islice(count(), N)), zip(repeat(x), ...)).
// _itertools.iterator_type(name, factory, attrs) makes the type of each other itertools object: calling
// it calls factory(*args, **kwargs) (argument checks, then the generator that makes the items) and wraps
// the generator in an object of that type, which is its own iterator (iter(x) is x) with CPython's repr
// and name; a for loop or next() steps the generator directly from C, at about a generator's speed.
#include "py/objtype.h"
#include "py/objstr.h"
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

// CPython names the types by their module: <class 'itertools.count'>
static const mp_rom_map_elem_t itertools_type_locals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___module__), MP_ROM_QSTR(MP_QSTR_itertools) },
};
static MP_DEFINE_CONST_DICT(itertools_type_locals, itertools_type_locals_table);

static MP_DEFINE_CONST_OBJ_TYPE(
    itertools_count_type,
    MP_QSTR_count,
    MP_TYPE_FLAG_ITER_IS_ITERNEXT,
    make_new, count_make_new,
    print, count_print,
    iter, count_iternext,
    locals_dict, &itertools_type_locals
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
    iter, repeat_iternext,
    locals_dict, &itertools_type_locals
    );

typedef struct _itertools_wrapper_t {
    mp_obj_base_t base;
    mp_obj_t gen;
    mp_obj_t state; // what the frozen module keeps with the object (a tee's position, to copy it)
} itertools_wrapper_t;

// The factory lives in the slot after the type's own four (no slot index names it); the GC scans it.
#define WRAPPER_FACTORY_SLOT (4)

static mp_obj_t wrapper_new(const mp_obj_type_t *type, mp_obj_t gen, mp_obj_t state) {
    itertools_wrapper_t *self = mp_obj_malloc(itertools_wrapper_t, type);
    self->gen = gen;
    self->state = state;
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t wrapper_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    return wrapper_new(type, mp_call_function_n_kw(MP_OBJ_FROM_PTR(type->slots[WRAPPER_FACTORY_SLOT]), n_args, n_kw, args),
        mp_const_none);
}

// The caller (a for loop, next(), a C loop) has done mp_iternext's checks for this step; a generator is
// stepped directly, anything else through mp_iternext.
static mp_obj_t wrapper_iternext(mp_obj_t self_in) {
    itertools_wrapper_t *self = MP_OBJ_TO_PTR(self_in);
    const mp_obj_type_t *type = mp_obj_get_type(self->gen);
    if (type == &mp_type_gen_instance) {
        return ((mp_fun_1_t)MP_OBJ_TYPE_GET_SLOT(type, iter))(self->gen);
    }
    return mp_iternext(self->gen);
}

static void wrapper_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    mp_printf(print, "<itertools.%q object at 0x%p>", (qstr)mp_obj_get_type(self_in)->name, MP_OBJ_TO_PTR(self_in));
}

// Whether `obj` is a type iterator_type made (program code can reach _itertools: check before any cast).
static bool is_wrapper_type(mp_obj_t obj) {
    if (!mp_obj_is_type(obj, &mp_type_type)) {
        return false;
    }
    const mp_obj_type_t *type = MP_OBJ_TO_PTR(obj);
    return MP_OBJ_TYPE_HAS_SLOT(type, make_new) && MP_OBJ_TYPE_GET_SLOT(type, make_new) == wrapper_make_new;
}

static void check_wrapper_type(mp_obj_t obj) {
    if (!is_wrapper_type(obj)) {
        mp_raise_TypeError(MP_ERROR_TEXT("expected an itertools type"));
    }
}

// iterator_type(name, factory, attrs): a new type named `name` whose objects wrap factory's generator;
// `attrs` (a dict or None) are its class attributes (chain.from_iterable), with __module__ 'itertools'.
static mp_obj_t itertools_iterator_type(mp_obj_t name, mp_obj_t factory, mp_obj_t attrs) {
    if (attrs != mp_const_none && !mp_obj_is_type(attrs, &mp_type_dict)) {
        mp_raise_TypeError(MP_ERROR_TEXT("attrs must be a dict or None"));
    }
    mp_obj_type_t *type = m_new_obj_var0(mp_obj_type_t, slots, void *, WRAPPER_FACTORY_SLOT + 1);
    type->base.type = &mp_type_type;
    type->flags = MP_TYPE_FLAG_ITER_IS_ITERNEXT;
    type->name = mp_obj_str_get_qstr(name);
    MP_OBJ_TYPE_SET_SLOT(type, make_new, wrapper_make_new, 0);
    MP_OBJ_TYPE_SET_SLOT(type, print, wrapper_print, 1);
    MP_OBJ_TYPE_SET_SLOT(type, iter, wrapper_iternext, 2);
    if (attrs == mp_const_none) {
        attrs = mp_obj_new_dict(1);
    }
    mp_obj_dict_store(attrs, MP_OBJ_NEW_QSTR(MP_QSTR___module__), MP_OBJ_NEW_QSTR(MP_QSTR_itertools));
    MP_OBJ_TYPE_SET_SLOT(type, locals_dict, MP_OBJ_TO_PTR(attrs), 3);
    type->slots[WRAPPER_FACTORY_SLOT] = MP_OBJ_TO_PTR(factory);
    return MP_OBJ_FROM_PTR(type);
}
static MP_DEFINE_CONST_FUN_OBJ_3(itertools_iterator_type_obj, itertools_iterator_type);

// wrap(type, generator, state): an object of a type iterator_type made, over an existing generator
// (chain.from_iterable, groupby's groups, tee's iterators), with the state state(obj) gives back.
static mp_obj_t itertools_wrap(mp_obj_t type, mp_obj_t gen, mp_obj_t state) {
    check_wrapper_type(type);
    return wrapper_new(MP_OBJ_TO_PTR(type), gen, state);
}
static MP_DEFINE_CONST_FUN_OBJ_3(itertools_wrap_obj, itertools_wrap);

static mp_obj_t itertools_state(mp_obj_t obj) {
    check_wrapper_type(MP_OBJ_FROM_PTR(mp_obj_get_type(obj)));
    itertools_wrapper_t *self = MP_OBJ_TO_PTR(obj);
    return self->state;
}
static MP_DEFINE_CONST_FUN_OBJ_1(itertools_state_obj, itertools_state);

static const mp_rom_map_elem_t itertools_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__itertools) },
    { MP_ROM_QSTR(MP_QSTR_count), MP_ROM_PTR(&itertools_count_type) },
    { MP_ROM_QSTR(MP_QSTR_repeat), MP_ROM_PTR(&itertools_repeat_type) },
    { MP_ROM_QSTR(MP_QSTR_iterator_type), MP_ROM_PTR(&itertools_iterator_type_obj) },
    { MP_ROM_QSTR(MP_QSTR_wrap), MP_ROM_PTR(&itertools_wrap_obj) },
    { MP_ROM_QSTR(MP_QSTR_state), MP_ROM_PTR(&itertools_state_obj) },
};
static MP_DEFINE_CONST_DICT(itertools_module_globals, itertools_module_globals_table);

const mp_obj_module_t mp_module_itertools_c = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&itertools_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__itertools, mp_module_itertools_c);
