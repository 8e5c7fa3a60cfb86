// The `_pcre2` module: the core of the frozen `re.py` (CPython's `re` API), on PCRE2's 8-bit library.
// re.py translates CPython's pattern syntax, chooses the options and builds Pattern/Match objects; this
// file compiles, matches and converts offsets. A MicroPython str is UTF-8, so PCRE2 works on its bytes
// and every offset is reported both in bytes (for the next search) and in code points (for Python).
//
// Memory: PCRE2 allocates through the GC heap (a compiled pattern is kept alive by the Pattern's code
// object and reclaimed with it; the match data is shared, below), so a pattern or match that needs more memory than
// the run may have fails with MemoryError. Time: PCRE2's match loop counts its steps down on the guest's
// poll countdown (pcre2-patches/0001, port/pcre2_port.h), so catastrophic backtracking stops at the soft
// time limit with KeyboardInterrupt; the match and depth limits are therefore set to their maximum.
#include <string.h>

#include "py/gc.h"
#include "py/objstr.h"
#include "py/objtuple.h"
#include "py/runtime.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#define PCRE2_STATIC
#include "pcre2.h"

static void *pcre2_gc_malloc(PCRE2_SIZE size, void *data) {
    (void)data;
    return m_malloc_maybe(size);
}

static void pcre2_gc_free(void *ptr, void *data) {
    (void)data;
    if (ptr != NULL) {
        gc_free(ptr);
    }
}

// One general and one compile context per session, made on first use and kept as roots; and one match
// data block, shared by every pattern (PCRE2 keeps its backtracking frames in it, 20 KB and more, which
// one block per pattern would multiply by the patterns a session keeps).
MP_REGISTER_ROOT_POINTER(void *pcre2_general_context);
MP_REGISTER_ROOT_POINTER(void *pcre2_compile_context);
MP_REGISTER_ROOT_POINTER(void *pcre2_match_data);

// A match that grew the frames past this gives them back afterwards instead of keeping them for the
// session.
#define KEPT_FRAMES_MAX (256 * 1024)

static pcre2_compile_context *compile_context(void) {
    if (MP_STATE_VM(pcre2_compile_context) == NULL) {
        if (MP_STATE_VM(pcre2_general_context) == NULL) {
            MP_STATE_VM(pcre2_general_context) = pcre2_general_context_create(pcre2_gc_malloc, pcre2_gc_free, NULL);
            if (MP_STATE_VM(pcre2_general_context) == NULL) {
                mp_raise_type(&mp_type_MemoryError);
            }
        }
        pcre2_compile_context *ccontext = pcre2_compile_context_create(MP_STATE_VM(pcre2_general_context));
        if (ccontext == NULL) {
            mp_raise_type(&mp_type_MemoryError);
        }
        // CPython's look-behinds must have a fixed width.
        pcre2_set_max_varlookbehind(ccontext, 0);
        MP_STATE_VM(pcre2_compile_context) = ccontext;
    }
    return MP_STATE_VM(pcre2_compile_context);
}

typedef struct _pcre2_code_obj_t {
    mp_obj_base_t base;
    pcre2_code *code;
    uint32_t groups;
} pcre2_code_obj_t;

// The shared match data, with room for at least `pairs` offset pairs.
static pcre2_match_data *match_data(uint32_t pairs) {
    pcre2_match_data *data = MP_STATE_VM(pcre2_match_data);
    if (data == NULL || pcre2_get_ovector_count(data) < pairs) {
        data = pcre2_match_data_create(pairs < 16 ? 16 : pairs, MP_STATE_VM(pcre2_general_context));
        if (data == NULL) {
            mp_raise_type(&mp_type_MemoryError);
        }
        MP_STATE_VM(pcre2_match_data) = data;
    }
    return data;
}

static MP_DEFINE_CONST_OBJ_TYPE(pcre2_code_type, MP_QSTR_Code, MP_TYPE_FLAG_NONE);

// Number of code points in the UTF-8 bytes s[0..len).
static size_t utf8_count(const byte *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += (s[i] & 0xc0) != 0x80;
    }
    return n;
}

