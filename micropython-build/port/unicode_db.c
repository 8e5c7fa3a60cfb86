// Unicode 14.0.0 character properties as CPython 3.11 has them: lookups into the tables that
// tools/gen_unicode_tables.py generates at build time from the Unicode Character Database.
#include <string.h>

#include "py/runtime.h"
#include "lib/uzlib/uzlib.h"
#include "unicode_db.h"

#include "unicode_tables.h"

const char unicode_db_version[] = UNICODE_DB_VERSION;

#define LEVEL_MASK(shift) ((1u << (shift)) - 1)

const unicode_record_t *unicode_record(unichar c) {
    if (c >= 0x110000) {
        return &unicode_records[0];
    }
    uint32_t block = unicode_record_index1[c >> (UNICODE_RECORD_SHIFT1 + UNICODE_RECORD_SHIFT2)];
    block = unicode_record_index2[(block << UNICODE_RECORD_SHIFT1)
        | ((c >> UNICODE_RECORD_SHIFT2) & LEVEL_MASK(UNICODE_RECORD_SHIFT1))];
    return &unicode_records[unicode_record_index3[(block << UNICODE_RECORD_SHIFT2)
        | (c & LEVEL_MASK(UNICODE_RECORD_SHIFT2))]];
}

// An extended mapping: `field` is index | count << 24.
static size_t extended_case(uint32_t field, unichar *out) {
    size_t count = field >> 24;
    const uint32_t *codes = &unicode_extended_case[field & 0xffff];
    for (size_t i = 0; i < count; i++) {
        out[i] = codes[i];
    }
    return count;
}

static size_t case_mapping(unichar c, int32_t field, bool extended, unichar *out) {
    if (extended) {
        return extended_case(field, out);
    }
    out[0] = c + field;
    return 1;
}

size_t unicode_to_lower(unichar c, unichar *out) {
    const unicode_record_t *r = unicode_record(c);
    if (r->flags & UNICODE_FLAG_EXTENDED_CASE) {
        return extended_case(r->lower & ~(7 << 20), out); // without the case folding's count
    }
    out[0] = c + r->lower;
    return 1;
}

size_t unicode_to_upper(unichar c, unichar *out) {
    const unicode_record_t *r = unicode_record(c);
    return case_mapping(c, r->upper, r->flags & UNICODE_FLAG_EXTENDED_CASE, out);
}

size_t unicode_to_title(unichar c, unichar *out) {
    const unicode_record_t *r = unicode_record(c);
    return case_mapping(c, r->title, r->flags & UNICODE_FLAG_EXTENDED_CASE, out);
}

size_t unicode_to_folded(unichar c, unichar *out) {
    const unicode_record_t *r = unicode_record(c);
    uint32_t fold_count = (r->lower >> 20) & 7;
    if ((r->flags & UNICODE_FLAG_EXTENDED_CASE) && fold_count) {
        // The folding follows the lower-case mapping in the extended table.
        uint32_t index = (r->lower & 0xffff) + ((uint32_t)r->lower >> 24);
        return extended_case(index | fold_count << 24, out);
    }
    return unicode_to_lower(c, out);
}

double unicode_numeric_value(const unicode_record_t *record) {
    return unicode_numeric_values[record->numeric];
}

const char *unicode_category_name(const unicode_record_t *record) {
    return unicode_category_names[record->category];
}

const char *unicode_bidi_name(const unicode_record_t *record) {
    return unicode_bidi_names[record->bidi];
}

const char *unicode_east_asian_width_name(const unicode_record_t *record) {
    return unicode_east_asian_width_names[record->east_asian_width];
}

size_t unicode_decomposition(unichar c, unichar *out, const char **tag) {
    if (c >= 0x110000) {
        return 0;
    }
    uint32_t block = unicode_decomp_index1[c >> (UNICODE_DECOMP_SHIFT1 + UNICODE_DECOMP_SHIFT2)];
    block = unicode_decomp_index2[(block << UNICODE_DECOMP_SHIFT1)
        | ((c >> UNICODE_DECOMP_SHIFT2) & LEVEL_MASK(UNICODE_DECOMP_SHIFT1))];
    uint32_t offset = unicode_decomp_index3[(block << UNICODE_DECOMP_SHIFT2) | (c & LEVEL_MASK(UNICODE_DECOMP_SHIFT2))];
    if (offset == 0) {
        return 0;
    }
    const uint16_t *units = &unicode_decomp_data[offset];
    size_t len = units[0] >> 5;
    *tag = unicode_decomp_prefixes[units[0] & 0x1f];
    units++;
    for (size_t i = 0; i < len; i++) {
        // Code points above U+FFFF are stored as UTF-16 surrogate pairs.
        unichar unit = *units++;
        if (unit >= 0xd800 && unit < 0xdc00) {
            unit = 0x10000 + ((unit - 0xd800) << 10) + (*units++ - 0xdc00);
        }
        out[i] = unit;
    }
    return len;
}

