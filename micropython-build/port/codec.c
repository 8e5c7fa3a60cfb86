// The value codec: guest values to the bytes the host reads and back (format in ../README.md, host side in
// rust/core/src/codec.rs).
#include <string.h>

#include "py/objstr.h"
#include "py/objint.h"
#include "py/mpz.h"
#include "py/objlist.h"
#include "py/mperrno.h"
#include "py/runtime.h"
#include "py/smallint.h"
#include "py/stackctrl.h"
#include "sandbox.h"

enum {
    TAG_NONE = 0x00,
    TAG_FALSE = 0x01,
    TAG_TRUE = 0x02,
    TAG_INT64 = 0x03,
    TAG_BIGINT = 0x04,
    TAG_FLOAT = 0x05,
    TAG_STR = 0x06,
    TAG_BYTES = 0x07,
    TAG_LIST = 0x08,
    TAG_TUPLE = 0x09,
    TAG_DICT = 0x0A,
    TAG_ROWS = 0x0B,
};

// ---- encoder -----------------------------------------------------------------------------------------------

static void put_u32(vstr_t *out, uint32_t v) {
    char *p = vstr_add_len(out, 4);
    for (int i = 0; i < 4; ++i) {
        p[i] = (char)(v >> (8 * i));
    }
}

static void put_u64(vstr_t *out, uint64_t v) {
    char *p = vstr_add_len(out, 8);
    for (int i = 0; i < 8; ++i) {
        p[i] = (char)(v >> (8 * i));
    }
}

// Where mp_sandbox_encode_to sends the bytes as they are encoded, or NULL (mp_sandbox_encode: all in `out`).
static void (*encode_sink)(const char *buf, size_t len);

// Hands what `out` holds to the sink once it passes ENCODE_CHUNK bytes, so the buffer stays small: a big
// buffer in a full GC heap costs a collection each time it grows (returning 10,000 rows: 150 -> 15 ms).
#define ENCODE_CHUNK (16384)

static void maybe_flush(vstr_t *out, size_t at_least) {
    if (encode_sink != NULL && out->len >= at_least) {
        encode_sink(out->buf, out->len);
        out->len = 0;
    }
}

static void put_data(vstr_t *out, uint8_t tag, const char *data, size_t len) {
    vstr_add_byte(out, tag);
    put_u32(out, (uint32_t)len);
    if (encode_sink != NULL && len >= ENCODE_CHUNK) {
        maybe_flush(out, 0); // a long str or bytes goes to the sink as it is, not through the buffer
        encode_sink(data, len);
    } else {
        vstr_add_strn(out, data, len);
    }
}


// A big int crosses as a sign byte (0 or 1) then its magnitude, little-endian, without trailing zero
// bytes: binary, so any size crosses in linear time and never through str()/int(str) (which CPython
// bounds at 4,300 digits).
static void encode_int(vstr_t *out, mp_obj_t value) {
    if (mp_obj_is_small_int(value)) {
        vstr_add_byte(out, TAG_INT64);
        put_u64(out, (uint64_t)(int64_t)MP_OBJ_SMALL_INT_VALUE(value));
        return;
    }
    const mpz_t *z = &((mp_obj_int_t *)MP_OBJ_TO_PTR(value))->mpz;
    mpz_t magnitude = *z; // a read-only view of the same digits, without the sign
    magnitude.neg = 0;
    size_t room = (z->len * MPZ_DIG_SIZE + 7) / 8;
    // On the stack when it is short (no GC allocation, which in a full heap costs a search of the heap).
    uint8_t stack_bytes[24];
    uint8_t *buf = room + 1 <= sizeof(stack_bytes) ? stack_bytes : m_new(uint8_t, room + 1);
    mpz_as_bytes(&magnitude, false, false, room, buf + 1);
    size_t n = room;
    while (n > 0 && buf[n] == 0) {
        --n;
    }
    uint64_t mag = 0;
    for (size_t i = n; n <= 8 && i > 0; --i) {
        mag = mag << 8 | buf[i];
    }
    if (n <= 8 && (z->neg ? mag <= (uint64_t)INT64_MAX + 1 : mag <= (uint64_t)INT64_MAX)) {
        vstr_add_byte(out, TAG_INT64);
        put_u64(out, z->neg ? (uint64_t)0 - mag : mag);
    } else {
        buf[0] = z->neg;
        put_data(out, TAG_BIGINT, (const char *)buf, n + 1);
    }
    if (buf != stack_bytes) {
        m_del(uint8_t, buf, room + 1);
    }
}