// compile(pattern, options) -> code; a pattern PCRE2 rejects raises ValueError(code, message, offset)
// with the offset in code points (re.py turns it into re.error). Capture groups are numbered only: re.py
// keeps the group names.
static mp_obj_t pcre2_compile_fn(mp_obj_t pattern_in, mp_obj_t options_in) {
    size_t len;
    const char *pattern = mp_obj_str_get_data(pattern_in, &len);
    uint32_t options = (uint32_t)mp_obj_get_int_truncated(options_in);
    int errorcode;
    PCRE2_SIZE erroroffset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, options, &errorcode, &erroroffset, compile_context());
    if (code == NULL) {
        if (errorcode == PCRE2_ERROR_HEAP_FAILED || errorcode == PCRE2_ERROR_NOMEMORY) {
            mp_raise_type(&mp_type_MemoryError);
        }
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(errorcode, message, sizeof(message));
        if (erroroffset > len) {
            erroroffset = len;
        }
        size_t offset = mp_obj_is_str(pattern_in) ? utf8_count((const byte *)pattern, erroroffset) : erroroffset;
        mp_obj_t args[3] = {
            MP_OBJ_NEW_SMALL_INT(errorcode),
            mp_obj_new_str((const char *)message, strlen((const char *)message)),
            MP_OBJ_NEW_SMALL_INT(offset),
        };
        nlr_raise(mp_obj_exception_make_new(&mp_type_ValueError, 3, 0, args));
    }
    pcre2_code_obj_t *self = mp_obj_malloc(pcre2_code_obj_t, &pcre2_code_type);
    self->code = code;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &self->groups);
    return MP_OBJ_FROM_PTR(self);
}
static MP_DEFINE_CONST_FUN_OBJ_2(pcre2_compile_obj, pcre2_compile_fn);

static pcre2_code_obj_t *get_code(mp_obj_t code_in) {
    if (!mp_obj_is_type(code_in, &pcre2_code_type)) {
        mp_raise_TypeError(MP_ERROR_TEXT("expected a compiled code object"));
    }
    return MP_OBJ_TO_PTR(code_in);
}

// Subject bytes: a str's UTF-8, or any object with the buffer protocol (bytes, bytearray, memoryview).
static const byte *subject_data(mp_obj_t subject, size_t *len, bool *is_str) {
    *is_str = mp_obj_is_str(subject);
    if (*is_str) {
        return (const byte *)mp_obj_str_get_data(subject, len);
    }
    mp_buffer_info_t info;
    mp_get_buffer_raise(subject, &info, MP_BUFFER_READ);
    *len = info.len;
    return info.buf;
}

// Match modes (PCRE2's option bits do not all fit in a small int).
#define MATCH_ANCHORED (1)
#define MATCH_ENDANCHORED (2)
#define MATCH_NOTEMPTY_ATSTART (4)

