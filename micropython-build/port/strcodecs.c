// Text encodings as CPython 3.11 has them (patch 0148): MicroPython knew UTF-8 only and read any other
// encoding argument as UTF-8, so `'é'.encode('ascii')` returned UTF-8 bytes and `b'\xe9'.decode('latin-1')`
// failed. The codecs here are the ones data work meets (utf-8, utf-8-sig, ascii, latin-1, cp1252, utf-16,
// utf-32), found under every alias CPython's `encodings` package knows for them; the error handlers are
// CPython's (strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace), looked up only
// when an error happens, as CPython does; messages and error ranges are the C codecs' of CPython.
#include <string.h>

#include "py/runtime.h"
#include "py/objstr.h"
#include "py/unicode.h"
#include "unicode_db.h"
#include "strcodecs.h"

enum {
    CODEC_UTF8, CODEC_UTF8_SIG, CODEC_ASCII, CODEC_LATIN1, CODEC_CP1252,
    CODEC_UTF16, CODEC_UTF16_LE, CODEC_UTF16_BE, CODEC_UTF32, CODEC_UTF32_LE, CODEC_UTF32_BE,
    CODEC_BINARY, // a codec CPython has but str.encode/bytes.decode refuse (base64, hex, rot13 ...)
};

// Names after CPython's encodings.normalize_encoding (lower case, runs of other characters than letters,
// digits and '.' made one '_'), with the aliases of encodings/aliases.py for these codecs.
static const struct {
    const char *name;
    uint8_t codec;
} codec_names[] = {
    {"utf_8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
    {"utf8_ucs2", CODEC_UTF8}, {"utf8_ucs4", CODEC_UTF8}, {"cp65001", CODEC_UTF8},
    {"utf_8_sig", CODEC_UTF8_SIG},
    {"ascii", CODEC_ASCII}, {"us_ascii", CODEC_ASCII}, {"646", CODEC_ASCII}, {"ansi_x3.4_1968", CODEC_ASCII},
    {"ansi_x3_4_1968", CODEC_ASCII}, {"ansi_x3.4_1986", CODEC_ASCII}, {"cp367", CODEC_ASCII},
    {"csascii", CODEC_ASCII}, {"ibm367", CODEC_ASCII}, {"iso646_us", CODEC_ASCII},
    {"iso_646.irv_1991", CODEC_ASCII}, {"iso_ir_6", CODEC_ASCII}, {"us", CODEC_ASCII},
    {"latin_1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1}, {"l1", CODEC_LATIN1},
    {"iso8859_1", CODEC_LATIN1}, {"iso_8859_1", CODEC_LATIN1}, {"iso8859", CODEC_LATIN1},
    {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1}, {"csisolatin1", CODEC_LATIN1}, {"ibm819", CODEC_LATIN1},
    {"iso_8859_1_1987", CODEC_LATIN1}, {"iso_ir_100", CODEC_LATIN1},
    {"cp1252", CODEC_CP1252}, {"windows_1252", CODEC_CP1252}, {"1252", CODEC_CP1252},
    {"utf_16", CODEC_UTF16}, {"utf16", CODEC_UTF16}, {"u16", CODEC_UTF16},
    {"utf_16_le", CODEC_UTF16_LE}, {"utf_16le", CODEC_UTF16_LE}, {"unicodelittleunmarked", CODEC_UTF16_LE},
    {"utf_16_be", CODEC_UTF16_BE}, {"utf_16be", CODEC_UTF16_BE}, {"unicodebigunmarked", CODEC_UTF16_BE},
    {"utf_32", CODEC_UTF32}, {"utf32", CODEC_UTF32}, {"u32", CODEC_UTF32},
    {"utf_32_le", CODEC_UTF32_LE}, {"utf_32le", CODEC_UTF32_LE},
    {"utf_32_be", CODEC_UTF32_BE}, {"utf_32be", CODEC_UTF32_BE},
    {"base64_codec", CODEC_BINARY}, {"base64", CODEC_BINARY}, {"base_64", CODEC_BINARY},
    {"hex_codec", CODEC_BINARY}, {"hex", CODEC_BINARY}, {"rot_13", CODEC_BINARY}, {"rot13", CODEC_BINARY},
    {"zlib_codec", CODEC_BINARY}, {"zlib", CODEC_BINARY}, {"zip", CODEC_BINARY},
    {"bz2_codec", CODEC_BINARY}, {"bz2", CODEC_BINARY}, {"uu_codec", CODEC_BINARY}, {"uu", CODEC_BINARY},
    {"quopri_codec", CODEC_BINARY}, {"quopri", CODEC_BINARY}, {"quoted_printable", CODEC_BINARY},
    {"quotedprintable", CODEC_BINARY},
};

// cp1252's characters for the bytes 0x80-0x9f (0: undefined); the other bytes are latin-1's.
static const uint16_t cp1252_high[32] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

enum { ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLCHARREF, ERR_NAMEREPLACE, ERR_SURROGATE, ERR_UNKNOWN };

typedef struct {
    const char *func; // the function named in argument errors: "encode", "str" ...
    uint8_t codec;
    bool registry; // CPython finds this name through its codec registry, not its C fast path (see below)
    mp_obj_t encoding; // as given, for messages; MP_OBJ_NULL = the default utf-8
    mp_obj_t errors; // MP_OBJ_NULL = strict
} codec_call_t;

static bool decoding(const codec_call_t *call) {
    return call->func[0] == 'd' || call->func[0] == 's'; // decode(), str()
}

static const char *arg_str(const codec_call_t *call, mp_obj_t arg, const char *name, size_t *len) {
    mp_obj_t s = mp_obj_is_str(arg) ? arg : mp_obj_cast_to_native_base(arg, MP_OBJ_FROM_PTR(&mp_type_str));
    if (s == MP_OBJ_NULL) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() argument '%s' must be str, not %s"),
            call->func, name, arg == mp_const_none ? "None" : mp_obj_get_type_str(arg));
    }
    const char *data = mp_obj_str_get_data(s, len);
    if (memchr(data, 0, *len) != NULL) {
        mp_raise_ValueError(MP_ERROR_TEXT("embedded null character"));
    }
    return data;
}