void mp_sandbox_encode(vstr_t *out, mp_obj_t value) {
    MP_STACK_CHECK();
    mp_obj_t native;
    if (value == mp_const_none) {
        vstr_add_byte(out, TAG_NONE);
    } else if (value == mp_const_false) {
        vstr_add_byte(out, TAG_FALSE);
    } else if (value == mp_const_true) {
        vstr_add_byte(out, TAG_TRUE);
    } else if (mp_obj_is_int(value)) {
        encode_int(out, value);
    } else if (mp_obj_is_float(value)) {
        union { double d; uint64_t u; } f = { .d = mp_obj_get_float(value) };
        vstr_add_byte(out, TAG_FLOAT);
        put_u64(out, f.u);
    } else if (mp_obj_is_str(value)) {
        size_t len;
        const char *s = mp_obj_str_get_data(value, &len);
        put_data(out, TAG_STR, s, len);
    } else if (mp_obj_is_type(value, &mp_type_bytes) || mp_obj_is_type(value, &mp_type_bytearray)) {
        mp_buffer_info_t buf;
        mp_get_buffer_raise(value, &buf, MP_BUFFER_READ);
        put_data(out, TAG_BYTES, buf.buf, buf.len);
    } else if (mp_obj_is_type(value, &mp_type_list) || mp_obj_is_type(value, &mp_type_tuple)) {
        size_t n;
        mp_obj_t *items;
        mp_obj_get_array(value, &n, &items);
        vstr_add_byte(out, mp_obj_is_type(value, &mp_type_list) ? TAG_LIST : TAG_TUPLE);
        put_u32(out, (uint32_t)n);
        for (size_t i = 0; i < n; ++i) {
            // Re-read the array each time: encoding an item may not change it, but stay safe.
            mp_obj_get_array(value, &n, &items);
            mp_sandbox_encode(out, items[i]);
            maybe_flush(out, ENCODE_CHUNK);
        }
    } else if (mp_obj_is_dict_or_ordereddict(value)) {
        mp_map_t *map = mp_obj_dict_get_map(value);
        vstr_add_byte(out, TAG_DICT);
        put_u32(out, (uint32_t)map->used);
        for (size_t i = 0; i < map->alloc; ++i) {
            if (mp_map_slot_is_filled(map, i)) {
                mp_sandbox_encode(out, map->table[i].key);
                mp_sandbox_encode(out, map->table[i].value);
                maybe_flush(out, ENCODE_CHUNK);
            }
        }
    } else if ((native = mp_obj_cast_to_native_base(value, MP_OBJ_FROM_PTR(&mp_type_dict))) != MP_OBJ_NULL
               || (native = mp_obj_cast_to_native_base(value, MP_OBJ_FROM_PTR(&mp_type_list))) != MP_OBJ_NULL) {
        // an instance of a dict or list subclass (Counter, defaultdict, your own): as the dict or list it is
        mp_sandbox_encode(out, native);
    } else {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("cannot pass a value of type '%s' to the host"),
            mp_obj_get_type_str(value));
    }
}

// The buffer of mp_sandbox_encode_to, outside the GC heap. It is flushed after every item of a list or
// dict once it holds ENCODE_CHUNK bytes, and long str/bytes bypass it, so it never holds more than
// ENCODE_CHUNK bytes plus one short item (under ENCODE_CHUNK bytes) and its header.
static char encode_buffer[2 * ENCODE_CHUNK + 64];

void mp_sandbox_encode_to(mp_obj_t value, void (*sink)(const char *buf, size_t len)) {
    vstr_t out;
    vstr_init_fixed_buf(&out, sizeof(encode_buffer), encode_buffer);
    encode_sink = sink;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_sandbox_encode(&out, value);
        maybe_flush(&out, 0);
        nlr_pop();
    } else {
        encode_sink = NULL;
        nlr_jump(nlr.ret_val);
    }
    encode_sink = NULL;
}

// ---- decoder -----------------------------------------------------------------------------------------------

typedef struct _decoder_t {
    const uint8_t *p;
    const uint8_t *end;
} decoder_t;

NORETURN void mp_sandbox_decode_error(void) {
    mp_raise_ValueError(MP_ERROR_TEXT("malformed value from the host"));
}