// One match from byte_pos: MP_OBJ_NULL, or a tuple of 4 * (groups + 1) ints: the byte offsets (start,
// end) of the match and of each group, then the same in code points (-1 for a group that did not take
// part). char_pos is byte_pos in code points (the caller tracks it while it moves through the subject,
// so offsets are converted in time linear in the distance moved).
static mp_obj_t match_once(pcre2_code_obj_t *self, mp_obj_t subject_in, mp_int_t byte_pos, mp_int_t char_pos,
    mp_int_t byte_end, uint32_t options) {
    size_t len;
    bool is_str;
    const byte *subject = subject_data(subject_in, &len, &is_str);
    if (byte_end < 0 || (size_t)byte_end > len) {
        byte_end = len;
    }
    if (byte_pos < 0 || byte_pos > byte_end) {
        return MP_OBJ_NULL;
    }
    if (is_str) {
        options |= PCRE2_NO_UTF_CHECK; // MicroPython's str is valid UTF-8; a check would cost O(len) per call
    }
    size_t pairs = self->groups + 1;
    pcre2_match_data *data = match_data(pairs);
    int rc = pcre2_match(self->code, subject, byte_end, byte_pos, options, data, NULL);
    if (pcre2_get_match_data_heapframes_size(data) > KEPT_FRAMES_MAX) {
        MP_STATE_VM(pcre2_match_data) = NULL; // the collector takes it once the offsets are copied out
    }
    if (rc == PCRE2_ERROR_NOMATCH) {
        return MP_OBJ_NULL;
    }
    if (rc == PCRE2_ERROR_NOMEMORY || rc == PCRE2_ERROR_HEAPLIMIT) {
        mp_raise_type(&mp_type_MemoryError);
    }
    if (rc < 0) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(rc, message, sizeof(message));
        mp_raise_msg_varg(&mp_type_RuntimeError, MP_ERROR_TEXT("regular expression engine: %s"), message);
    }
    // Copied out: the allocations below may run a collection, whose finalisers may run Python code that
    // uses this pattern (and its match data) again.
    PCRE2_SIZE small[64];
    PCRE2_SIZE *ovector = 2 * pairs <= MP_ARRAY_SIZE(small) ? small : m_new(PCRE2_SIZE, 2 * pairs);
    memcpy(ovector, pcre2_get_ovector_pointer(data), 2 * pairs * sizeof(PCRE2_SIZE));
    mp_obj_tuple_t *result = MP_OBJ_TO_PTR(mp_obj_new_tuple(4 * pairs, NULL));
    subject = subject_data(subject_in, &len, &is_str); // a bytearray's buffer may not move, but re-read anyway
    mp_int_t match_start_char = char_pos;
    if (is_str) {
        size_t start = ovector[0];
        match_start_char = start >= (size_t)byte_pos
            ? char_pos + (mp_int_t)utf8_count(subject + byte_pos, start - byte_pos)
            : char_pos - (mp_int_t)utf8_count(subject + start, byte_pos - start);
    }
    for (size_t i = 0; i < 2 * pairs; i++) {
        size_t offset = ovector[i];
        if (offset == PCRE2_UNSET) {
            result->items[i] = result->items[2 * pairs + i] = MP_OBJ_NEW_SMALL_INT(-1);
            continue;
        }
        result->items[i] = MP_OBJ_NEW_SMALL_INT(offset);
        mp_int_t chars = offset;
        if (is_str) {
            // Relative to the match's start: groups lie in or near the match (look-behinds may precede it).
            size_t start = ovector[0];
            chars = offset >= start
                ? match_start_char + (mp_int_t)utf8_count(subject + start, offset - start)
                : match_start_char - (mp_int_t)utf8_count(subject + offset, start - offset);
        }
        result->items[2 * pairs + i] = MP_OBJ_NEW_SMALL_INT(chars);
    }
    return MP_OBJ_FROM_PTR(result);
}

