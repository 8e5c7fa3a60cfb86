// int and float behaviour as in CPython 3.11 that MicroPython lacks (patch 0055 wires these in): int
// methods (bit_length, bit_count, as_integer_ratio, keyword to_bytes/from_bytes with signed=), int(x,
// base=), float methods (is_integer, as_integer_ratio, hex, fromhex), exact comparison of big ints with floats,
// and pow(base, exp, mod) with a negative exponent (modular inverse).

#include <math.h>
#include <string.h>

#include "py/runtime.h"
#include "py/objint.h"
#include "py/objstr.h"
#include "py/mpz.h"
#include "py/parsenum.h"
#include "py/binary.h"
#include "py/builtin.h"
#include "numbers.h"

#if MICROPY_LONGINT_IMPL != MICROPY_LONGINT_IMPL_MPZ || MICROPY_FLOAT_IMPL != MICROPY_FLOAT_IMPL_DOUBLE
#error "numbers.c needs MPZ long ints and double floats"
#endif

// An int object (small or big) as an mpz: *tmp holds a small int's digits.
static const mpz_t *int_as_mpz(mp_obj_t x, mpz_t *tmp, mpz_dig_t *digits) {
    if (mp_obj_is_small_int(x)) {
        mpz_init_fixed_from_int(tmp, digits, MPZ_NUM_DIG_FOR_INT, MP_OBJ_SMALL_INT_VALUE(x));
        return tmp;
    }
    return &((mp_obj_int_t *)MP_OBJ_TO_PTR(x))->mpz;
}

static mp_obj_t int_self(mp_obj_t self) {
    if (mp_obj_is_bool(self)) {
        return MP_OBJ_NEW_SMALL_INT(self == mp_const_true);
    }
    if (!mp_obj_is_int(self)) {
        mp_obj_t base = mp_obj_cast_to_native_base(self, MP_OBJ_FROM_PTR(&mp_type_int));
        if (base != MP_OBJ_NULL) {
            return base;
        }
        mp_raise_TypeError(MP_ERROR_TEXT("descriptor requires an 'int' object"));
    }
    return self;
}

static size_t digit_bits(mpz_dig_t d) {
    size_t n = 0;
    while (d) {
        n++;
        d >>= 1;
    }
    return n;
}

static size_t mpz_bit_length(const mpz_t *z) {
    return z->len == 0 ? 0 : (z->len - 1) * MPZ_DIG_SIZE + digit_bits(z->dig[z->len - 1]);
}

static mp_obj_t int_bit_length(mp_obj_t self) {
    mpz_t tmp;
    mpz_dig_t digits[MPZ_NUM_DIG_FOR_INT];
    return mp_obj_new_int_from_uint(mpz_bit_length(int_as_mpz(int_self(self), &tmp, digits)));
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_int_bit_length_obj, int_bit_length);

static mp_obj_t int_bit_count(mp_obj_t self) {
    mpz_t tmp;
    mpz_dig_t digits[MPZ_NUM_DIG_FOR_INT];
    const mpz_t *z = int_as_mpz(int_self(self), &tmp, digits);
    size_t count = 0;
    for (size_t i = 0; i < z->len; i++) {
        for (mpz_dig_t d = z->dig[i]; d; d &= d - 1) {
            count++;
        }
    }
    return mp_obj_new_int_from_uint(count);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_int_bit_count_obj, int_bit_count);

static mp_obj_t int_as_integer_ratio(mp_obj_t self) {
    mp_obj_t items[2] = {int_self(self), MP_OBJ_NEW_SMALL_INT(1)};
    return mp_obj_new_tuple(2, items);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_int_as_integer_ratio_obj, int_as_integer_ratio);

static bool parse_byteorder(mp_obj_t order) {
    if (!mp_obj_is_str(order)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("to_bytes() argument 'byteorder' must be str, not %s"),
            mp_obj_get_type_str(order));
    }
    const char *s = mp_obj_str_get_str(order);
    if (strcmp(s, "big") == 0) {
        return true;
    }
    if (strcmp(s, "little") == 0) {
        return false;
    }
    mp_raise_ValueError(MP_ERROR_TEXT("byteorder must be either 'little' or 'big'"));
}