static void resolve_codec(codec_call_t *call) {
    call->codec = CODEC_UTF8;
    call->registry = false;
    if (call->encoding == MP_OBJ_NULL) {
        return;
    }
    size_t len;
    const char *name = arg_str(call, call->encoding, "encoding", &len);
    // encodings.normalize_encoding, then its second try with '.' read as '_'
    char norm[40];
    size_t n = 0;
    bool pending = false, no_match = false; // no_match: the name cannot be a codec's
    for (size_t i = 0; i < len; ++i) {
        byte c = name[i];
        if (c >= 0x80) { // CPython keeps non-ASCII letters, so no codec name matches
            no_match = true;
            break;
        }
        if (unichar_isalnum(c) || c == '.') {
            if (pending && n > 0) {
                norm[n++] = '_';
            }
            pending = false;
            norm[n++] = unichar_tolower(c);
        } else {
            pending = true;
        }
        if (n >= sizeof(norm) - 2) {
            no_match = true;
            break;
        }
    }
    // CPython's str.encode/bytes.decode call these names' C codecs directly; any other name goes through
    // its codec registry, which wraps a LookupError or TypeError of the error handler in another
    static const char *const fast_names[] = {
        "utf8", "utf_8", "utf16", "utf_16", "utf32", "utf_32", "ascii", "us_ascii", "latin1", "latin_1",
        "iso_8859_1", "iso8859_1",
    };
    call->registry = true;
    for (size_t i = 0; !no_match && i < MP_ARRAY_SIZE(fast_names); ++i) {
        if (strlen(fast_names[i]) == n && memcmp(fast_names[i], norm, n) == 0) {
            call->registry = false;
        }
    }
    for (int attempt = 0; !no_match && attempt < 2; ++attempt) {
        if (attempt == 1) {
            for (size_t i = 0; i < n; ++i) {
                norm[i] = norm[i] == '.' ? '_' : norm[i];
            }
        }
        for (size_t i = 0; i < MP_ARRAY_SIZE(codec_names); ++i) {
            if (strlen(codec_names[i].name) == n && memcmp(codec_names[i].name, norm, n) == 0) {
                call->codec = codec_names[i].codec;
                if (call->codec == CODEC_BINARY) {
                    mp_raise_msg_varg(&mp_type_LookupError,
                        MP_ERROR_TEXT("'%.*s' is not a text encoding; use codecs.%s() to handle arbitrary codecs"),
                        (int)len, name, decoding(call) ? "decode" : "encode");
                }
                return;
            }
        }
    }
    mp_raise_msg_varg(&mp_type_LookupError, MP_ERROR_TEXT("unknown encoding: %.*s"), (int)len, name);
}