// Hangul syllables are composed and named by algorithm (Unicode 14.0, section 3.12).
#define HANGUL_S_BASE (0xac00)
#define HANGUL_L_BASE (0x1100)
#define HANGUL_V_BASE (0x1161)
#define HANGUL_T_BASE (0x11a7)
#define HANGUL_L_COUNT (19)
#define HANGUL_V_COUNT (21)
#define HANGUL_T_COUNT (28)
#define HANGUL_N_COUNT (HANGUL_V_COUNT * HANGUL_T_COUNT)
#define HANGUL_S_COUNT (HANGUL_L_COUNT * HANGUL_N_COUNT)

unichar unicode_compose(unichar first, unichar second) {
    if (first - HANGUL_L_BASE < HANGUL_L_COUNT && second - HANGUL_V_BASE < HANGUL_V_COUNT) {
        return HANGUL_S_BASE + ((first - HANGUL_L_BASE) * HANGUL_V_COUNT + second - HANGUL_V_BASE) * HANGUL_T_COUNT;
    }
    if (first - HANGUL_S_BASE < HANGUL_S_COUNT && (first - HANGUL_S_BASE) % HANGUL_T_COUNT == 0
        && second - HANGUL_T_BASE - 1 < HANGUL_T_COUNT - 1) {
        return first + second - HANGUL_T_BASE;
    }
    size_t lo = 0, hi = MP_ARRAY_SIZE(unicode_compositions);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const uint32_t *pair = unicode_compositions[mid];
        if (pair[0] < first || (pair[0] == first && pair[1] < second)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < MP_ARRAY_SIZE(unicode_compositions) && unicode_compositions[lo][0] == first
        && unicode_compositions[lo][1] == second) {
        return unicode_compositions[lo][2];
    }
    return 0;
}

// ---- names ----------------------------------------------------------------------------------------------

static const char *const hangul_l_names[HANGUL_L_COUNT] = {
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H",
};
static const char *const hangul_v_names[HANGUL_V_COUNT] = {
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI",
    "YU", "EU", "YI", "I",
};
static const char *const hangul_t_names[HANGUL_T_COUNT] = {
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B",
    "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
};

static bool is_unified_ideograph(unichar c) {
    for (size_t i = 0; i < MP_ARRAY_SIZE(unicode_cjk_ideograph_ranges); i += 2) {
        if (c >= unicode_cjk_ideograph_ranges[i] && c <= unicode_cjk_ideograph_ranges[i + 1]) {
            return true;
        }
    }
    return false;
}

// Inflate a raw-deflate block into a new heap buffer of `size` bytes; returns the number of bytes made.
static size_t inflate_into(const uint8_t *data, size_t len, char *buf, size_t size) {
    uzlib_uncomp_t *d = m_new_obj(uzlib_uncomp_t);
    memset(d, 0, sizeof(*d));
    uzlib_uncompress_init(d, NULL, 0);
    d->source = data;
    d->source_limit = data + len;
    d->dest_start = d->dest = (unsigned char *)buf;
    d->dest_limit = (unsigned char *)buf + size;
    int status;
    do {
        status = uzlib_uncompress(d);
    } while (status == UZLIB_OK && d->dest < d->dest_limit);
    size_t made = (char *)d->dest - buf;
    m_del_obj(uzlib_uncomp_t, d);
    return made;
}

// The names of one chunk as text (see name_walk_t).
static size_t name_chunk(size_t chunk, char *buf) {
    uint32_t start = unicode_name_chunk_offset[chunk];
    return inflate_into(unicode_name_data + start, unicode_name_chunk_offset[chunk + 1] - start, buf,
        UNICODE_NAME_CHUNK_MAX);
}

// A walk through the names of a chunk: lines 'delta;P<rest>', the code point's delta (hex) from the
// previous one, P the length of the prefix shared with the previous name ('!' + length), then the rest.
typedef struct {
    const char *line, *end;
    unichar code;
    size_t len;
    char name[UNICODE_NAME_MAX];
} name_walk_t;

// Advance to the next name (false at the end of the chunk).
static bool next_name(name_walk_t *walk) {
    const char *p = walk->line;
    if (p >= walk->end) {
        return false;
    }
    unichar delta = 0;
    for (; *p != ';'; p++) {
        delta = delta * 16 + unichar_xdigit_value(*p);
    }
    walk->code += delta;
    size_t shared = p[1] - '!';
    const char *rest = p + 2;
    const char *eol = memchr(rest, '\n', walk->end - rest);
    memcpy(walk->name + shared, rest, eol - rest);
    walk->len = shared + (eol - rest);
    walk->line = eol + 1;
    return true;
}

// Start a walk through chunk `chunk`, inflated into buf.
static void start_names(name_walk_t *walk, size_t chunk, char *buf) {
    walk->line = buf;
    walk->end = buf + name_chunk(chunk, buf);
    walk->code = unicode_name_chunk_first[chunk];
    walk->len = 0;
}

