// The unicodedata module: CPython 3.11's functions over the Unicode 14.0.0 tables of port/unicode_db.c.
// What is missing: ucd_3_2_0 (the Unicode 3.2 database that IDNA encoding uses).
#include <string.h>

#include "py/runtime.h"
#include "py/objstr.h"
#include "unicode_db.h"

// The one character of `arg`, with CPython's TypeError naming the function (and the argument when the
// function takes several).
static unichar one_character(mp_obj_t arg, const char *function, const char *argument) {
    if (mp_obj_is_str(arg)) {
        GET_STR_DATA_LEN(arg, data, len);
        if (len > 0 && utf8_next_char(data) == data + len) {
            return utf8_get_char(data);
        }
    }
    mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() argument %smust be a unicode character, not %s"),
        function, argument, mp_obj_get_type_str(arg));
}

static mp_obj_t unicodedata_category(mp_obj_t chr) {
    const unicode_record_t *r = unicode_record(one_character(chr, "category", ""));
    return MP_OBJ_NEW_QSTR(qstr_from_str(unicode_category_name(r)));
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_category_obj, unicodedata_category);

static mp_obj_t unicodedata_bidirectional(mp_obj_t chr) {
    const unicode_record_t *r = unicode_record(one_character(chr, "bidirectional", ""));
    return MP_OBJ_NEW_QSTR(qstr_from_str(unicode_bidi_name(r)));
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_bidirectional_obj, unicodedata_bidirectional);

static mp_obj_t unicodedata_east_asian_width(mp_obj_t chr) {
    const unicode_record_t *r = unicode_record(one_character(chr, "east_asian_width", ""));
    return MP_OBJ_NEW_QSTR(qstr_from_str(unicode_east_asian_width_name(r)));
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_east_asian_width_obj, unicodedata_east_asian_width);

static mp_obj_t unicodedata_combining(mp_obj_t chr) {
    return MP_OBJ_NEW_SMALL_INT(unicode_record(one_character(chr, "combining", ""))->combining);
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_combining_obj, unicodedata_combining);

static mp_obj_t unicodedata_mirrored(mp_obj_t chr) {
    bool mirrored = unicode_record(one_character(chr, "mirrored", ""))->flags & UNICODE_FLAG_MIRRORED;
    return MP_OBJ_NEW_SMALL_INT(mirrored);
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_mirrored_obj, unicodedata_mirrored);

static mp_obj_t unicodedata_decomposition(mp_obj_t chr) {
    unichar codes[UNICODE_DECOMPOSITION_MAX];
    const char *tag;
    size_t len = unicode_decomposition(one_character(chr, "decomposition", ""), codes, &tag);
    vstr_t vstr;
    vstr_init(&vstr, 16);
    if (len > 0) {
        vstr_add_str(&vstr, tag);
        for (size_t i = 0; i < len; i++) {
            vstr_printf(&vstr, "%s%04X", vstr.len ? " " : "", (unsigned)codes[i]);
        }
    }
    return mp_obj_new_str_from_vstr(&vstr);
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_decomposition_obj, unicodedata_decomposition);

// decimal, digit, numeric: the value, else the default, else ValueError(message).
static mp_obj_t number_or_default(size_t n_args, const mp_obj_t *args, const char *function, uint16_t flag,
    mp_rom_error_text_t message) {
    const unicode_record_t *r = unicode_record(one_character(args[0], function, "1 "));
    if (r->flags & flag) {
        if (flag == UNICODE_FLAG_NUMERIC) {
            return mp_obj_new_float(unicode_numeric_value(r));
        }
        return MP_OBJ_NEW_SMALL_INT(r->digit);
    }
    if (n_args > 1) {
        return args[1];
    }
    mp_raise_ValueError(message);
}