// The types of encoding and errors are checked at once, the names when they are used (CPython finds an
// unknown error handler only when an error happens).
static void check_arg_types(const codec_call_t *call) {
    size_t len;
    if (call->encoding != MP_OBJ_NULL) {
        arg_str(call, call->encoding, "encoding", &len);
    }
    if (call->errors != MP_OBJ_NULL) {
        arg_str(call, call->errors, "errors", &len);
    }
}

// The error handler, looked up when an error happens (CPython accepts any name until then).
static int error_handler(const codec_call_t *call) {
    if (call->errors == MP_OBJ_NULL) {
        return ERR_STRICT;
    }
    size_t len;
    const char *name = arg_str(call, call->errors, "errors", &len);
    static const char *const names[] = {
        "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace",
    };
    for (size_t i = 0; i < MP_ARRAY_SIZE(names); ++i) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            return i;
        }
    }
    if ((len == 15 && memcmp(name, "surrogateescape", 15) == 0) || (len == 13 && memcmp(name, "surrogatepass", 13) == 0)) {
        // they would make lone surrogates, which MicroPython's strings cannot hold: an error stays an error
        return ERR_SURROGATE;
    }
    return ERR_UNKNOWN;
}

// An error of the error handler: a codec CPython reaches through its registry names itself in the message.
static NORETURN void handler_failed(const codec_call_t *call, const mp_obj_type_t *type, const char *message) {
    if (!call->registry) {
        mp_raise_msg_varg(type, MP_ERROR_TEXT("%s"), message);
    }
    size_t len;
    const char *name = arg_str(call, call->encoding, "encoding", &len);
    mp_raise_msg_varg(type, MP_ERROR_TEXT("%s with '%.*s' codec failed (%q: %s)"),
        decoding(call) ? "decoding" : "encoding", (int)len, name, type->name, message);
}

static NORETURN void unknown_handler(const codec_call_t *call) {
    size_t len;
    const char *name = arg_str(call, call->errors, "errors", &len);
    vstr_t message;
    vstr_init(&message, 40);
    vstr_printf(&message, "unknown error handler name '%.*s'", (int)len, name);
    handler_failed(call, &mp_type_LookupError, vstr_null_terminated_str(&message));
}

/******************************************************************************/
// Decoding: bytes to a UTF-8 vstr.

typedef struct {
    const codec_call_t *call;
    const char *codec_name;
    const byte *data;
    size_t len;
    vstr_t out;
    int handler; // -1 until the first error
} decoder_t;

