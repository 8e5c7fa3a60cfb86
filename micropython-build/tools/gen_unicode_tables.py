"""Generate the guest's Unicode tables (C) from the Unicode Character Database text files.

    python3 gen_unicode_tables.py UCD_DIR OUTPUT.h

UCD_DIR holds the Unicode 14.0.0 files (the version CPython 3.11 uses), fetched and checksummed by
../fetch-source.sh. The tables give str's case methods and predicates and the `unicodedata` module
(port/unicode_db.c, port/modunicodedata.c) CPython 3.11's answers: the properties are derived from the
files by the rules CPython's own generator applies (which SpecialCasing entries count, what makes a
character printable or a space, the defaults of unassigned code points).

Lookups are three-level (code point -> block -> block -> entry), split at the shifts that make them
smallest.
Character names are stored as raw-deflate chunks of a few hundred names each, decompressed on demand.
"""

import sys
import zlib
from pathlib import Path

UNIDATA_VERSION = "14.0.0"
MAX_CODE = 0x110000

# Index 0 of each list is the value of an unassigned code point (CPython 3.11: category Cn, bidirectional
# '', east_asian_width 'F').
CATEGORIES = (
    "Cn Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co".split()
)
BIDI_CLASSES = [""] + "L LRE LRO R AL RLE RLO PDF EN ES ET AN CS NSM BN B S WS ON LRI RLI FSI PDI".split()
EAST_ASIAN_WIDTHS = "F H W Na A N".split()

# Flag bits of a character record, as port/unicode_db.h defines them (the output checks it).
FLAGS = [
    "ALPHA",
    "DECIMAL",
    "DIGIT",
    "NUMERIC",
    "LOWER",
    "UPPER",
    "TITLE",
    "SPACE",
    "LINEBREAK",
    "PRINTABLE",
    "XID_START",
    "XID_CONTINUE",
    "CASED",
    "CASE_IGNORABLE",
    "EXTENDED_CASE",
    "MIRRORED",
]
FLAG = {name: 1 << i for i, name in enumerate(FLAGS)}

MANDATORY_LINE_BREAKS = {"BK", "CR", "LF", "NL"}
NAMES_PER_CHUNK = 512
DECOMPOSITION_MAX = 18  # port/unicode_db.h's UNICODE_DECOMPOSITION_MAX