static mp_obj_t unicodedata_decimal(size_t n_args, const mp_obj_t *args) {
    return number_or_default(n_args, args, "decimal", UNICODE_FLAG_DECIMAL, MP_ERROR_TEXT("not a decimal"));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(unicodedata_decimal_obj, 1, 2, unicodedata_decimal);

static mp_obj_t unicodedata_digit(size_t n_args, const mp_obj_t *args) {
    return number_or_default(n_args, args, "digit", UNICODE_FLAG_DIGIT, MP_ERROR_TEXT("not a digit"));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(unicodedata_digit_obj, 1, 2, unicodedata_digit);

static mp_obj_t unicodedata_numeric(size_t n_args, const mp_obj_t *args) {
    return number_or_default(n_args, args, "numeric", UNICODE_FLAG_NUMERIC,
        MP_ERROR_TEXT("not a numeric character"));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(unicodedata_numeric_obj, 1, 2, unicodedata_numeric);

static mp_obj_t unicodedata_name(size_t n_args, const mp_obj_t *args) {
    unichar c = one_character(args[0], "name", "1 ");
    vstr_t vstr;
    vstr_init(&vstr, 32);
    if (unicode_name(c, &vstr)) {
        return mp_obj_new_str_from_vstr(&vstr);
    }
    vstr_clear(&vstr);
    if (n_args > 1) {
        return args[1];
    }
    mp_raise_ValueError(MP_ERROR_TEXT("no such name"));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(unicodedata_name_obj, 1, 2, unicodedata_name);

#define NAME_MAX_LENGTH (256)

static mp_obj_t unicodedata_lookup(mp_obj_t name_in) {
    mp_buffer_info_t name;
    if (mp_obj_is_str(name_in)) {
        GET_STR_DATA_LEN(name_in, data, len);
        name.buf = (void *)data;
        name.len = len;
    } else if (!mp_get_buffer(name_in, &name, MP_BUFFER_READ)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("a bytes-like object is required, not '%s'"),
            mp_obj_get_type_str(name_in));
    }
    if (name.len > NAME_MAX_LENGTH) {
        mp_raise_type_arg(&mp_type_KeyError, mp_obj_new_str_from_cstr("name too long"));
    }
    vstr_t vstr;
    vstr_init(&vstr, 8);
    if (unicode_lookup(name.buf, name.len, &vstr)) {
        return mp_obj_new_str_from_vstr(&vstr);
    }
    vstr_reset(&vstr);
    vstr_printf(&vstr, "undefined character name '%.*s'", (int)name.len, (const char *)name.buf);
    mp_raise_type_arg(&mp_type_KeyError, mp_obj_new_str_from_vstr(&vstr));
}
static MP_DEFINE_CONST_FUN_OBJ_1(unicodedata_lookup_obj, unicodedata_lookup);

// ---- normalization (UAX #15) ----------------------------------------------------------------------------

typedef struct {
    unichar *items;
    size_t len;
    size_t alloc;
} code_buffer_t;

static void buffer_add(code_buffer_t *buf, unichar c) {
    if (buf->len == buf->alloc) {
        size_t grown = buf->alloc * 2;
        buf->items = m_renew(unichar, buf->items, buf->alloc, grown);
        buf->alloc = grown;
    }
    buf->items[buf->len++] = c;
}

#define HANGUL_S_BASE (0xac00)
#define HANGUL_S_COUNT (11172)
#define HANGUL_T_COUNT (28)
#define HANGUL_N_COUNT (588)

// The full decomposition of c (canonical, or compatibility too), recursively.
static void decompose(code_buffer_t *buf, unichar c, bool compatibility) {
    if (c - HANGUL_S_BASE < HANGUL_S_COUNT) {
        unichar s = c - HANGUL_S_BASE;
        buffer_add(buf, 0x1100 + s / HANGUL_N_COUNT);
        buffer_add(buf, 0x1161 + s % HANGUL_N_COUNT / HANGUL_T_COUNT);
        if (s % HANGUL_T_COUNT) {
            buffer_add(buf, 0x11a7 + s % HANGUL_T_COUNT);
        }
        return;
    }
    unichar codes[UNICODE_DECOMPOSITION_MAX];
    const char *tag;
    size_t len = unicode_decomposition(c, codes, &tag);
    if (len > 0 && (compatibility || tag[0] == '\0')) {
        for (size_t i = 0; i < len; i++) {
            decompose(buf, codes[i], compatibility);
        }
    } else {
        buffer_add(buf, c);
    }
}

static uint8_t combining_class(unichar c) {
    return unicode_record(c)->combining;
}

// Canonical ordering: each run of non-starters sorted by combining class, stably (insertion sort; runs are
// short).
static void canonical_order(code_buffer_t *buf) {
    for (size_t i = 1; i < buf->len; i++) {
        unichar c = buf->items[i];
        uint8_t cc = combining_class(c);
        if (cc == 0) {
            continue;
        }
        size_t j = i;
        while (j > 0) {
            uint8_t previous = combining_class(buf->items[j - 1]);
            if (previous == 0 || previous <= cc) {
                break;
            }
            buf->items[j] = buf->items[j - 1];
            j--;
        }
        buf->items[j] = c;
    }
}

// Canonical composition: each character that is not blocked from the last starter and forms a primary
// composite with it is merged into it.
static void compose(code_buffer_t *buf) {
    if (buf->len == 0) {
        return;
    }
    size_t starter = 0, out = 1;
    int last_class = combining_class(buf->items[0]) ? 256 : 0;
    for (size_t i = 1; i < buf->len; i++) {
        unichar c = buf->items[i];
        int cc = combining_class(c);
        unichar composite = unicode_compose(buf->items[starter], c);
        if (composite != 0 && (last_class < cc || last_class == 0)) {
            buf->items[starter] = composite;
            continue;
        }
        if (cc == 0) {
            starter = out;
        }
        last_class = cc;
        buf->items[out++] = c;
    }
    buf->len = out;
}

// The form's number: 0 NFC, 1 NFKC, 2 NFD, 3 NFKD (bit 0 compatibility, bit 1 decomposed).
static int normalization_form(mp_obj_t form, const char *function) {
    if (!mp_obj_is_str(form)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() argument 1 must be str, not %s"), function,
            mp_obj_get_type_str(form));
    }
    static const char *const forms[] = {"NFC", "NFKC", "NFD", "NFKD"};
    const char *name = mp_obj_str_get_str(form);
    for (int i = 0; i < 4; i++) {
        if (strcmp(name, forms[i]) == 0) {
            return i;
        }
    }
    mp_raise_ValueError(MP_ERROR_TEXT("invalid normalization form"));
}

static mp_obj_t normalize(mp_obj_t form_in, mp_obj_t text, const char *function) {
    int form = normalization_form(form_in, function);
    if (!mp_obj_is_str(text)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() argument 2 must be str, not %s"), function,
            mp_obj_get_type_str(text));
    }
    GET_STR_DATA_LEN(text, data, len);
    size_t i = 0;
    while (i < len && data[i] < 0x80) {
        i++;
    }
    if (i == len) {
        return text; // ASCII is unchanged by every form
    }
    code_buffer_t buf = {m_new(unichar, len + 4), 0, len + 4};
    for (const byte *p = data; p < data + len; p = utf8_next_char(p)) {
        decompose(&buf, utf8_get_char(p), form & 1);
    }
    canonical_order(&buf);
    if (!(form & 2)) {
        compose(&buf);
    }
    vstr_t vstr;
    vstr_init(&vstr, len);
    for (size_t k = 0; k < buf.len; k++) {
        vstr_add_char(&vstr, buf.items[k]);
    }
    m_del(unichar, buf.items, buf.alloc);
    return mp_obj_new_str_from_vstr(&vstr);
}

static mp_obj_t unicodedata_normalize(mp_obj_t form, mp_obj_t text) {
    return normalize(form, text, "normalize");
}
static MP_DEFINE_CONST_FUN_OBJ_2(unicodedata_normalize_obj, unicodedata_normalize);

static mp_obj_t unicodedata_is_normalized(mp_obj_t form, mp_obj_t text) {
    return mp_obj_new_bool(mp_obj_equal(normalize(form, text, "is_normalized"), text));
}
static MP_DEFINE_CONST_FUN_OBJ_2(unicodedata_is_normalized_obj, unicodedata_is_normalized);

static const MP_DEFINE_STR_OBJ(unicodedata_version_obj, "14.0.0");

static const mp_rom_map_elem_t unicodedata_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_unicodedata) },
    { MP_ROM_QSTR(MP_QSTR_unidata_version), MP_ROM_PTR(&unicodedata_version_obj) },
    { MP_ROM_QSTR(MP_QSTR_lookup), MP_ROM_PTR(&unicodedata_lookup_obj) },
    { MP_ROM_QSTR(MP_QSTR_name), MP_ROM_PTR(&unicodedata_name_obj) },
    { MP_ROM_QSTR(MP_QSTR_decimal), MP_ROM_PTR(&unicodedata_decimal_obj) },
    { MP_ROM_QSTR(MP_QSTR_digit), MP_ROM_PTR(&unicodedata_digit_obj) },
    { MP_ROM_QSTR(MP_QSTR_numeric), MP_ROM_PTR(&unicodedata_numeric_obj) },
    { MP_ROM_QSTR(MP_QSTR_category), MP_ROM_PTR(&unicodedata_category_obj) },
    { MP_ROM_QSTR(MP_QSTR_bidirectional), MP_ROM_PTR(&unicodedata_bidirectional_obj) },
    { MP_ROM_QSTR(MP_QSTR_combining), MP_ROM_PTR(&unicodedata_combining_obj) },
    { MP_ROM_QSTR(MP_QSTR_east_asian_width), MP_ROM_PTR(&unicodedata_east_asian_width_obj) },
    { MP_ROM_QSTR(MP_QSTR_mirrored), MP_ROM_PTR(&unicodedata_mirrored_obj) },
    { MP_ROM_QSTR(MP_QSTR_decomposition), MP_ROM_PTR(&unicodedata_decomposition_obj) },
    { MP_ROM_QSTR(MP_QSTR_normalize), MP_ROM_PTR(&unicodedata_normalize_obj) },
    { MP_ROM_QSTR(MP_QSTR_is_normalized), MP_ROM_PTR(&unicodedata_is_normalized_obj) },
};
static MP_DEFINE_CONST_DICT(unicodedata_module_globals, unicodedata_module_globals_table);

const mp_obj_module_t mp_module_unicodedata = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&unicodedata_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_unicodedata, mp_module_unicodedata);