// int.to_bytes(length=1, byteorder='big', *, signed=False)
static mp_obj_t int_to_bytes(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_length, ARG_byteorder, ARG_signed };
    static const mp_arg_t allowed[] = {
        { MP_QSTR_length, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(1)} },
        { MP_QSTR_byteorder, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_QSTR(MP_QSTR_big)} },
        { MP_QSTR_signed, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = false} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed)];
    mp_arg_parse_all(n_args - 1, pos_args + 1, kw_args, MP_ARRAY_SIZE(allowed), allowed, args);
    mp_obj_t self = int_self(pos_args[0]);
    mp_int_t length = mp_obj_get_ssize(args[ARG_length].u_obj, &mp_type_OverflowError, MP_ERROR_TEXT_SSIZE_TOO_LARGE);
    if (length < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("length argument must be non-negative"));
    }
    bool big_endian = parse_byteorder(args[ARG_byteorder].u_obj);
    bool is_signed = args[ARG_signed].u_bool;
    mpz_t tmp;
    mpz_dig_t digits[MPZ_NUM_DIG_FOR_INT];
    const mpz_t *z = int_as_mpz(self, &tmp, digits);
    if (z->neg && !is_signed) {
        mp_raise_msg(&mp_type_OverflowError, MP_ERROR_TEXT("can't convert negative int to unsigned"));
    }
    // fits: unsigned below 2^(8n); signed from -2^(8n-1) to 2^(8n-1)-1
    size_t bits = mpz_bit_length(z);
    bool fits;
    if (!is_signed) {
        fits = bits <= (size_t)length * 8;
    } else if (!z->neg) {
        fits = bits < (size_t)length * 8 || (z->len == 0);
    } else {
        // -2^(8n-1) itself has bit length 8n
        fits = bits < (size_t)length * 8;
        if (!fits && length > 0 && bits == (size_t)length * 8) {
            // exactly a power of two?
            fits = true;
            for (size_t i = 0; i + 1 < z->len; i++) {
                if (z->dig[i]) {
                    fits = false;
                }
            }
            mpz_dig_t top = z->dig[z->len - 1];
            if (top & (top - 1)) {
                fits = false;
            }
        }
    }
    if (!fits) {
        mp_raise_msg(&mp_type_OverflowError, MP_ERROR_TEXT("int too big to convert"));
    }
    vstr_t out;
    vstr_init_len(&out, length);
    if (length > 0) {
        mpz_as_bytes(z, big_endian, z->neg, length, (byte *)out.buf);
    }
    return mp_obj_new_bytes_from_vstr(&out);
}
MP_DEFINE_CONST_FUN_OBJ_KW(mp_int_to_bytes_obj, 1, int_to_bytes);