static void decode_error(decoder_t *d, size_t start, size_t end, const char *reason) {
    if (d->handler < 0) {
        d->handler = error_handler(d->call);
    }
    switch (d->handler) {
        case ERR_IGNORE:
            return;
        case ERR_REPLACE:
            vstr_add_str(&d->out, "\xef\xbf\xbd");
            return;
        case ERR_BACKSLASH:
            for (size_t i = start; i < end; ++i) {
                vstr_printf(&d->out, "\\x%02x", d->data[i]);
            }
            return;
        case ERR_XMLCHARREF:
        case ERR_NAMEREPLACE:
            handler_failed(d->call, &mp_type_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
        case ERR_UNKNOWN:
            unknown_handler(d->call);
        default:
            break;
    }
    // CPython's exception: its attributes (encoding, object, start, end, reason) make the message (patch 0222)
    mp_raise_unicode_error(&mp_type_UnicodeDecodeError, d->codec_name, mp_obj_new_bytes(d->data, d->len), start, end,
        reason);
}

static void add_char(vstr_t *out, unichar c) {
    if (c < 0x80) {
        vstr_add_byte(out, c);
    } else {
        vstr_add_char(out, c);
    }
}

// The UTF-8 sequence at data[i] (>= 0x80): its length, or 0 with the error's end and reason as
// CPython's decoder reports them (the longest valid prefix of a sequence is one error).
static size_t utf8_sequence(const byte *data, size_t len, size_t i, size_t *end, const char **reason) {
    byte c = data[i];
    if (c < 0xc2 || c > 0xf4) {
        *end = i + 1;
        *reason = "invalid start byte";
        return 0;
    }
    size_t n = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    for (size_t k = 1; k <= n; ++k) {
        if (i + k >= len) {
            *end = len;
            *reason = "unexpected end of data";
            return 0;
        }
        byte lo = 0x80, hi = 0xbf, b = data[i + k];
        if (k == 1) {
            // overlong forms, surrogates (0xed 0xa0..) and code points beyond 0x10ffff
            lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        }
        if (b < lo || b > hi) {
            *end = i + k;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return n + 1;
}

// Whether data is UTF-8 as CPython reads it (no surrogates, overlong forms or code points past 0x10ffff).
static bool utf8_strict(const byte *data, size_t len) {
    for (size_t i = 0; i < len;) {
        if (data[i] < 0x80) {
            ++i;
            continue;
        }
        size_t end;
        const char *reason;
        size_t n = utf8_sequence(data, len, i, &end, &reason);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

static void decode_utf8(decoder_t *d) {
    const byte *data = d->data;
    for (size_t i = 0; i < d->len;) {
        size_t run = i;
        while (run < d->len && data[run] < 0x80) {
            ++run;
        }
        vstr_add_strn(&d->out, (const char *)data + i, run - i);
        i = run;
        if (i == d->len) {
            break;
        }
        size_t end;
        const char *reason;
        size_t n = utf8_sequence(data, d->len, i, &end, &reason);
        if (n) {
            vstr_add_strn(&d->out, (const char *)data + i, n);
            i += n;
        } else {
            decode_error(d, i, end, reason);
            i = end;
        }
    }
}

static void decode_bytewise(decoder_t *d, uint8_t codec) {
    for (size_t i = 0; i < d->len; ++i) {
        byte b = d->data[i];
        if (b < 0x80 || codec == CODEC_LATIN1 || (codec == CODEC_CP1252 && b >= 0xa0)) {
            add_char(&d->out, b);
        } else if (codec == CODEC_CP1252 && cp1252_high[b - 0x80] != 0) {
            add_char(&d->out, cp1252_high[b - 0x80]);
        } else {
            decode_error(d, i, i + 1, codec == CODEC_ASCII ? "ordinal not in range(128)" : "character maps to <undefined>");
        }
    }
}

static void decode_utf16(decoder_t *d, int big_endian) {
    const byte *data = d->data;
    size_t i = 0;
    if (big_endian < 0) { // utf-16: a byte order mark chooses, else little-endian (CPython's native order here)
        big_endian = 0;
        if (d->len >= 2 && data[0] == 0xfe && data[1] == 0xff) {
            big_endian = 1;
            i = 2;
        } else if (d->len >= 2 && data[0] == 0xff && data[1] == 0xfe) {
            i = 2;
        }
    }
    d->codec_name = big_endian ? "utf-16-be" : "utf-16-le";
    #define UNIT(p) (big_endian ? (data[p] << 8 | data[(p) + 1]) : (data[(p) + 1] << 8 | data[p]))
    while (i < d->len) {
        if (d->len - i < 2) {
            decode_error(d, i, d->len, "truncated data");
            break;
        }
        unichar c = UNIT(i);
        if (c < 0xd800 || c > 0xdfff) {
            add_char(&d->out, c);
            i += 2;
        } else if (c >= 0xdc00) {
            decode_error(d, i, i + 2, "illegal encoding");
            i += 2;
        } else if (d->len - i < 4) {
            decode_error(d, i, d->len, "unexpected end of data");
            break;
        } else {
            unichar c2 = UNIT(i + 2);
            if (c2 >= 0xdc00 && c2 <= 0xdfff) {
                add_char(&d->out, 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00));
                i += 4;
            } else {
                decode_error(d, i, i + 2, "illegal UTF-16 surrogate");
                i += 2;
            }
        }
    }
    #undef UNIT
}

static void decode_utf32(decoder_t *d, int big_endian) {
    const byte *data = d->data;
    size_t i = 0;
    if (big_endian < 0) {
        big_endian = 0;
        if (d->len >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0xfe && data[3] == 0xff) {
            big_endian = 1;
            i = 4;
        } else if (d->len >= 4 && data[0] == 0xff && data[1] == 0xfe && data[2] == 0 && data[3] == 0) {
            i = 4;
        }
    }
    d->codec_name = big_endian ? "utf-32-be" : "utf-32-le";
    while (i < d->len) {
        if (d->len - i < 4) {
            decode_error(d, i, d->len, "truncated data");
            break;
        }
        const byte *p = data + i;
        uint32_t c = big_endian ? ((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3])
                                : ((uint32_t)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0]);
        if (c > 0x10ffff) {
            decode_error(d, i, i + 4, "code point not in range(0x110000)");
        } else if (c >= 0xd800 && c <= 0xdfff) {
            decode_error(d, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
        } else {
            add_char(&d->out, c);
        }
        i += 4;
    }
}

// Decode data (source: the object it came from, shared when it is immutable bytes that decode to
// themselves) with call's codec and errors.
static mp_obj_t decode(codec_call_t *call, mp_obj_t source, const byte *data, size_t len) {
    check_arg_types(call);
    resolve_codec(call);
    uint8_t codec = call->codec;
    if (codec == CODEC_UTF8_SIG && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        len -= 3;
        source = MP_OBJ_NULL;
    }
    if ((codec == CODEC_UTF8 || codec == CODEC_UTF8_SIG) && utf8_strict(data, len)) {
        qstr q = qstr_find_strn((const char *)data, len);
        if (q != MP_QSTRnull) {
            return MP_OBJ_NEW_QSTR(q);
        }
        if (source != MP_OBJ_NULL && mp_obj_is_type(source, &mp_type_bytes)) {
            // bytes are immutable: the str can use their data
            mp_obj_str_t *o = mp_obj_malloc(mp_obj_str_t, &mp_type_str);
            o->len = len;
            o->data = data;
            o->hash = qstr_compute_hash(data, len);
            return MP_OBJ_FROM_PTR(o);
        }
        return mp_obj_new_str_copy(&mp_type_str, data, len);
    }
    decoder_t d = {call, "utf-8", data, len, {0}, -1};
    vstr_init(&d.out, len + 1);
    switch (codec) {
        case CODEC_UTF8:
        case CODEC_UTF8_SIG:
            decode_utf8(&d);
            break;
        case CODEC_ASCII:
            d.codec_name = "ascii";
            decode_bytewise(&d, codec);
            break;
        case CODEC_LATIN1:
            d.codec_name = "latin-1";
            decode_bytewise(&d, codec);
            break;
        case CODEC_CP1252:
            d.codec_name = "charmap";
            decode_bytewise(&d, codec);
            break;
        case CODEC_UTF16:
        case CODEC_UTF16_LE:
        case CODEC_UTF16_BE:
            decode_utf16(&d, codec == CODEC_UTF16 ? -1 : codec == CODEC_UTF16_BE);
            break;
        default:
            decode_utf32(&d, codec == CODEC_UTF32 ? -1 : codec == CODEC_UTF32_BE);
            break;
    }
    return mp_obj_new_str_from_utf8_vstr(&d.out);
}

/******************************************************************************/
// Encoding: a str (UTF-8 inside) to bytes.

static void add_escape(vstr_t *out, unichar c) {
    vstr_printf(out, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)c);
}

// The bytes of c in a one-byte codec, or -1 when the codec has none.
static int encode_byte(uint8_t codec, unichar c) {
    if (c < 0x80 || (codec == CODEC_LATIN1 && c < 0x100) || (codec == CODEC_CP1252 && c >= 0xa0 && c < 0x100)) {
        return c;
    }
    if (codec == CODEC_CP1252) {
        for (int i = 0; i < 32; ++i) {
            if (cp1252_high[i] == c) {
                return 0x80 + i;
            }
        }
    }
    return -1;
}

static void add_unit(vstr_t *out, uint32_t u, int size, bool big_endian) {
    for (int k = 0; k < size; ++k) {
        int shift = big_endian ? 8 * (size - 1 - k) : 8 * k;
        vstr_add_byte(out, (u >> shift) & 0xff);
    }
}

static mp_obj_t encode(codec_call_t *call, mp_obj_t str, const mp_obj_type_t *type) {
    check_arg_types(call);
    resolve_codec(call);
    uint8_t codec = call->codec;
    GET_STR_DATA_LEN(str, data, len);
    const byte *top = data + len;
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; ++i) {
        ascii = data[i] < 0x80;
    }
    if (codec == CODEC_UTF8 || (ascii && codec <= CODEC_CP1252 && codec != CODEC_UTF8_SIG)) {
        if (type == &mp_type_bytes) {
            // str is immutable: the bytes can use its data
            mp_obj_str_t *o = mp_obj_malloc(mp_obj_str_t, &mp_type_bytes);
            o->len = len;
            o->data = data;
            o->hash = qstr_compute_hash(data, len);
            return MP_OBJ_FROM_PTR(o);
        }
        return mp_obj_new_bytearray(len, data);
    }
    vstr_t out;
    vstr_init(&out, len + 4);
    int handler = -1;
    switch (codec) {
        case CODEC_UTF8_SIG:
            vstr_add_strn(&out, "\xef\xbb\xbf", 3);
            vstr_add_strn(&out, (const char *)data, len);
            break;
        case CODEC_UTF16:
        case CODEC_UTF16_LE:
        case CODEC_UTF16_BE:
        case CODEC_UTF32:
        case CODEC_UTF32_LE:
        case CODEC_UTF32_BE: {
            bool wide = codec >= CODEC_UTF32, big = codec == CODEC_UTF16_BE || codec == CODEC_UTF32_BE;
            if (codec == CODEC_UTF16 || codec == CODEC_UTF32) {
                add_unit(&out, 0xfeff, wide ? 4 : 2, false);
            }
            for (const byte *p = data; p < top; p = utf8_next_char(p)) {
                unichar c = utf8_get_char(p);
                if (wide || c < 0x10000) {
                    add_unit(&out, c, wide ? 4 : 2, big);
                } else {
                    add_unit(&out, 0xd800 + ((c - 0x10000) >> 10), 2, big);
                    add_unit(&out, 0xdc00 + ((c - 0x10000) & 0x3ff), 2, big);
                }
            }
            break;
        }
        default: {
            const char *name = codec == CODEC_ASCII ? "ascii" : codec == CODEC_LATIN1 ? "latin-1" : "charmap";
            const char *reason = codec == CODEC_ASCII ? "ordinal not in range(128)"
                : codec == CODEC_LATIN1 ? "ordinal not in range(256)" : "character maps to <undefined>";
            size_t pos = 0;
            for (const byte *p = data; p < top; p = utf8_next_char(p), ++pos) {
                unichar c = utf8_get_char(p);
                int b = encode_byte(codec, c);
                if (b >= 0) {
                    vstr_add_byte(&out, b);
                    continue;
                }
                if (handler < 0) {
                    handler = error_handler(call);
                }
                switch (handler) {
                    case ERR_IGNORE:
                        continue;
                    case ERR_REPLACE:
                        vstr_add_byte(&out, '?');
                        continue;
                    case ERR_BACKSLASH:
                        add_escape(&out, c);
                        continue;
                    case ERR_XMLCHARREF:
                        vstr_printf(&out, "&#%u;", (unsigned)c);
                        continue;
                    case ERR_NAMEREPLACE: {
                        size_t at = out.len;
                        vstr_add_str(&out, "\\N{");
                        if (unicode_name(c, &out)) {
                            vstr_add_byte(&out, '}');
                        } else {
                            out.len = at;
                            add_escape(&out, c);
                        }
                        continue;
                    }
                    case ERR_UNKNOWN:
                        unknown_handler(call);
                    default:
                        break;
                }
                // strict: the message covers the whole run of characters the codec cannot encode
                size_t end = pos + 1;
                for (const byte *q = utf8_next_char(p); q < top && encode_byte(codec, utf8_get_char(q)) < 0; q = utf8_next_char(q)) {
                    ++end;
                }
                mp_raise_unicode_error(&mp_type_UnicodeEncodeError, name,
                    mp_obj_new_str((const char *)data, top - data), pos, end, reason);
            }
            break;
        }
    }
    if (type == &mp_type_bytes) {
        return mp_obj_new_bytes_from_vstr(&out);
    }
    mp_obj_t result = mp_obj_new_bytearray(out.len, out.buf);
    vstr_clear(&out);
    return result;
}

/******************************************************************************/
// Arguments.

// Spread positional arguments and keywords over the parameters `names` (MP_OBJ_NULL: not given), with
// CPython's errors for too many, unknown and repeated arguments.
static void parse_args(const char *func, size_t n_args, const mp_obj_t *args, mp_map_t *kw_args,
    size_t n_names, const qstr *names, mp_obj_t *out) {
    if (n_args > n_names) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s() takes at most %d arguments (%d given)"),
            func, (int)n_names, (int)(n_args + (kw_args ? kw_args->used : 0)));
    }
    for (size_t i = 0; i < n_names; ++i) {
        out[i] = i < n_args ? args[i] : MP_OBJ_NULL;
    }
    for (size_t k = 0; kw_args != NULL && k < kw_args->alloc; ++k) {
        if (!mp_map_slot_is_filled(kw_args, k)) {
            continue;
        }
        qstr key = mp_obj_str_get_qstr(kw_args->table[k].key);
        size_t i = 0;
        while (i < n_names && names[i] != key) {
            ++i;
        }
        if (i == n_names) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("'%q' is an invalid keyword argument for %s()"), key, func);
        }
        if (i < n_args) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("argument for %s() given by name ('%q') and position (%d)"),
                func, key, (int)(i + 1));
        }
        out[i] = kw_args->table[k].value;
    }
}

