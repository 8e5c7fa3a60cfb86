// int and float behaviour as in CPython 3.11 (port/numbers.c), wired into MicroPython by patch 0055.
#ifndef MICROPY_INCLUDED_PORT_NUMBERS_H
#define MICROPY_INCLUDED_PORT_NUMBERS_H

#include "py/obj.h"
#include "py/runtime0.h"

MP_DECLARE_CONST_FUN_OBJ_1(mp_int_bit_length_obj);
MP_DECLARE_CONST_FUN_OBJ_1(mp_int_bit_count_obj);
MP_DECLARE_CONST_FUN_OBJ_1(mp_int_as_integer_ratio_obj);
MP_DECLARE_CONST_FUN_OBJ_KW(mp_int_to_bytes_obj);
extern const mp_rom_obj_static_class_method_t mp_int_from_bytes_obj;
MP_DECLARE_CONST_FUN_OBJ_1(mp_float_is_integer_obj);
MP_DECLARE_CONST_FUN_OBJ_1(mp_float_as_integer_ratio_obj);
MP_DECLARE_CONST_FUN_OBJ_1(mp_float_hex_obj);
extern const mp_rom_obj_static_class_method_t mp_float_fromhex_obj;

// int(x, base=...): the keyword form of int()
mp_obj_t mp_int_make_new_kw(size_t n_args, size_t n_kw, const mp_obj_t *args);
// sign of big_int - x (-1, 0, 1), 2 when x is NaN
int mp_int_float_compare(mp_obj_t big_int, mp_float_t x);
// the result of a comparison op for that sign; MP_OBJ_NULL for other ops
mp_obj_t mp_compare_result(mp_binary_op_t op, int cmp);
// pow(base, exp, mod) with exp < 0: the modular inverse raised to -exp
mp_obj_t mp_int_pow3_negative(mp_obj_t base, mp_obj_t exponent, mp_obj_t modulus);

#endif // MICROPY_INCLUDED_PORT_NUMBERS_H