// int.from_bytes(bytes, byteorder='big', *, signed=False)
static mp_obj_t int_from_bytes(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_bytes, ARG_byteorder, ARG_signed };
    static const mp_arg_t allowed[] = {
        { MP_QSTR_bytes, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
        { MP_QSTR_byteorder, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_QSTR(MP_QSTR_big)} },
        { MP_QSTR_signed, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = false} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed)];
    // called as a classmethod: pos_args[0] is the class
    mp_arg_parse_all(n_args - 1, pos_args + 1, kw_args, MP_ARRAY_SIZE(allowed), allowed, args);
    bool big_endian = parse_byteorder(args[ARG_byteorder].u_obj);
    mp_obj_t data = args[ARG_bytes].u_obj;
    mp_buffer_info_t bufinfo;
    if (mp_obj_is_str(data) || !mp_get_buffer(data, &bufinfo, MP_BUFFER_READ)) {
        if (mp_obj_is_str(data)) {
            mp_raise_TypeError(MP_ERROR_TEXT("cannot convert 'str' object to bytes"));
        }
        data = mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_bytes), data);
        mp_get_buffer_raise(data, &bufinfo, MP_BUFFER_READ);
    }
    mp_obj_t value = mp_obj_int_from_bytes_impl(big_endian, bufinfo.len, bufinfo.buf);
    const byte *buf = bufinfo.buf;
    if (args[ARG_signed].u_bool && bufinfo.len > 0 && (buf[big_endian ? 0 : bufinfo.len - 1] & 0x80)) {
        mp_obj_t span = mp_binary_op(MP_BINARY_OP_LSHIFT, MP_OBJ_NEW_SMALL_INT(1),
            mp_obj_new_int_from_uint(bufinfo.len * 8));
        value = mp_binary_op(MP_BINARY_OP_SUBTRACT, value, span);
    } else {
        // normalise (a big int object holding a small value compares fine, but small ints are cheaper)
        value = mp_binary_op(MP_BINARY_OP_ADD, value, MP_OBJ_NEW_SMALL_INT(0));
    }
    mp_obj_t cls = pos_args[0];
    if (cls != MP_OBJ_FROM_PTR(&mp_type_int)) {
        return mp_call_function_1(cls, value);
    }
    return value;
}
static MP_DEFINE_CONST_FUN_OBJ_KW(int_from_bytes_fun_obj, 1, int_from_bytes);
MP_DEFINE_CONST_CLASSMETHOD_OBJ(mp_int_from_bytes_obj, MP_ROM_PTR(&int_from_bytes_fun_obj));

// int(x, base=10) with base given by keyword (the positional forms stay in objint.c)
mp_obj_t mp_int_make_new_kw(size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_map_t kw;
    mp_map_init_fixed_table(&kw, n_kw, args + n_args);
    if (n_kw != 1 || n_args > 1) {
        mp_raise_TypeError(MP_ERROR_TEXT("int() takes at most 2 arguments"));
    }
    mp_map_elem_t *base = mp_map_lookup(&kw, MP_OBJ_NEW_QSTR(MP_QSTR_base), MP_MAP_LOOKUP);
    if (base == NULL) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("'%s' is an invalid keyword argument for int()"),
            mp_obj_str_get_str(args[n_args]));
    }
    if (n_args == 0) {
        mp_raise_TypeError(MP_ERROR_TEXT("int() missing string argument"));
    }
    mp_obj_t pos[2] = {args[0], base->value};
    return MP_OBJ_TYPE_GET_SLOT(&mp_type_int, make_new)(&mp_type_int, 2, 0, pos);
}

// ---- float ----------------------------------------------------------------------------------------------

static mp_float_t float_self(mp_obj_t self) {
    if (!mp_obj_is_float(self)) {
        mp_obj_t base = mp_obj_cast_to_native_base(self, MP_OBJ_FROM_PTR(&mp_type_float));
        if (base == MP_OBJ_NULL) {
            mp_raise_TypeError(MP_ERROR_TEXT("descriptor requires a 'float' object"));
        }
        self = base;
    }
    return mp_obj_float_get(self);
}

static mp_obj_t float_is_integer(mp_obj_t self) {
    mp_float_t x = float_self(self);
    return mp_obj_new_bool(isfinite(x) && floor(x) == x);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_float_is_integer_obj, float_is_integer);

