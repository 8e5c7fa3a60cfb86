// Unicode 14.0.0 character properties as CPython 3.11 has them (port/unicode_db.c; the tables are generated
// at build time from the Unicode Character Database by tools/gen_unicode_tables.py): str's case methods and
// predicates (patch 0140) and the unicodedata module (port/modunicodedata.c).
#ifndef MICROPY_INCLUDED_PORT_UNICODE_DB_H
#define MICROPY_INCLUDED_PORT_UNICODE_DB_H

#include "py/misc.h"

typedef struct {
    uint8_t category; // index into unicode_category_name()'s names
    uint8_t combining; // canonical combining class
    uint8_t bidi;
    uint8_t east_asian_width;
    uint16_t flags; // UNICODE_FLAG_*
    uint8_t digit; // value of a DECIMAL or DIGIT character
    uint8_t numeric; // index of a NUMERIC character's value
    // Case mappings: deltas to the code point, or with UNICODE_FLAG_EXTENDED_CASE an index into the
    // extended case table | count << 24 (the lower field: | case folding count << 20 when it differs).
    int32_t upper, lower, title;
} unicode_record_t;

// The flags, in the order tools/gen_unicode_tables.py assigns them (the generated tables check it).
#define UNICODE_FLAG_ALPHA (0x1)
#define UNICODE_FLAG_DECIMAL (0x2)
#define UNICODE_FLAG_DIGIT (0x4)
#define UNICODE_FLAG_NUMERIC (0x8)
#define UNICODE_FLAG_LOWER (0x10)
#define UNICODE_FLAG_UPPER (0x20)
#define UNICODE_FLAG_TITLE (0x40)
#define UNICODE_FLAG_SPACE (0x80)
#define UNICODE_FLAG_LINEBREAK (0x100)
#define UNICODE_FLAG_PRINTABLE (0x200)
#define UNICODE_FLAG_XID_START (0x400)
#define UNICODE_FLAG_XID_CONTINUE (0x800)
#define UNICODE_FLAG_CASED (0x1000)
#define UNICODE_FLAG_CASE_IGNORABLE (0x2000)
#define UNICODE_FLAG_EXTENDED_CASE (0x4000)
#define UNICODE_FLAG_MIRRORED (0x8000)

extern const char unicode_db_version[];

// The record of a code point (0 <= c < 0x110000).
const unicode_record_t *unicode_record(unichar c);

static inline bool unicode_has(unichar c, uint16_t flag) {
    return (unicode_record(c)->flags & flag) != 0;
}

// Full case mappings (SpecialCasing's unconditional ones, case folding's C and F): write the mapping of c
// to out (room for 3 code points) and return its length.
size_t unicode_to_lower(unichar c, unichar *out);
size_t unicode_to_upper(unichar c, unichar *out);
size_t unicode_to_title(unichar c, unichar *out);
size_t unicode_to_folded(unichar c, unichar *out);

double unicode_numeric_value(const unicode_record_t *record);
const char *unicode_category_name(const unicode_record_t *record);
const char *unicode_bidi_name(const unicode_record_t *record);
const char *unicode_east_asian_width_name(const unicode_record_t *record);

// The decomposition mapping of c: its length (0 for none), its code points in out (room for
// UNICODE_DECOMPOSITION_MAX) and its tag (e.g. "<compat>", "" for a canonical one).
#define UNICODE_DECOMPOSITION_MAX (18)
size_t unicode_decomposition(unichar c, unichar *out, const char **tag);

// The primary composite of first + second (NFC's pairs and Hangul syllables), or 0.
unichar unicode_compose(unichar first, unichar second);

// Character names: unicode_name adds the name of c to out (false: c has none); unicode_lookup adds the
// character(s) named `name` (a name, alias or named sequence, as unicodedata.lookup) to out as UTF-8.
bool unicode_name(unichar c, vstr_t *out);
bool unicode_lookup(const char *name, size_t len, vstr_t *out);

#endif // MICROPY_INCLUDED_PORT_UNICODE_DB_H