mp_obj_t mp_codecs_str_encode(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    static const qstr names[] = {MP_QSTR_encoding, MP_QSTR_errors};
    mp_obj_t given[2];
    parse_args("encode", n_args - 1, args + 1, kw_args, 2, names, given);
    codec_call_t call = {"encode", 0, false, given[0], given[1]};
    return encode(&call, args[0], &mp_type_bytes);
}

mp_obj_t mp_codecs_bytes_decode(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    static const qstr names[] = {MP_QSTR_encoding, MP_QSTR_errors};
    mp_obj_t given[2];
    parse_args("decode", n_args - 1, args + 1, kw_args, 2, names, given);
    codec_call_t call = {"decode", 0, false, given[0], given[1]};
    mp_buffer_info_t bufinfo;
    mp_get_buffer_raise(args[0], &bufinfo, MP_BUFFER_READ);
    return decode(&call, args[0], bufinfo.buf, bufinfo.len);
}

mp_obj_t mp_codecs_str_new(size_t n_args, size_t n_kw, const mp_obj_t *args) {
    static const qstr names[] = {MP_QSTR_object, MP_QSTR_encoding, MP_QSTR_errors};
    mp_obj_t given[3];
    mp_map_t kw_args;
    mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
    parse_args("str", n_args, args, &kw_args, 3, names, given);
    if (given[1] == MP_OBJ_NULL && given[2] == MP_OBJ_NULL) {
        return given[0] == MP_OBJ_NULL ? MP_OBJ_NEW_QSTR(MP_QSTR_) : mp_obj_str_make_new(&mp_type_str, 1, 0, given);
    }
    codec_call_t call = {"str", 0, false, given[1], given[2]};
    if (given[0] == MP_OBJ_NULL) {
        return decode(&call, MP_OBJ_NULL, (const byte *)"", 0);
    }
    if (mp_obj_is_str(given[0]) || mp_obj_cast_to_native_base(given[0], MP_OBJ_FROM_PTR(&mp_type_str)) != MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("decoding str is not supported"));
    }
    mp_buffer_info_t bufinfo;
    if (!mp_get_buffer(given[0], &bufinfo, MP_BUFFER_READ)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("decoding to str: need a bytes-like object, %s found"),
            mp_obj_get_type_str(given[0]));
    }
    return decode(&call, given[0], bufinfo.buf, bufinfo.len);
}