// match(code, subject, byte_pos, char_pos, byte_end, mode) -> None or match_once's tuple.
static mp_obj_t pcre2_match_fn(size_t n_args, const mp_obj_t *args) {
    (void)n_args;
    mp_int_t mode = mp_obj_get_int(args[5]);
    uint32_t options = (mode & MATCH_ANCHORED ? PCRE2_ANCHORED : 0) | (mode & MATCH_ENDANCHORED ? PCRE2_ENDANCHORED : 0)
        | (mode & MATCH_NOTEMPTY_ATSTART ? PCRE2_NOTEMPTY_ATSTART : 0);
    mp_obj_t result = match_once(get_code(args[0]), args[1], mp_obj_get_int(args[2]), mp_obj_get_int(args[3]),
        mp_obj_get_int(args[4]), options);
    return result == MP_OBJ_NULL ? mp_const_none : result;
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(pcre2_match_obj, 6, 6, pcre2_match_fn);

// scan(code, subject, byte_pos, char_pos, byte_end, limit) -> a list of match_once's tuples for the
// successive matches (at most `limit` of them when it is positive), as findall/finditer/sub/split see
// them: after an empty match the next one may not be empty at the same place (CPython 3.7+: an empty
// match right after a non-empty one is allowed).
static mp_obj_t pcre2_scan_fn(size_t n_args, const mp_obj_t *args) {
    (void)n_args;
    pcre2_code_obj_t *self = get_code(args[0]);
    mp_int_t byte_pos = mp_obj_get_int(args[2]);
    mp_int_t char_pos = mp_obj_get_int(args[3]);
    mp_int_t byte_end = mp_obj_get_int(args[4]);
    mp_int_t limit = mp_obj_get_int(args[5]);
    size_t pairs = self->groups + 1;
    mp_obj_t matches = mp_obj_new_list(0, NULL);
    uint32_t options = 0;
    for (mp_int_t n = 0; limit <= 0 || n < limit; n++) {
        mp_obj_t found = match_once(self, args[1], byte_pos, char_pos, byte_end, options);
        if (found == MP_OBJ_NULL) {
            break;
        }
        mp_obj_list_append(matches, found);
        mp_obj_tuple_t *offsets = MP_OBJ_TO_PTR(found);
        mp_int_t start = MP_OBJ_SMALL_INT_VALUE(offsets->items[0]);
        byte_pos = MP_OBJ_SMALL_INT_VALUE(offsets->items[1]);
        char_pos = MP_OBJ_SMALL_INT_VALUE(offsets->items[2 * pairs + 1]);
        options = start == byte_pos ? PCRE2_NOTEMPTY_ATSTART : 0;
    }
    return matches;
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(pcre2_scan_obj, 6, 6, pcre2_scan_fn);

// byte_offset(s, index) -> the byte offset of code point `index` (0 <= index <= len(s)) of the str s.
static mp_obj_t pcre2_byte_offset_fn(mp_obj_t subject_in, mp_obj_t index_in) {
    size_t len;
    const byte *s = (const byte *)mp_obj_str_get_data(subject_in, &len);
    mp_int_t index = mp_obj_get_int(index_in);
    size_t i = 0;
    while (i < len && index > 0) {
        i++;
        while (i < len && (s[i] & 0xc0) == 0x80) {
            i++;
        }
        index--;
    }
    return MP_OBJ_NEW_SMALL_INT(i);
}
static MP_DEFINE_CONST_FUN_OBJ_2(pcre2_byte_offset_obj, pcre2_byte_offset_fn);

// substr(s, byte_start, byte_end) -> the str between two byte offsets that lie on code point boundaries
// (byte_end -1: the end of s).
static mp_obj_t pcre2_substr_fn(mp_obj_t subject_in, mp_obj_t start_in, mp_obj_t end_in) {
    size_t len;
    const byte *s = (const byte *)mp_obj_str_get_data(subject_in, &len);
    mp_int_t start = mp_obj_get_int(start_in);
    mp_int_t end = mp_obj_get_int(end_in);
    if (end == -1) {
        end = len;
    }
    if (start < 0 || end < start || (size_t)end > len) {
        mp_raise_ValueError(MP_ERROR_TEXT("offsets out of range"));
    }
    return mp_obj_new_str_copy(&mp_type_str, s + start, end - start);
}
static MP_DEFINE_CONST_FUN_OBJ_3(pcre2_substr_obj, pcre2_substr_fn);

static const mp_rom_map_elem_t pcre2_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__pcre2) },
    { MP_ROM_QSTR(MP_QSTR_compile), MP_ROM_PTR(&pcre2_compile_obj) },
    { MP_ROM_QSTR(MP_QSTR_match), MP_ROM_PTR(&pcre2_match_obj) },
    { MP_ROM_QSTR(MP_QSTR_scan), MP_ROM_PTR(&pcre2_scan_obj) },
    { MP_ROM_QSTR(MP_QSTR_byte_offset), MP_ROM_PTR(&pcre2_byte_offset_obj) },
    { MP_ROM_QSTR(MP_QSTR_substr), MP_ROM_PTR(&pcre2_substr_obj) },
    // Compile options
    { MP_ROM_QSTR(MP_QSTR_CASELESS), MP_ROM_INT(PCRE2_CASELESS) },
    { MP_ROM_QSTR(MP_QSTR_MULTILINE), MP_ROM_INT(PCRE2_MULTILINE) },
    { MP_ROM_QSTR(MP_QSTR_DOTALL), MP_ROM_INT(PCRE2_DOTALL) },
    { MP_ROM_QSTR(MP_QSTR_UTF), MP_ROM_INT(PCRE2_UTF) },
    { MP_ROM_QSTR(MP_QSTR_UCP), MP_ROM_INT(PCRE2_UCP) },
    { MP_ROM_QSTR(MP_QSTR_ALT_CIRCUMFLEX), MP_ROM_INT(PCRE2_ALT_CIRCUMFLEX) },
    // Match modes
    { MP_ROM_QSTR(MP_QSTR_ANCHORED), MP_ROM_INT(MATCH_ANCHORED) },
    { MP_ROM_QSTR(MP_QSTR_ENDANCHORED), MP_ROM_INT(MATCH_ENDANCHORED) },
    { MP_ROM_QSTR(MP_QSTR_NOTEMPTY_ATSTART), MP_ROM_INT(MATCH_NOTEMPTY_ATSTART) },
};
static MP_DEFINE_CONST_DICT(pcre2_module_globals, pcre2_module_globals_table);

const mp_obj_module_t mp_module_pcre2 = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&pcre2_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR__pcre2, mp_module_pcre2);