bool unicode_name(unichar c, vstr_t *out) {
    if (c - HANGUL_S_BASE < HANGUL_S_COUNT) {
        unichar s = c - HANGUL_S_BASE;
        vstr_add_str(out, "HANGUL SYLLABLE ");
        vstr_add_str(out, hangul_l_names[s / HANGUL_N_COUNT]);
        vstr_add_str(out, hangul_v_names[s % HANGUL_N_COUNT / HANGUL_T_COUNT]);
        vstr_add_str(out, hangul_t_names[s % HANGUL_T_COUNT]);
        return true;
    }
    if (is_unified_ideograph(c)) {
        vstr_printf(out, "CJK UNIFIED IDEOGRAPH-%X", (unsigned)c);
        return true;
    }
    size_t chunks = MP_ARRAY_SIZE(unicode_name_chunk_first);
    if (c < unicode_name_chunk_first[0]) {
        return false;
    }
    size_t lo = 0, hi = chunks;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (unicode_name_chunk_first[mid] <= c) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    char *buf = m_new(char, UNICODE_NAME_CHUNK_MAX);
    name_walk_t *walk = m_new_obj(name_walk_t);
    start_names(walk, lo, buf);
    bool found = false;
    while (next_name(walk) && walk->code <= c) {
        if (walk->code == c) {
            vstr_add_strn(out, walk->name, walk->len);
            found = true;
            break;
        }
    }
    m_del_obj(name_walk_t, walk);
    m_del(char, buf, UNICODE_NAME_CHUNK_MAX);
    return found;
}

// The longest of `names` that `*text` starts with (names[i] may be ""): its index, *text advanced past it.
static int longest_jamo(const char **text, const char *end, const char *const *names, size_t count) {
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(names[i]);
        if (len <= (size_t)(end - *text) && strncmp(*text, names[i], len) == 0 && (best < 0 || len > best_len)) {
            best = i;
            best_len = len;
        }
    }
    *text += best_len;
    return best;
}

static bool same_name_ignoring_case(const char *given, const char *name, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (unichar_toupper(given[i]) != name[i]) {
            return false;
        }
    }
    return true;
}

bool unicode_lookup(const char *name, size_t len, vstr_t *out) {
    // Algorithmic names: exact spelling, as CPython.
    if (len > 16 && strncmp(name, "HANGUL SYLLABLE ", 16) == 0) {
        const char *p = name + 16, *end = name + len;
        int l = longest_jamo(&p, end, hangul_l_names, HANGUL_L_COUNT);
        int v = longest_jamo(&p, end, hangul_v_names, HANGUL_V_COUNT);
        int t = longest_jamo(&p, end, hangul_t_names, HANGUL_T_COUNT);
        if (l < 0 || v < 0 || t < 0 || p != end) {
            return false;
        }
        vstr_add_char(out, HANGUL_S_BASE + (l * HANGUL_V_COUNT + v) * HANGUL_T_COUNT + t);
        return true;
    }
    if (len > 22 && strncmp(name, "CJK UNIFIED IDEOGRAPH-", 22) == 0) {
        if (len != 26 && len != 27) {
            return false;
        }
        unichar c = 0;
        for (size_t i = 22; i < len; i++) {
            char h = name[i];
            if (!(unichar_isdigit(h) || (h >= 'A' && h <= 'F'))) {
                return false;
            }
            c = c * 16 + unichar_xdigit_value(h);
        }
        if (!is_unified_ideograph(c)) {
            return false;
        }
        vstr_add_char(out, c);
        return true;
    }

    char *buf = m_new(char, UNICODE_NAME_CHUNK_MAX);
    name_walk_t *walk = m_new_obj(name_walk_t);
    bool found = false;
    for (size_t chunk = 0; chunk < MP_ARRAY_SIZE(unicode_name_chunk_first) && !found; chunk++) {
        start_names(walk, chunk, buf);
        while (next_name(walk)) {
            if (walk->len == len && same_name_ignoring_case(name, walk->name, len)) {
                vstr_add_char(out, walk->code);
                found = true;
                break;
            }
        }
    }
    m_del_obj(name_walk_t, walk);
    m_del(char, buf, UNICODE_NAME_CHUNK_MAX);
    if (found) {
        return true;
    }

    // Aliases and named sequences: lines 'NAME;hex hex ...'.
    char *aliases = m_new(char, UNICODE_ALIAS_DATA_SIZE);
    const char *end = aliases + inflate_into(unicode_alias_data, sizeof(unicode_alias_data), aliases,
        UNICODE_ALIAS_DATA_SIZE);
    for (const char *line = aliases; line < end && !found;) {
        const char *semicolon = memchr(line, ';', end - line);
        const char *eol = memchr(semicolon, '\n', end - semicolon);
        if ((size_t)(semicolon - line) == len && same_name_ignoring_case(name, line, len)) {
            for (const char *p = semicolon + 1; p < eol;) {
                unichar c = 0;
                for (; p < eol && *p != ' '; p++) {
                    c = c * 16 + unichar_xdigit_value(*p);
                }
                vstr_add_char(out, c);
                p += p < eol;
            }
            found = true;
        }
        line = eol + 1;
    }
    m_del(char, aliases, UNICODE_ALIAS_DATA_SIZE);
    return found;
}
