// Port part of the os module (included by extmod/modos.c): os.urandom from sandbox.entropy.
#include "sandbox.h"

static mp_obj_t mp_os_urandom(mp_obj_t num) {
    mp_int_t n = mp_obj_get_int(num);
    if (n < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("negative argument not allowed"));
    }
    vstr_t vstr;
    vstr_init_len(&vstr, n);
    sandbox_entropy(vstr.buf, n);
    return mp_obj_new_bytes_from_vstr(&vstr);
}
static MP_DEFINE_CONST_FUN_OBJ_1(mp_os_urandom_obj, mp_os_urandom);