mp_obj_t mp_codecs_bytes_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    static const qstr names[] = {MP_QSTR_source, MP_QSTR_encoding, MP_QSTR_errors};
    const char *func = type == &mp_type_bytes ? "bytes" : "bytearray";
    mp_obj_t given[3];
    mp_map_t kw_args;
    mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
    parse_args(func, n_args, args, &kw_args, 3, names, given);
    if (given[1] == MP_OBJ_NULL && given[2] == MP_OBJ_NULL) {
        // only the source, given by keyword
        return MP_OBJ_TYPE_GET_SLOT(type, make_new)(type, given[0] != MP_OBJ_NULL, 0, given);
    }
    mp_obj_t str = MP_OBJ_NULL;
    if (given[0] != MP_OBJ_NULL) {
        str = mp_obj_is_str(given[0]) ? given[0] : mp_obj_cast_to_native_base(given[0], MP_OBJ_FROM_PTR(&mp_type_str));
    }
    if (str == MP_OBJ_NULL) {
        mp_raise_TypeError(given[1] != MP_OBJ_NULL ? MP_ERROR_TEXT("encoding without a string argument")
            : MP_ERROR_TEXT("errors without a string argument"));
    }
    if (given[1] == MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("string argument without an encoding"));
    }
    codec_call_t call = {func, 0, false, given[1], given[2]};
    return encode(&call, str, type);
}
