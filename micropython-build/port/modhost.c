// The `_host` module: the guest side of sandbox.call (contract in ../README.md), calling host functions
// with arguments and results in the value codec (codec.c).
#include <string.h>

#include "py/mperrno.h"
#include "py/objlist.h"
#include "py/objstr.h"
#include "py/runtime.h"
#include "py/stackctrl.h"
#include "sandbox.h"

// Exceptions the host may name, raised as these builtin classes (OSError subclasses with their errno, as
// OSError(errno, message) would); anything else becomes RuntimeError("HostType: message").
// Keep in step with GUEST_EXCEPTION_TYPES in rust/core/src/host.rs.
typedef struct _host_exception_t {
    const mp_obj_type_t *type;
    int errno_;
} host_exception_t;

static const host_exception_t host_exception_types[] = {
    {&mp_type_ValueError, 0},
    {&mp_type_TypeError, 0},
    {&mp_type_KeyError, 0},
    {&mp_type_IndexError, 0},
    {&mp_type_LookupError, 0},
    {&mp_type_NameError, 0},
    {&mp_type_AttributeError, 0},
    {&mp_type_ArithmeticError, 0},
    {&mp_type_ZeroDivisionError, 0},
    {&mp_type_OverflowError, 0},
    {&mp_type_AssertionError, 0},
    {&mp_type_UnicodeError, 0},
    {&mp_type_RuntimeError, 0},
    {&mp_type_NotImplementedError, 0},
    {&mp_type_MemoryError, 0},
    {&mp_type_OSError, 0},
    {&mp_type_ConnectionError, 0},
    {&mp_type_PermissionError, MP_EACCES},
    {&mp_type_FileNotFoundError, MP_ENOENT},
    {&mp_type_FileExistsError, MP_EEXIST},
    {&mp_type_IsADirectoryError, MP_EISDIR},
    {&mp_type_NotADirectoryError, MP_ENOTDIR},
    {&mp_type_TimeoutError, MP_ETIMEDOUT},
    {&mp_type_InterruptedError, MP_EINTR},
    {&mp_type_BlockingIOError, MP_EAGAIN},
    {&mp_type_BrokenPipeError, MP_EPIPE},
    {&mp_type_ConnectionAbortedError, MP_ECONNABORTED},
    {&mp_type_ConnectionRefusedError, MP_ECONNREFUSED},
    {&mp_type_ConnectionResetError, MP_ECONNRESET},
};

static NORETURN void raise_host_error(mp_obj_t err) {
    size_t n;
    mp_obj_t *items;
    if (!mp_obj_is_type(err, &mp_type_tuple)) {
        mp_sandbox_decode_error();
    }
    mp_obj_tuple_get(err, &n, &items);
    if (n != 2 || !mp_obj_is_str(items[0])) {
        mp_sandbox_decode_error();
    }
    size_t name_len;
    const char *name_str = mp_obj_str_get_data(items[0], &name_len);
    qstr name = qstr_find_strn(name_str, name_len);
    for (size_t i = 0; name != MP_QSTRnull && i < MP_ARRAY_SIZE(host_exception_types); ++i) {
        const host_exception_t *e = &host_exception_types[i];
        if (e->type->name == name) {
            if (e->errno_ != 0) {
                mp_obj_t args[2] = {MP_OBJ_NEW_SMALL_INT(e->errno_), items[1]};
                nlr_raise(mp_obj_new_exception_args(e->type, 2, args));
            }
            nlr_raise(mp_obj_new_exception_arg1(e->type, items[1]));
        }
    }
    mp_raise_msg_varg(&mp_type_RuntimeError, MP_ERROR_TEXT("%s: %s"), name_str,
        mp_obj_is_str(items[1]) ? mp_obj_str_get_str(items[1]) : "");
}

static mp_obj_t host_call_named(mp_obj_t name, size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    size_t name_len;
    const char *name_str = mp_obj_str_get_data(name, &name_len);
    mp_obj_t payload[2];
    payload[0] = mp_obj_new_list(n_args, (mp_obj_t *)args);
    payload[1] = mp_obj_new_dict(kw_args ? kw_args->used : 0);
    if (kw_args != NULL) {
        for (size_t i = 0; i < kw_args->alloc; ++i) {
            if (mp_map_slot_is_filled(kw_args, i)) {
                mp_obj_dict_store(payload[1], kw_args->table[i].key, kw_args->table[i].value);
            }
        }
    }
    vstr_t out;
    vstr_init(&out, 64);
    mp_sandbox_encode(&out, mp_obj_new_tuple(2, payload));
    int32_t n = sandbox_call(name_str, name_len, out.buf, out.len);
    vstr_clear(&out);
    // A host call may take long: check the time limit (and cancellation) now rather than after the
    // next MICROPY_SANDBOX_POLL_PERIOD events, so a loop of slow calls is interrupted on time.
    mp_sandbox_poll();
    size_t len = n < 0 ? (size_t)-(int64_t)n : (size_t)n;
    uint8_t *buf = m_new(uint8_t, len > 0 ? len : 1);
    sandbox_take(buf);
    mp_obj_t value = mp_sandbox_decode(buf, len);
    m_del(uint8_t, buf, len > 0 ? len : 1);
    if (n < 0) {
        raise_host_error(value);
    }
    return value;
}

static mp_obj_t host_call(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    return host_call_named(args[0], n_args - 1, args + 1, kw_args);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(host_call_obj, 1, host_call);

typedef struct _host_function_obj_t {
    mp_obj_base_t base;
    mp_obj_t name;
} host_function_obj_t;

static mp_obj_t host_function_call(mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    host_function_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_map_t kw_args;
    mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
    return host_call_named(self->name, n_args, args, &kw_args);
}

static void host_function_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    host_function_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_printf(print, "<host function %s>", mp_obj_str_get_str(self->name));
}

static void host_function_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    host_function_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] == MP_OBJ_NULL && attr == MP_QSTR___name__) {
        dest[0] = self->name;
    }
}

static mp_obj_t host_function_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args);

static MP_DEFINE_CONST_OBJ_TYPE(
    host_function_type,
    MP_QSTR_function,
    MP_TYPE_FLAG_NONE,
    make_new, host_function_make_new,
    call, host_function_call,
    print, host_function_print,
    attr, host_function_attr
    );

static mp_obj_t host_function_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    (void)type;
    mp_arg_check_num(n_args, n_kw, 1, 1, false);
    if (!mp_obj_is_str(args[0])) {
        mp_raise_TypeError(MP_ERROR_TEXT("host function name must be a str"));
    }
    host_function_obj_t *self = mp_obj_malloc(host_function_obj_t, &host_function_type);
    self->name = args[0];
    return MP_OBJ_FROM_PTR(self);
}

static const mp_rom_map_elem_t host_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__host) },
    { MP_ROM_QSTR(MP_QSTR_call), MP_ROM_PTR(&host_call_obj) },
    { MP_ROM_QSTR(MP_QSTR_function), MP_ROM_PTR(&host_function_type) },
};
static MP_DEFINE_CONST_DICT(host_module_globals, host_module_globals_table);

const mp_obj_module_t mp_module_host = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&host_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__host, mp_module_host);
