// Number and format-spec formatting as CPython 3.11 does it (port/numformat.c), called from MicroPython's
// str.format / f-strings (patch 0051), the % operator (patch 0052), round() (patch 0053) and format().
#ifndef MICROPY_INCLUDED_PORT_NUMFORMAT_H
#define MICROPY_INCLUDED_PORT_NUMFORMAT_H

#include "py/obj.h"
#include "py/mpprint.h"

// format(arg, spec): the format-spec mini-language for int (and bool), float and str (and their
// subclasses), a user class's __format__, and object.__format__'s TypeError for any other non-empty spec.
void mp_format_with_spec(const mp_print_t *print, mp_obj_t arg, const char *spec, size_t spec_len);

// One %-conversion of the % operator for the numeric conversions d i u o x X e E f F g G (flags as parsed
// by str_modulo_format: '-', '+', ' ', '#', '0'; width; prec < 0 when absent).
void mp_format_percent_number(const mp_print_t *print, mp_obj_t arg, char conversion, bool left, char sign,
    bool alt, bool zero, int width, int prec);

// One %-conversion of the % operator for c r s a (text): widths and precisions count code points.
void mp_format_percent_text(const mp_print_t *print, mp_obj_t arg, char conversion, bool is_bytes, bool left,
    int width, int prec);

// round(x, ndigits) for a float: the exact binary value rounded half to even at 10^-ndigits, as CPython.
mp_obj_t mp_float_round_ndigits(mp_float_t x, mp_int_t ndigits);

#endif // MICROPY_INCLUDED_PORT_NUMFORMAT_H