static const uint8_t *take_bytes(decoder_t *d, size_t n) {
    if ((size_t)(d->end - d->p) < n) {
        mp_sandbox_decode_error();
    }
    const uint8_t *p = d->p;
    d->p += n;
    return p;
}

static uint32_t get_u32(decoder_t *d) {
    const uint8_t *p = take_bytes(d, 4);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(decoder_t *d) {
    const uint8_t *p = take_bytes(d, 8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
        v = v << 8 | p[i];
    }
    return v;
}

// A count of items, each at least one byte: bounded by what is left, so a bad count cannot exhaust memory.
static size_t get_count(decoder_t *d, size_t min_item_size) {
    uint32_t n = get_u32(d);
    if ((uint64_t)n * min_item_size > (uint64_t)(d->end - d->p)) {
        mp_sandbox_decode_error();
    }
    return n;
}

// A str object for UTF-8 from the host. The host only encodes valid UTF-8 (the contract), so there is no
// check; and no qstr lookup either (mp_obj_new_str searches the qstr pools for every value). Header and
// characters share one allocation: str data is immutable and never freed or resized on its own.
static mp_obj_t new_host_str(const uint8_t *data, size_t len) {
    if (len == 0) {
        return MP_OBJ_NEW_QSTR(MP_QSTR_);
    }
    mp_obj_str_t *o = (mp_obj_str_t *)m_malloc(sizeof(mp_obj_str_t) + len + 1);
    byte *p = (byte *)(o + 1);
    memcpy(p, data, len);
    p[len] = '\0';
    o->base.type = &mp_type_str;
    o->hash = qstr_compute_hash(data, len);
    o->len = len;
    o->data = p;
    return MP_OBJ_FROM_PTR(o);
}

// A small int when it fits (mp_obj_new_int_from_ll always makes a big one: slower, and bigger).
static mp_obj_t new_int64(int64_t v) {
    if (v >= MP_SMALL_INT_MIN && v <= MP_SMALL_INT_MAX) {
        return MP_OBJ_NEW_SMALL_INT((mp_int_t)v);
    }
    return mp_obj_new_int_from_ll(v);
}

static mp_obj_t decode_str(decoder_t *d) {
    size_t len = get_u32(d);
    const uint8_t *s = take_bytes(d, len);
    return new_host_str(s, len);
}

// Column names of a rows value: interned (qstr) when short, so that `row['name']` compares pointers.
#define ROWS_QSTR_MAX_LEN (64)

static mp_obj_t decode_column_name(decoder_t *d) {
    if (*take_bytes(d, 1) != TAG_STR) {
        mp_sandbox_decode_error();
    }
    size_t len = get_u32(d);
    const uint8_t *s = take_bytes(d, len);
    if (len <= ROWS_QSTR_MAX_LEN) {
        return MP_OBJ_NEW_QSTR(qstr_from_strn((const char *)s, len));
    }
    return new_host_str(s, len);
}

static mp_obj_t decode_value(decoder_t *d);

// The values of a row: the scalar tags inline, anything else through decode_value.
static inline mp_obj_t decode_row_value(decoder_t *d) {
    if (d->p < d->end) {
        switch (*d->p) {
            case TAG_NONE:
                d->p++;
                return mp_const_none;
            case TAG_INT64:
                if (d->end - d->p >= 9) {
                    const uint8_t *p = d->p + 1;
                    d->p += 9;
                    uint32_t lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
                    uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
                    return new_int64((int64_t)((uint64_t)hi << 32 | lo));
                }
                break;
            case TAG_STR:
                d->p++;
                return decode_str(d);
            default:
                break;
        }
    }
    return decode_value(d);
}

static mp_obj_t decode_value(decoder_t *d) {
    MP_STACK_CHECK();
    uint8_t tag = *take_bytes(d, 1);
    switch (tag) {
        case TAG_NONE:
            return mp_const_none;
        case TAG_FALSE:
            return mp_const_false;
        case TAG_TRUE:
            return mp_const_true;
        case TAG_INT64:
            return new_int64((int64_t)get_u64(d));
        case TAG_BIGINT: {
            // Sign byte, then the magnitude little-endian (see encode_int).
            size_t len = get_u32(d);
            const uint8_t *s = take_bytes(d, len);
            if (len < 2 || s[0] > 1 || s[len - 1] == 0) {
                mp_sandbox_decode_error();
            }
            mp_obj_t value = mp_obj_int_from_bytes_impl(false, len - 1, s + 1);
            if (s[0]) {
                ((mp_obj_int_t *)MP_OBJ_TO_PTR(value))->mpz.neg = 1;
            }
            return value;
        }
        case TAG_FLOAT: {
            union { double d; uint64_t u; } f = { .u = get_u64(d) };
            return mp_obj_new_float(f.d);
        }
        case TAG_STR:
            return decode_str(d);
        case TAG_BYTES: {
            size_t len = get_u32(d);
            const uint8_t *s = take_bytes(d, len);
            return mp_obj_new_bytes(s, len);
        }
        case TAG_LIST:
        case TAG_TUPLE: {
            size_t n = get_count(d, 1);
            mp_obj_t seq = tag == TAG_LIST ? mp_obj_new_list(n, NULL) : mp_obj_new_tuple(n, NULL);
            size_t len;
            mp_obj_t *items;
            mp_obj_get_array(seq, &len, &items);
            for (size_t i = 0; i < n; ++i) {
                items[i] = mp_const_none;
            }
            for (size_t i = 0; i < n; ++i) {
                items[i] = decode_value(d);
            }
            return seq;
        }
        case TAG_DICT: {
            size_t n = get_count(d, 2);
            mp_obj_t dict = mp_obj_new_dict(n);
            for (size_t i = 0; i < n; ++i) {
                mp_obj_t key = decode_value(d);
                mp_obj_t value = decode_value(d);
                mp_obj_dict_store(dict, key, value);
            }
            return dict;
        }
        case TAG_ROWS: {
            // Column names once, then row-major values. Each row is a plain dict whose map is ordered
            // (like OrderedDict's), so it iterates in column order as in CPython; every row shares the
            // key objects, and its table is filled directly (one allocation, no hashing).
            size_t ncols = get_count(d, 5);
            // The tuple's own address must stay visible to the GC while rows are decoded: the compiler
            // may keep only a pointer into it (to its items) in a local, which the GC does not follow.
            mp_obj_t volatile keys = mp_obj_new_tuple(ncols, NULL);
            mp_obj_tuple_t *k = MP_OBJ_TO_PTR(keys);
            for (size_t c = 0; c < ncols; ++c) {
                k->items[c] = mp_const_none;
            }
            bool all_qstrs = true;
            bool unique = true;
            for (size_t c = 0; c < ncols; ++c) {
                mp_obj_t key = decode_column_name(d);
                all_qstrs = all_qstrs && mp_obj_is_qstr(key);
                for (size_t j = 0; unique && j < c; ++j) {
                    unique = !mp_obj_equal(k->items[j], key);
                }
                k->items[c] = key;
            }
            // Each row takes at least one byte per column; rows without columns cannot be bounded.
            size_t nrows = get_count(d, ncols > 0 ? ncols : 1);
            mp_obj_t rows = mp_obj_new_list(nrows, NULL);
            mp_obj_list_t *list = MP_OBJ_TO_PTR(rows);
            for (size_t r = 0; r < nrows; ++r) {
                list->items[r] = mp_const_none;
            }
            for (size_t r = 0; r < nrows; ++r) {
                mp_obj_t row = mp_obj_new_dict(ncols);
                list->items[r] = row;
                mp_map_t *map = mp_obj_dict_get_map(row);
                map->is_ordered = 1;
                if (unique) {
                    map->all_keys_are_qstrs = all_qstrs;
                    for (size_t c = 0; c < ncols; ++c) {
                        mp_obj_t value = decode_row_value(d);
                        map->table[c].key = k->items[c];
                        map->table[c].value = value;
                        map->used = c + 1;
                    }
                } else {
                    // Duplicate column names (`select 1 as a, 2 as a`): the last value wins.
                    for (size_t c = 0; c < ncols; ++c) {
                        mp_obj_dict_store(row, k->items[c], decode_row_value(d));
                    }
                }
            }
            (void)keys;
            return rows;
        }
        default:
            mp_sandbox_decode_error();
    }
}

mp_obj_t mp_sandbox_decode(const uint8_t *buf, size_t len) {
    decoder_t d = {buf, buf + len};
    mp_obj_t value = decode_value(&d);
    if (d.p != d.end) {
        mp_sandbox_decode_error();
    }
    return value;
}