def ucd_records(path):
    """The ';'-separated fields of each data line of a UCD file, comments removed, fields stripped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def code_range(text):
    if ".." in text:
        first, last = text.split("..")
        return range(int(first, 16), int(last, 16) + 1)
    return range(int(text, 16), int(text, 16) + 1)


class Database:
    def __init__(self, ucd):
        self.rows = [None] * MAX_CODE  # UnicodeData.txt fields, ranges expanded
        self.names = {}  # code point -> name, for the characters UnicodeData.txt names one by one
        self.cjk_ranges = []
        first = None
        for fields in ucd_records(ucd / "UnicodeData.txt"):
            code, name = int(fields[0], 16), fields[1]
            if name.endswith(", First>"):
                first = code
                continue
            if name.endswith(", Last>"):
                if name.startswith("<CJK Ideograph"):
                    self.cjk_ranges.append((first, code))
                for c in range(first, code + 1):
                    self.rows[c] = fields
                continue
            self.rows[code] = fields
            if not name.startswith("<"):
                self.names[code] = name

        self.properties = [set() for _ in range(MAX_CODE)]
        for fields in ucd_records(ucd / "DerivedCoreProperties.txt"):
            for c in code_range(fields[0]):
                self.properties[c].add(fields[1])
        for fields in ucd_records(ucd / "LineBreak.txt"):
            if fields[1] in MANDATORY_LINE_BREAKS:
                for c in code_range(fields[0]):
                    self.properties[c].add("Line_Break")

        self.widths = [None] * MAX_CODE
        for fields in ucd_records(ucd / "EastAsianWidth.txt"):
            for c in code_range(fields[0]):
                self.widths[c] = fields[1]

        # Full case mappings: only SpecialCasing's unconditional entries (str.lower's one context rule,
        # the final sigma, is applied in code); case folding's C and F entries.
        self.special_casing = {}
        for fields in ucd_records(ucd / "SpecialCasing.txt"):
            if len(fields) > 4 and fields[4]:
                continue
            lower, title, upper = ([int(x, 16) for x in f.split()] for f in fields[1:4])
            self.special_casing[int(fields[0], 16)] = (lower, title, upper)
        self.case_folding = {}
        for fields in ucd_records(ucd / "CaseFolding.txt"):
            if fields[1] in ("C", "F"):
                self.case_folding[int(fields[0], 16)] = [int(x, 16) for x in fields[2].split()]

        # Numeric values: UnicodeData's field 8, and Unihan's for the ideographs CPython counts as numeric.
        self.numeric = {c: row[8] for c, row in enumerate(self.rows) if row and row[8]}
        with open(ucd / "Unihan_NumericValues.txt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("U+"):
                    code, tag, value = line.split(None, 2)
                    if tag in ("kAccountingNumeric", "kPrimaryNumeric", "kOtherNumeric"):
                        c = int(code[2:], 16)
                        if self.rows[c]:
                            self.numeric[c] = value.strip().replace(",", "")

        self.exclusions = set()
        for fields in ucd_records(ucd / "CompositionExclusions.txt"):
            self.exclusions.update(code_range(fields[0]))

        self.aliases = [(fields[1], int(fields[0], 16)) for fields in ucd_records(ucd / "NameAliases.txt")]
        self.sequences = [
            (fields[0], [int(x, 16) for x in fields[1].split()])
            for fields in ucd_records(ucd / "NamedSequences.txt")
        ]


def numeric_value(text):
    if "/" in text:
        numerator, denominator = text.split("/")
        return float(numerator) / float(denominator)
    return float(text)


def character_records(db):
    """(records, index, extended_case, numeric_values): one record per distinct set of properties."""
    records = [(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    record_ids = {records[0]: 0}
    index = [0] * MAX_CODE
    extended_case = []
    numeric_values = [0.0]
    numeric_ids = {}
    for c in range(MAX_CODE):
        row = db.rows[c]
        if row is None:
            continue
        category, bidi, props = row[2], row[4], db.properties[c]
        flags = 0
        if category in ("Lm", "Lt", "Lu", "Ll", "Lo"):
            flags |= FLAG["ALPHA"]
        if "Lowercase" in props:
            flags |= FLAG["LOWER"]
        if "Uppercase" in props:
            flags |= FLAG["UPPER"]
        if category == "Lt":
            flags |= FLAG["TITLE"]
        if "Line_Break" in props or bidi == "B":
            flags |= FLAG["LINEBREAK"]
        if category == "Zs" or bidi in ("WS", "B", "S"):
            flags |= FLAG["SPACE"]
        if c == 0x20 or category[0] not in "CZ":
            flags |= FLAG["PRINTABLE"]
        if "XID_Start" in props:
            flags |= FLAG["XID_START"]
        if "XID_Continue" in props:
            flags |= FLAG["XID_CONTINUE"]
        if "Cased" in props:
            flags |= FLAG["CASED"]
        if "Case_Ignorable" in props:
            flags |= FLAG["CASE_IGNORABLE"]
        if row[9] == "Y":
            flags |= FLAG["MIRRORED"]

        upper = int(row[12], 16) if row[12] else c
        lower = int(row[13], 16) if row[13] else c
        title = int(row[14], 16) if row[14] else upper
        special = db.special_casing.get(c)
        fold = db.case_folding.get(c, [c])
        if special is None and fold != [lower]:
            special = ([lower], [title], [upper])
        if special is None:
            upper, lower, title = upper - c, lower - c, title - c
        else:
            # Mappings to several characters, or a case folding that differs from the lower case: the
            # characters go to extended_case; a field holds index | count << 24 (| fold count << 20).
            flags |= FLAG["EXTENDED_CASE"]
            lower = len(extended_case) | len(special[0]) << 24
            extended_case += special[0]
            if fold != special[0]:
                lower |= len(fold) << 20
                extended_case += fold
            upper = len(extended_case) | len(special[2]) << 24
            extended_case += special[2]
            if special[1] == special[2]:
                title = upper
            else:
                title = len(extended_case) | len(special[1]) << 24
                extended_case += special[1]

        digit = 0
        if row[6]:
            flags |= FLAG["DECIMAL"]
            digit = int(row[6])
        if row[7]:
            flags |= FLAG["DIGIT"]
            digit = int(row[7])
        numeric = 0
        if c in db.numeric:
            flags |= FLAG["NUMERIC"]
            value = numeric_value(db.numeric[c])
            numeric = numeric_ids.get(value)
            if numeric is None:
                numeric = numeric_ids[value] = len(numeric_values)
                numeric_values.append(value)

        record = (
            CATEGORIES.index(category),
            int(row[3]),
            BIDI_CLASSES.index(bidi),
            EAST_ASIAN_WIDTHS.index(db.widths[c] or "N"),
            flags,
            upper,
            lower,
            title,
            digit,
            numeric,
        )
        record_id = record_ids.get(record)
        if record_id is None:
            record_id = record_ids[record] = len(records)
            records.append(record)
        index[c] = record_id
    assert len(numeric_values) < 256 and len(records) < 65536
    return records, index, extended_case, numeric_values


def decompositions(db):
    """(decomp_index, decomp_data, prefixes, compositions): decomp_data (16-bit) holds, per distinct
    decomposition, a header (prefix index | length << 5) and the code points, those above U+FFFF as UTF-16
    surrogate pairs (no decomposition contains a surrogate); compositions the sorted canonical pairs (first,
    second, composite) that NFC composes (not excluded, first character a starter)."""
    prefixes = [""]
    data = [0]
    offsets = {}
    index = [0] * MAX_CODE
    compositions = []
    for c in range(MAX_CODE):
        row = db.rows[c]
        if row is None or not row[5]:
            continue
        parts = row[5].split()
        prefix = ""
        if parts[0].startswith("<"):
            prefix = parts.pop(0)
        if prefix not in prefixes:
            prefixes.append(prefix)
        codes = [int(x, 16) for x in parts]
        assert len(codes) <= DECOMPOSITION_MAX and len(prefixes) <= 32
        entry = (prefixes.index(prefix) | len(codes) << 5, *utf16(codes))
        offset = offsets.get(entry)
        if offset is None:
            offset = offsets[entry] = len(data)
            data.extend(entry)
        index[c] = offset
        if not prefix and len(codes) == 2 and c not in db.exclusions and db.rows[codes[0]][3] == "0":
            compositions.append((codes[0], codes[1], c))
    assert len(data) < 65536
    compositions.sort()
    return index, data, prefixes, compositions


def utf16(codes):
    units = []
    for c in codes:
        assert not 0xD800 <= c < 0xE000
        if c > 0xFFFF:
            units += [0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF)]
        else:
            units.append(c)
    return units


def names_chunks(db):
    """Raw-deflate chunks of NAMES_PER_CHUNK names each and the first code point of each. A chunk is lines
    'delta;P<rest of the name>': the code point's delta (hex) from the previous one (the chunk's first from
    itself), P the length of the prefix shared with the previous name as one character ('!' + length),
    then the rest of the name."""
    codes = sorted(db.names)
    chunks, firsts = [], []
    for start in range(0, len(codes), NAMES_PER_CHUNK):
        part = codes[start : start + NAMES_PER_CHUNK]
        lines, previous, previous_name = [], part[0], ""
        for c in part:
            name = db.names[c]
            shared = 0
            while shared < min(len(name), len(previous_name)) and name[shared] == previous_name[shared]:
                shared += 1
            lines.append(f"{c - previous:x};{chr(0x21 + shared)}{name[shared:]}")
            previous, previous_name = c, name
        chunks.append(deflate("\n".join(lines) + "\n"))
        firsts.append(part[0])
    return chunks, firsts


def deflate(text):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return compressor.compress(text.encode("ascii")) + compressor.flush()


def split_blocks(values, shift):
    """(block ids, blocks): values cut into blocks of 1 << shift, equal blocks stored once."""
    size = 1 << shift
    ids, block_ids, blocks = [], {}, []
    for start in range(0, len(values), size):
        block = tuple(values[start : start + size])
        block_id = block_ids.get(block)
        if block_id is None:
            block_id = block_ids[block] = len(block_ids)
            blocks.extend(block)
        ids.append(block_id)
    return ids, blocks


def split_levels(values):
    """(index1, index2, index3, shift1, shift2): a three-level lookup at the shifts that make it smallest,
    values[c] == index3[index2[index1[c >> (shift1 + shift2)] << shift1 | (c >> shift2) & mask1] << shift2
    | c & mask2]."""
    best = None
    for shift2 in range(2, 10):
        middle, index3 = split_blocks(values, shift2)
        for shift1 in range(2, 10):
            index1, index2 = split_blocks(middle, shift1)
            size = sum(len(a) * element_size(a) for a in (index1, index2, index3))
            if best is None or size < best[0]:
                best = (size, index1, index2, index3, shift1, shift2)
    return best[1:]


def c_levels(out, name, values):
    index1, index2, index3, shift1, shift2 = split_levels(values)
    out.append(f"#define {name.upper()}_SHIFT1 {shift1}")
    out.append(f"#define {name.upper()}_SHIFT2 {shift2}")
    c_array(out, f"{name}_index1", index1)
    c_array(out, f"{name}_index2", index2)
    c_array(out, f"{name}_index3", index3)


def element_size(values):
    largest = max(values)
    smallest = min(values)
    if smallest < 0:
        return 4
    return 1 if largest < 256 else 2 if largest < 65536 else 4


def c_type(values):
    if min(values) < 0:
        return "int32_t"
    return {1: "uint8_t", 2: "uint16_t", 4: "uint32_t"}[element_size(values)]


def c_array(out, name, values, ctype=None, per_line=16):
    out.append(f"static const {ctype or c_type(values)} {name}[{len(values)}] = {{")
    for start in range(0, len(values), per_line):
        out.append("    " + ", ".join(str(v) for v in values[start : start + per_line]) + ",")
    out.append("};")


def c_string_list(out, name, strings):
    out.append(f"static const char *const {name}[{len(strings)}] = {{")
    out.extend(f'    "{s}",' for s in strings)
    out.append("};")


def main():
    ucd, output = Path(sys.argv[1]), Path(sys.argv[2])
    db = Database(ucd)
    records, index, extended_case, numeric_values = character_records(db)
    decomp_index, decomp_data, prefixes, compositions = decompositions(db)
    chunks, chunk_firsts = names_chunks(db)

    out = [
        f"// Generated by micropython-build/tools/gen_unicode_tables.py from the Unicode {UNIDATA_VERSION}",
        "// Character Database. Do not edit.",
        f'#define UNICODE_DB_VERSION "{UNIDATA_VERSION}"',
    ]
    out.extend(
        f'_Static_assert(UNICODE_FLAG_{name} == 0x{1 << i:x}, "unicode_db.h: flag {name}");'
        for i, name in enumerate(FLAGS)
    )
    out.append("static const unicode_record_t unicode_records[] = {")
    # In unicode_record_t's order: category, combining, bidi, east_asian_width, flags, digit, numeric,
    # upper, lower, title.
    out.extend("    {%d, %d, %d, %d, 0x%x, %d, %d, %d, %d, %d}," % (r[:5] + r[8:] + r[5:8]) for r in records)
    out.append("};")
    c_levels(out, "unicode_record", index)
    c_array(out, "unicode_extended_case", extended_case, "uint32_t")
    out.append(f"static const double unicode_numeric_values[{len(numeric_values)}] = {{")
    out.extend(f"    {v!r}," for v in numeric_values)
    out.append("};")
    c_string_list(out, "unicode_category_names", CATEGORIES)
    c_string_list(out, "unicode_bidi_names", BIDI_CLASSES)
    c_string_list(out, "unicode_east_asian_width_names", EAST_ASIAN_WIDTHS)

    c_string_list(out, "unicode_decomp_prefixes", prefixes)
    c_array(out, "unicode_decomp_data", decomp_data, "uint16_t")
    out.append(f'_Static_assert(UNICODE_DECOMPOSITION_MAX == {DECOMPOSITION_MAX}, "unicode_db.h");')
    c_levels(out, "unicode_decomp", decomp_index)
    out.append(f"static const uint32_t unicode_compositions[{len(compositions)}][3] = {{")
    out.extend("    {%d, %d, %d}," % pair for pair in compositions)
    out.append("};")

    ranges = [v for r in db.cjk_ranges for v in r]
    c_array(out, "unicode_cjk_ideograph_ranges", ranges, "uint32_t")
    offsets = [0]
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    c_array(out, "unicode_name_chunk_first", chunk_firsts, "uint32_t")
    c_array(out, "unicode_name_chunk_offset", offsets, "uint32_t")
    c_array(out, "unicode_name_data", list(b"".join(chunks)), "uint8_t", 32)
    out.append(f"#define UNICODE_NAME_MAX {max(len(n) for n in db.names.values())}")
    out.append(f"#define UNICODE_NAME_CHUNK_MAX {max(len(zlib.decompress(c, -15)) for c in chunks)}")
    extra = [f"{name};{code:x}" for name, code in db.aliases]
    extra += [f"{name};{' '.join(f'{c:x}' for c in codes)}" for name, codes in db.sequences]
    text = "\n".join(extra) + "\n"
    c_array(out, "unicode_alias_data", list(deflate(text)), "uint8_t", 32)
    out.append(f"#define UNICODE_ALIAS_DATA_SIZE {len(text)}")

    output.write_text("\n".join(out) + "\n")
    print(
        f"{len(records)} records, {len(extended_case)} extended case entries, {len(numeric_values)} numeric"
        f" values, {len(decomp_data)} decomposition words, {len(compositions)} compositions,"
        f" names {offsets[-1]} bytes in {len(chunks)} chunks",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