static mp_obj_t float_as_integer_ratio(mp_obj_t self) {
    mp_float_t x = float_self(self);
    if (isinf(x)) {
        mp_raise_msg(&mp_type_OverflowError, MP_ERROR_TEXT("cannot convert Infinity to integer ratio"));
    }
    if (isnan(x)) {
        mp_raise_ValueError(MP_ERROR_TEXT("cannot convert NaN to integer ratio"));
    }
    uint64_t m;
    int k;
    mp_float_binary_parts(fabs(x), &m, &k);
    while (m != 0 && (m & 1) == 0 && k < 0) {
        m >>= 1;
        k++;
    }
    mp_obj_t num = mp_obj_new_int_from_ull(m);
    mp_obj_t den = MP_OBJ_NEW_SMALL_INT(1);
    if (m == 0) {
        k = 0;
    }
    if (k > 0) {
        num = mp_binary_op(MP_BINARY_OP_LSHIFT, num, MP_OBJ_NEW_SMALL_INT(k));
    } else if (k < 0) {
        den = mp_binary_op(MP_BINARY_OP_LSHIFT, den, MP_OBJ_NEW_SMALL_INT(-k));
    }
    if (signbit(x) && m != 0) {
        num = mp_unary_op(MP_UNARY_OP_NEGATIVE, num);
    }
    mp_obj_t items[2] = {num, den};
    return mp_obj_new_tuple(2, items);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_float_as_integer_ratio_obj, float_as_integer_ratio);

