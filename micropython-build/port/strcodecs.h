// Text encodings for str.encode, bytes.decode and the str/bytes/bytearray constructors (patch 0148),
// as CPython 3.11's codecs: utf-8, utf-8-sig, ascii, latin-1, cp1252, utf-16 and utf-32 (with and
// without byte order), their aliases, the error handlers and CPython's UnicodeError messages.
#ifndef MICROPY_INCLUDED_PORT_STRCODECS_H
#define MICROPY_INCLUDED_PORT_STRCODECS_H

#include "py/obj.h"

// str.encode(self, encoding='utf-8', errors='strict') and bytes/bytearray.decode(self, ...).
mp_obj_t mp_codecs_str_encode(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args);
mp_obj_t mp_codecs_bytes_decode(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args);

// str(object, encoding, errors) and bytes/bytearray(source, encoding, errors) once an encoding or
// errors argument is given (by position or keyword): the arguments as make_new receives them.
mp_obj_t mp_codecs_str_new(size_t n_args, size_t n_kw, const mp_obj_t *args);
mp_obj_t mp_codecs_bytes_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args);

#endif