static mp_obj_t float_hex(mp_obj_t self) {
    mp_float_t x = float_self(self);
    vstr_t out;
    vstr_init(&out, 24);
    if (isnan(x)) {
        vstr_add_str(&out, "nan");
    } else if (isinf(x)) {
        vstr_add_str(&out, x < 0 ? "-inf" : "inf");
    } else {
        if (signbit(x)) {
            vstr_add_byte(&out, '-');
        }
        union {
            double d;
            uint64_t u;
        } bits = {.d = fabs(x)};
        uint64_t mantissa = bits.u & ((1ULL << 52) - 1);
        int exponent = (int)(bits.u >> 52);
        if (exponent == 0 && mantissa == 0) {
            vstr_add_str(&out, "0x0.0p+0");
        } else {
            // normal: 0x1.<13 hex digits>p<exp>; subnormal: 0x0.<13 hex digits>p-1022
            vstr_printf(&out, "0x%c.", exponent == 0 ? '0' : '1');
            for (int shift = 48; shift >= 0; shift -= 4) {
                vstr_add_byte(&out, "0123456789abcdef"[(mantissa >> shift) & 0xf]);
            }
            int e = exponent == 0 ? -1022 : exponent - 1023;
            vstr_printf(&out, "p%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        }
    }
    return mp_obj_new_str_from_vstr(&out);
}
MP_DEFINE_CONST_FUN_OBJ_1(mp_float_hex_obj, float_hex);

static bool hex_digit(byte c, unsigned *value) {
    if (unichar_isxdigit(c)) {
        *value = unichar_xdigit_value(c);
        return true;
    }
    return false;
}

static bool word_at(const byte **p, const byte *top, const char *word) {
    size_t len = strlen(word);
    if ((size_t)(top - *p) < len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (unichar_tolower((*p)[i]) != (byte)word[i]) {
            return false;
        }
    }
    *p += len;
    return true;
}

NORETURN static void fromhex_invalid(void) {
    mp_raise_ValueError(MP_ERROR_TEXT("invalid hexadecimal floating-point string"));
}

// float.fromhex(string), as CPython: [sign] ['0x'] digits ['.' digits] ['p' [sign] decimal digits], or inf,
// infinity, nan; surrounding whitespace allowed. The value is rounded half to even to the nearest double
// (subnormals included) from the exact value of all its digits.
static mp_float_t float_parse_hex(const byte *p, const byte *top) {
    while (p < top && unichar_isspace(*p)) {
        p++;
    }
    while (top > p && unichar_isspace(top[-1])) {
        top--;
    }
    bool negative = false;
    if (p < top && (*p == '+' || *p == '-')) {
        negative = *p++ == '-';
    }
    if (word_at(&p, top, "infinity") || word_at(&p, top, "inf")) {
        if (p != top) {
            fromhex_invalid();
        }
        return negative ? -(mp_float_t)INFINITY : (mp_float_t)INFINITY;
    }
    if (word_at(&p, top, "nan")) {
        if (p != top) {
            fromhex_invalid();
        }
        return (mp_float_t)NAN;
    }
    if (top - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
    }
    // The first 16 significant hex digits in `mantissa`, whether any later digit is nonzero in `sticky`;
    // the value is (mantissa + <1) * 2**(exponent + 4 * dropped digits - 4 * fraction digits).
    uint64_t mantissa = 0;
    int kept = 0, dropped = 0, fraction_digits = 0, digits = 0;
    bool sticky = false, point = false;
    for (; p < top; p++) {
        unsigned d;
        if (*p == '.' && !point) {
            point = true;
            continue;
        }
        if (!hex_digit(*p, &d)) {
            break;
        }
        digits++;
        fraction_digits += point;
        if (kept == 0 && d == 0) {
            continue; // leading zeros
        }
        if (kept < 16) {
            mantissa = mantissa << 4 | d;
            kept++;
        } else {
            dropped++;
            sticky |= d != 0;
        }
    }
    if (digits == 0) {
        fromhex_invalid();
    }
    long exponent = 0;
    if (p < top && (*p == 'p' || *p == 'P')) {
        p++;
        bool exponent_negative = false;
        if (p < top && (*p == '+' || *p == '-')) {
            exponent_negative = *p++ == '-';
        }
        if (p == top || !unichar_isdigit(*p)) {
            fromhex_invalid();
        }
        for (; p < top && unichar_isdigit(*p); p++) {
            if (exponent < 100000) { // beyond any double's range either way
                exponent = exponent * 10 + (*p - '0');
            }
        }
        if (exponent_negative) {
            exponent = -exponent;
        }
    }
    if (p != top) {
        fromhex_invalid();
    }
    if (mantissa == 0) {
        return negative ? -0.0 : 0.0;
    }
    long e = exponent + 4L * dropped - 4L * fraction_digits;
    int bit_length = 64 - __builtin_clzll(mantissa);
    long top_bit = e + bit_length - 1; // the exponent of the leading bit
    if (top_bit > 1023) {
        goto overflow;
    }
    // Bits the double keeps: 53, fewer for a subnormal result.
    long precision = top_bit >= -1022 ? 53 : 53 - (-1022 - top_bit);
    long shift = bit_length - precision;
    if (shift > 0) {
        uint64_t kept_bits, half, rest;
        if (shift >= 64) {
            kept_bits = 0;
            half = shift == 64 ? mantissa >> 63 : 0;
            rest = shift == 64 ? mantissa & ~(1ULL << 63) : mantissa;
        } else {
            kept_bits = mantissa >> shift;
            half = (mantissa >> (shift - 1)) & 1;
            rest = mantissa & ((1ULL << (shift - 1)) - 1);
        }
        if (half && (rest != 0 || sticky || (kept_bits & 1))) {
            kept_bits++;
        }
        mantissa = kept_bits;
        e += shift;
    }
    mp_float_t x = ldexp((mp_float_t)mantissa, (int)e);
    if (isinf(x)) {
        goto overflow;
    }
    return negative ? -x : x;
overflow:
    mp_raise_msg(&mp_type_OverflowError, MP_ERROR_TEXT("hexadecimal value too large to represent as a float"));
}

static mp_obj_t float_fromhex(mp_obj_t cls, mp_obj_t string) {
    if (!mp_obj_is_str(string)) {
        mp_raise_TypeError(MP_ERROR_TEXT("bad argument type for built-in operation"));
    }
    GET_STR_DATA_LEN(string, data, len);
    mp_obj_t value = mp_obj_new_float(float_parse_hex(data, data + len));
    return cls == MP_OBJ_FROM_PTR(&mp_type_float) ? value : mp_call_function_1(cls, value);
}
static MP_DEFINE_CONST_FUN_OBJ_2(float_fromhex_fun_obj, float_fromhex);
MP_DEFINE_CONST_CLASSMETHOD_OBJ(mp_float_fromhex_obj, MP_ROM_PTR(&float_fromhex_fun_obj));

// ---- exact comparison of a big int with a float -----------------------------------------------------------

// The sign of big_int - x: -1, 0 or 1; 2 when x is NaN (unordered).
int mp_int_float_compare(mp_obj_t big_int, mp_float_t x) {
    if (isnan(x)) {
        return 2;
    }
    if (isinf(x)) {
        return x > 0 ? -1 : 1;
    }
    mpz_t tmp;
    mpz_dig_t digits[MPZ_NUM_DIG_FOR_INT];
    const mpz_t *z = int_as_mpz(big_int, &tmp, digits);
    uint64_t m;
    int k;
    mp_float_binary_parts(fabs(x), &m, &k);
    mpz_t lhs, rhs;
    mpz_init_zero(&lhs);
    mpz_set(&lhs, z);
    mpz_init_zero(&rhs);
    mpz_set_from_ll(&rhs, (long long)m, false);
    if (signbit(x)) {
        mpz_neg_inpl(&rhs, &rhs);
    }
    if (k >= 0) {
        mpz_shl_inpl(&rhs, &rhs, k);
    } else {
        mpz_shl_inpl(&lhs, &lhs, -k);
    }
    int c = mpz_cmp(&lhs, &rhs);
    mpz_deinit(&rhs);
    mpz_deinit(&lhs);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// A comparison op's result for cmp = sign(lhs - rhs) (2: unordered); MP_OBJ_NULL when op is not one.
mp_obj_t mp_compare_result(mp_binary_op_t op, int cmp) {
    switch (op) {
        case MP_BINARY_OP_LESS:
            return mp_obj_new_bool(cmp == -1);
        case MP_BINARY_OP_MORE:
            return mp_obj_new_bool(cmp == 1);
        case MP_BINARY_OP_EQUAL:
            return mp_obj_new_bool(cmp == 0);
        case MP_BINARY_OP_LESS_EQUAL:
            return mp_obj_new_bool(cmp == -1 || cmp == 0);
        case MP_BINARY_OP_MORE_EQUAL:
            return mp_obj_new_bool(cmp == 1 || cmp == 0);
        default:
            return MP_OBJ_NULL;
    }
}

// ---- pow(base, exp, mod) ----------------------------------------------------------------------------------

// pow(base, exp, mod) for a negative exp: pow(inverse of base modulo mod, -exp, mod), as CPython 3.8+.
mp_obj_t mp_int_pow3_negative(mp_obj_t base, mp_obj_t exponent, mp_obj_t modulus) {
    mp_obj_t m = mp_unary_op(MP_UNARY_OP_ABS, modulus);
    // extended Euclid on (base mod m, m)
    mp_obj_t a = mp_binary_op(MP_BINARY_OP_MODULO, base, m);
    mp_obj_t b = m;
    mp_obj_t x0 = MP_OBJ_NEW_SMALL_INT(1), x1 = MP_OBJ_NEW_SMALL_INT(0);
    while (mp_obj_is_true(b)) {
        mp_obj_t q = mp_binary_op(MP_BINARY_OP_FLOOR_DIVIDE, a, b);
        mp_obj_t r = mp_binary_op(MP_BINARY_OP_SUBTRACT, a, mp_binary_op(MP_BINARY_OP_MULTIPLY, q, b));
        a = b;
        b = r;
        mp_obj_t x2 = mp_binary_op(MP_BINARY_OP_SUBTRACT, x0, mp_binary_op(MP_BINARY_OP_MULTIPLY, q, x1));
        x0 = x1;
        x1 = x2;
    }
    if (!mp_obj_equal(a, MP_OBJ_NEW_SMALL_INT(1))) {
        mp_raise_ValueError(MP_ERROR_TEXT("base is not invertible for the given modulus"));
    }
    mp_obj_t inverse = mp_binary_op(MP_BINARY_OP_MODULO, x0, m);
    mp_obj_t positive_exp = mp_unary_op(MP_UNARY_OP_NEGATIVE, exponent);
    mp_obj_t args[3] = {inverse, positive_exp, modulus};
    return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&mp_builtin_pow_obj), 3, 0, args);
}
