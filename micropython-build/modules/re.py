# re: CPython 3.11's regular expressions on PCRE2 (the built-in `_pcre2`, port/modpcre2.c).
#
# A pattern is read here the way CPython's re._parser reads it: the same syntax errors with the same
# messages and positions, verbose mode, inline flags, group names and numbers. It is written out in
# PCRE2's syntax where the two differ (\Z, \v, octal and hex escapes, group references by number, named
# groups as plain numbered ones whose names this module keeps, classes with every non-alphanumeric
# member escaped, \s \w \b of str patterns as CPython's Unicode classes), and PCRE2 compiles and matches it. Offsets come back in bytes and code points; the
# scanning functions (findall, finditer, sub, split) move through the subject by both, so each match
# costs time linear in the distance it moved.
import _pcre2
from types import MappingProxyType as _MappingProxyType

__all__ = [
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "compile",
    "purge",
    "escape",
    "error",
    "Pattern",
    "Match",
    "A",
    "I",
    "L",
    "M",
    "S",
    "X",
    "U",
    "ASCII",
    "IGNORECASE",
    "LOCALE",
    "MULTILINE",
    "DOTALL",
    "VERBOSE",
    "UNICODE",
    "NOFLAG",
    "RegexFlag",
]

_FLAG_NAMES = (
    (1, "TEMPLATE"),
    (2, "IGNORECASE"),
    (4, "LOCALE"),
    (8, "MULTILINE"),
    (16, "DOTALL"),
    (32, "UNICODE"),
    (64, "VERBOSE"),
    (128, "DEBUG"),
    (256, "ASCII"),
)


def _flag_text(value):
    names = []
    for bit, name in _FLAG_NAMES:
        if value & bit:
            names.append("re." + name)
            value &= ~bit
    if value:
        names.append(hex(value))
    return "|".join(names) if names else "re.NOFLAG"


class RegexFlag(int):
    def __repr__(self):
        return _flag_text(int(self))

    __str__ = __repr__

    def __format__(self, spec):
        return format(str(self), spec)

    @property
    def name(self):
        for bit, name in _FLAG_NAMES:
            if int(self) == bit:
                return name
        return None if int(self) else "NOFLAG"

    @property
    def value(self):
        return int(self)

    def __or__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    __rand__ = __and__

    def __xor__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) ^ int(other))
        return NotImplemented

    __rxor__ = __xor__


NOFLAG = RegexFlag(0)
T = TEMPLATE = RegexFlag(1)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
U = UNICODE = RegexFlag(32)
X = VERBOSE = RegexFlag(64)
DEBUG = RegexFlag(128)
A = ASCII = RegexFlag(256)

_TYPE_FLAGS = 256 | 4 | 32
_GLOBAL_FLAGS = 128 | 1
_INLINE_FLAGS = {"i": 2, "L": 4, "m": 8, "s": 16, "x": 64, "a": 256, "t": 1, "u": 32}
_MAXREPEAT = 4294967295
_MAXGROUPS = 2147483647 // 2


class error(Exception):
    """Exception raised for invalid regular expressions (msg, pattern, pos, lineno, colno)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


error.__module__ = "re"

_WHITESPACE = " \t\n\r\v\f"
_DIGITS = "0123456789"
_OCTDIGITS = "01234567"
_HEXDIGITS = "0123456789abcdefABCDEF"
_ASCIILETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_ALNUM = _DIGITS + _ASCIILETTERS
# CPython's \s in a str pattern is str.isspace(): PCRE2's Unicode \s and also the separators \x1c-\x1f
# and NEL.
_UNICODE_SPACE = "\\s\\x{1c}-\\x{1f}\\x{85}"
# CPython's \w in a str pattern is str.isalnum() or "_": letters and numbers, not the combining marks (Mn)
# and connector punctuation that PCRE2's Unicode \w adds (NFD text keeps its accents out of words), and
# \b/\B are the boundaries of that \w.
_UNICODE_WORD = "\\p{L}\\p{N}_"
_WORD_BOUNDARY = "(?:(?<=[%s])(?![%s])|(?<![%s])(?=[%s]))" % ((_UNICODE_WORD,) * 4)
_NOT_WORD_BOUNDARY = "(?:(?<=[%s])(?=[%s])|(?<![%s])(?![%s]))" % ((_UNICODE_WORD,) * 4)

# Kinds of the last item, for "nothing to repeat" / "multiple repeat".
_NOTHING = 0
_ITEM = 1
_REPEAT = 2
_ANCHOR = 3


class _Source:
    # CPython's Tokenizer: a backslash and the character after it are one token; bytes are read as
    # latin-1 text.
    def __init__(self, pattern):
        self.pattern = pattern
        self.istext = isinstance(pattern, str)
        self.text = pattern if self.istext else "".join([chr(b) for b in pattern])
        self.index = 0
        self.next = None
        self._advance()

    def _advance(self):
        index = self.index
        text = self.text
        if index >= len(text):
            self.next = None
            return
        char = text[index]
        if char == "\\":
            index += 1
            if index >= len(text):
                raise error("bad escape (end of pattern)", self.pattern, len(self.pattern) - 1)
            char += text[index]
        self.index = index + 1
        self.next = char

    def match(self, char):
        if char == self.next:
            self._advance()
            return True
        return False

    def get(self):
        this = self.next
        self._advance()
        return this

    def getwhile(self, n, charset):
        result = ""
        for _ in range(n):
            c = self.next
            if c is None or c not in charset:
                break
            result += c
            self._advance()
        return result

    def getuntil(self, terminator, name):
        result = ""
        while True:
            c = self.next
            self._advance()
            if c is None:
                if not result:
                    raise self.error("missing " + name)
                raise self.error("missing %s, unterminated name" % terminator, len(result))
            if c == terminator:
                if not result:
                    raise self.error("missing " + name, 1)
                break
            result += c
        return result

    def tell(self):
        return self.index - len(self.next or "")

    def seek(self, index):
        self.index = index
        self._advance()

    def error(self, msg, offset=0):
        return error(msg, self.pattern, self.tell() - offset)


def _hex(value):
    return "\\x{%x}" % value


class _Translator:
    def __init__(self, pattern, flags):
        self.source = _Source(pattern)
        self.istext = self.source.istext
        self.flags = flags
        self.out = []
        self.groups = 0
        self.groupindex = {}
        self.parents = [0]
        self.open_groups = []  # stack of [kind, start, group, verbose before, branches, ASCII-only (?a:...)]
        self.condrefs = {}

    def literal(self, code):
        # One character (a code point, or a byte of a bytes pattern) as PCRE2 text outside a class: a
        # letter, digit or "_" as itself, any other ASCII character or byte as a \x{..} escape, which is
        # always a literal in PCRE2.
        if code < 128:
            c = chr(code)
            if c in _ALNUM or c == "_":
                return c
            return _hex(code)
        if self.istext:
            if self.ascii_case():
                # under re.ASCII a non-ASCII letter has no other case, also with re.IGNORECASE
                return "(?-i:" + chr(code) + ")"
            return chr(code)
        return _hex(code)

    def class_literal(self, code):
        c = chr(code)
        if code < 128 and c in _ALNUM:
            return c
        return _hex(code)

    def ascii_case(self):
        # re.ASCII or a (?a:...) group in effect in a str pattern: IGNORECASE folds ASCII letters only
        return self.istext and (self.flags & 256 or any(entry[5] for entry in self.open_groups))

    def unicode_space(self):
        # Unicode \s, \w and \b of a str pattern, unless re.ASCII or a (?a:...) group is in effect
        return self.istext and not self.flags & 256 and not any(entry[5] for entry in self.open_groups)

    def checkgroup(self, gid):
        for entry in self.open_groups:
            if entry[2] == gid:
                return False
        return gid <= self.groups

    def opengroup(self, name, start):
        self.groups += 1
        gid = self.groups
        if name is not None:
            old = self.groupindex.get(name)
            if old is not None:
                raise error(
                    "redefinition of group name %r as group %d; was group %d" % (name, gid, old),
                    self.source.pattern,
                    start,
                )
            self.groupindex[name] = gid
        parent = 0
        for entry in reversed(self.open_groups):
            if entry[2]:
                parent = entry[2]
                break
        self.parents.append(parent)
        return gid

    def escape_code(self, escape):
        # The common part of _escape/_class_escape: \x \u \U \N; returns a code point or None.
        source = self.source
        c = escape[1:2]
        if c == "x":
            escape += source.getwhile(2, _HEXDIGITS)
            if len(escape) != 4:
                raise source.error("incomplete escape %s" % escape, len(escape))
            return int(escape[2:], 16)
        if c == "u" and self.istext:
            escape += source.getwhile(4, _HEXDIGITS)
            if len(escape) != 6:
                raise source.error("incomplete escape %s" % escape, len(escape))
            return int(escape[2:], 16)
        if c == "U" and self.istext:
            escape += source.getwhile(8, _HEXDIGITS)
            if len(escape) != 10:
                raise source.error("incomplete escape %s" % escape, len(escape))
            code = int(escape[2:], 16)
            if code > 0x10FFFF:
                raise source.error("bad escape %s" % escape, len(escape))
            return code
        if c == "N" and self.istext:
            import unicodedata

            if not source.match("{"):
                raise source.error("missing {")
            charname = source.getuntil("}", "character name")
            try:
                return ord(unicodedata.lookup(charname))
            except (KeyError, TypeError):
                raise source.error("undefined character name %r" % charname, len(charname) + 4) from None
        return None

    def class_escape(self, escape):
        # Returns (kind, value): ("lit", code) or ("cat", PCRE2 text).
        source = self.source
        c = escape[1]
        if c in _SIMPLE_ESCAPES:
            return "lit", _SIMPLE_ESCAPES[c]
        if c == "s" and self.unicode_space():
            return "cat", _UNICODE_SPACE
        if c in "wW" and self.unicode_space():
            return ("cat", _UNICODE_WORD) if c == "w" else ("notword", None)
        if c in "dDsSwW":
            return "cat", escape
        code = self.escape_code(escape)
        if code is not None:
            return "lit", code
        if c in _OCTDIGITS:
            escape += source.getwhile(2, _OCTDIGITS)
            code = int(escape[1:], 8)
            if code > 0o377:
                raise source.error("octal escape value %s outside of range 0-0o377" % escape, len(escape))
            return "lit", code
        if c in _DIGITS or c in _ASCIILETTERS:
            raise source.error("bad escape %s" % escape, len(escape))
        return "lit", ord(c)

    def escape(self, escape):
        # An escape outside a class: returns (PCRE2 text, item kind).
        source = self.source
        c = escape[1]
        if c in "bB" and self.unicode_space():
            return (_WORD_BOUNDARY if c == "b" else _NOT_WORD_BOUNDARY), _ANCHOR
        if c in "AZbB":
            return ("\\z" if c == "Z" else escape), _ANCHOR
        if c in "sS" and self.unicode_space():
            return ("[^" if c == "S" else "[") + _UNICODE_SPACE + "]", _ITEM
        if c in "wW" and self.unicode_space():
            return ("[^" if c == "W" else "[") + _UNICODE_WORD + "]", _ITEM
        if c in "dDsSwW":
            return escape, _ITEM
        if c in _SIMPLE_ESCAPES:
            return self.literal(_SIMPLE_ESCAPES[c]), _ITEM
        code = self.escape_code(escape)
        if code is not None:
            return self.literal(code), _ITEM
        if c == "0":
            escape += source.getwhile(2, _OCTDIGITS)
            return self.literal(int(escape[1:], 8)), _ITEM
        if c in _DIGITS:
            if source.next is not None and source.next in _DIGITS:
                escape += source.get()
                if (
                    escape[1] in _OCTDIGITS
                    and escape[2] in _OCTDIGITS
                    and source.next is not None
                    and source.next in _OCTDIGITS
                ):
                    escape += source.get()
                    code = int(escape[1:], 8)
                    if code > 0o377:
                        raise source.error(
                            "octal escape value %s outside of range 0-0o377" % escape, len(escape)
                        )
                    return self.literal(code), _ITEM
            group = int(escape[1:])
            if group <= self.groups:
                if not self.checkgroup(group):
                    raise source.error("cannot refer to an open group", len(escape))
                return "\\g{%d}" % group, _ITEM
            raise source.error("invalid group reference %d" % group, len(escape) - 1)
        if c in _ASCIILETTERS:
            raise source.error("bad escape %s" % escape, len(escape))
        return self.literal(ord(c)), _ITEM

    def parse_class(self):
        source = self.source
        here = source.tell() - 1
        negate = source.match("^")
        items = []
        while True:
            this = source.get()
            if this is None:
                raise source.error("unterminated character set", source.tell() - here)
            if this == "]" and items:
                break
            if this[0] == "\\":
                code1 = self.class_escape(this)
            else:
                code1 = ("lit", ord(this))
            if source.match("-"):
                that = source.get()
                if that is None:
                    raise source.error("unterminated character set", source.tell() - here)
                if that == "]":
                    items.append(code1)
                    items.append(("lit", 45))
                    break
                if that[0] == "\\":
                    code2 = self.class_escape(that)
                else:
                    code2 = ("lit", ord(that))
                if code1[0] != "lit" or code2[0] != "lit" or code2[1] < code1[1]:
                    raise source.error("bad character range %s-%s" % (this, that), len(this) + 1 + len(that))
                items.append(("range", (code1[1], code2[1])))
            else:
                items.append(code1)
        parts = ["[^" if negate else "["]
        notword = False
        for kind, value in items:
            if kind == "notword":
                notword = True
            elif kind == "lit":
                parts.append(self.class_literal(value))
            elif kind == "cat":
                parts.append(value)
            else:
                parts.append(self.class_literal(value[0]) + "-" + self.class_literal(value[1]))
        parts.append("]")
        if self.ascii_case() and any(
            (kind == "lit" and value > 127) or (kind == "range" and value[1] > 127) for kind, value in items
        ):
            return self.ascii_case_class(items, negate)
        if notword:
            # \W in a class is the complement of a union, which a PCRE2 class cannot hold: [X\W] is X or
            # a non-word character, [^X\W] a word character that is not X
            rest = "[" + "".join(parts[1:]) if len(parts) > 2 else None
            if negate:
                word = "[" + _UNICODE_WORD + "]"
                return "(?:(?!" + rest + ")" + word + ")" if rest else word
            nonword = "[^" + _UNICODE_WORD + "]"
            return "(?:" + rest + "|" + nonword + ")" if rest else nonword
        return "".join(parts)

    def ascii_case_class(self, items, negate):
        # A class with non-ASCII members under re.ASCII: those are matched without IGNORECASE, in a class
        # of their own, the ASCII members (and \d \s \w) with it, as CPython folds ASCII letters only.
        ascii = []
        other = []
        for kind, value in items:
            if kind == "lit":
                (other if value > 127 else ascii).append(self.class_literal(value))
            elif kind == "cat":
                ascii.append(value)
            else:
                lo, hi = value
                if lo < 128:
                    ascii.append(self.class_literal(lo) + "-" + self.class_literal(min(hi, 127)))
                if hi > 127:
                    other.append(self.class_literal(max(lo, 128)) + "-" + self.class_literal(hi))
        other = "".join(other)
        ascii = "".join(ascii)
        if negate:
            if not ascii:
                return "(?-i:[^" + other + "])"
            return "(?:(?!(?-i:[" + other + "]))[^" + ascii + "])"
        if not ascii:
            return "(?-i:[" + other + "])"
        return "(?:[" + ascii + "]|(?-i:[" + other + "]))"

    def parse_flags(self, char):
        # CPython's _parse_flags: returns None for global flags, else (add, remove).
        source = self.source
        add_flags = 0
        del_flags = 0
        if char != "-":
            while True:
                flag = _INLINE_FLAGS[char]
                if self.istext:
                    if char == "L":
                        raise source.error("bad inline flags: cannot use 'L' flag with a str pattern")
                elif char == "u":
                    raise source.error("bad inline flags: cannot use 'u' flag with a bytes pattern")
                add_flags |= flag
                if (flag & _TYPE_FLAGS) and (add_flags & _TYPE_FLAGS) != flag:
                    raise source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
                char = source.get()
                if char is None:
                    raise source.error("missing -, : or )")
                if char in ")-:":
                    break
                if char not in _INLINE_FLAGS:
                    msg = "unknown flag" if char.isalpha() else "missing -, : or )"
                    raise source.error(msg, len(char))
        if char == ")":
            self.flags |= add_flags
            return None
        if add_flags & _GLOBAL_FLAGS:
            raise source.error("bad inline flags: cannot turn on global flag", 1)
        if char == "-":
            char = source.get()
            if char is None:
                raise source.error("missing flag")
            if char not in _INLINE_FLAGS:
                msg = "unknown flag" if char.isalpha() else "missing flag"
                raise source.error(msg, len(char))
            while True:
                flag = _INLINE_FLAGS[char]
                if flag & _TYPE_FLAGS:
                    raise source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
                del_flags |= flag
                char = source.get()
                if char is None:
                    raise source.error("missing :")
                if char == ":":
                    break
                if char not in _INLINE_FLAGS:
                    msg = "unknown flag" if char.isalpha() else "missing :"
                    raise source.error(msg, len(char))
        if del_flags & _GLOBAL_FLAGS:
            raise source.error("bad inline flags: cannot turn off global flag", 1)
        if add_flags & del_flags:
            raise source.error("bad inline flags: flag turned on and off", 1)
        return add_flags, del_flags

    def group_name(self, terminator, offset_extra=1):
        name = self.source.getuntil(terminator, "group name")
        if not name.isidentifier():
            raise self.source.error("bad character in group name %r" % name, len(name) + offset_extra)
        return name

    def open_group(self, start):
        # After "(": returns the PCRE2 text of the opening, the group's kind and number, or None when
        # the construct is complete (a comment, global flags, a named back-reference: text in self.out).
        source = self.source
        if not source.match("?"):
            gid = self.opengroup(None, start)
            return "(", "group", gid, None
        char = source.get()
        if char is None:
            raise source.error("unexpected end of pattern")
        if char == "P":
            if source.match("<"):
                name = self.group_name(">")
                gid = self.opengroup(name, source.tell() - len(name) - 1)
                return "(", "group", gid, None
            if source.match("="):
                name = self.group_name(")")
                gid = self.groupindex.get(name)
                if gid is None:
                    raise source.error("unknown group name %r" % name, len(name) + 1)
                if not self.checkgroup(gid):
                    raise source.error("cannot refer to an open group", len(name) + 1)
                return "\\g{%d}" % gid, "ref", 0, None
            char = source.get()
            if char is None:
                raise source.error("unexpected end of pattern")
            raise source.error("unknown extension ?P" + char, len(char) + 2)
        if char == ":":
            return "(?:", "group", 0, None
        if char == "#":
            while True:
                if source.next is None:
                    raise source.error("missing ), unterminated comment", source.tell() - start)
                if source.get() == ")":
                    break
            return None, "comment", 0, None
        if char in "=!":
            return "(?" + char, "group", 0, None
        if char == "<":
            char = source.get()
            if char is None:
                raise source.error("unexpected end of pattern")
            if char not in "=!":
                raise source.error("unknown extension ?<" + char, len(char) + 2)
            return "(?<" + char, "group", 0, None
        if char == "(":
            condname = source.getuntil(")", "group name")
            if condname.isidentifier():
                condgroup = self.groupindex.get(condname)
                if condgroup is None:
                    raise source.error("unknown group name %r" % condname, len(condname) + 1)
            else:
                try:
                    condgroup = int(condname)
                    if condgroup < 0:
                        raise ValueError
                except ValueError:
                    raise source.error(
                        "bad character in group name %r" % condname, len(condname) + 1
                    ) from None
                if not condgroup:
                    raise source.error("bad group number", len(condname) + 1)
                if condgroup >= _MAXGROUPS:
                    raise source.error("invalid group reference %d" % condgroup, len(condname) + 1)
                if condgroup not in self.condrefs:
                    self.condrefs[condgroup] = source.tell() - len(condname) - 1
            return "(?(%d)" % condgroup, "cond", 0, None
        if char == ">":
            return "(?>", "group", 0, None
        if char in _INLINE_FLAGS or char == "-":
            flags = self.parse_flags(char)
            if flags is None:
                return None, "global", 0, None
            add_flags, del_flags = flags
            on = "".join(letter for letter in "ims" if add_flags & _INLINE_FLAGS[letter])
            off = "".join(letter for letter in "ims" if del_flags & _INLINE_FLAGS[letter])
            text = "(?" + on + ("-" + off if off else "") + ":"
            if add_flags & 256 and self.istext:
                # ASCII-only \d \s \w \b inside the group, and no case-folding between ASCII and other
                # letters (k and the Kelvin sign)
                text += "(?aD)(?aS)(?aW)(?r)"
            return text, "group", 0, (add_flags, del_flags)
        raise source.error("unknown extension ?" + char, len(char) + 1)

    def translate(self):
        source = self.source
        out = self.out
        verbose = bool(self.flags & 64)
        last = _NOTHING
        at_start = True
        while True:
            this = source.next
            if this is None:
                break
            start = source.tell()
            source.get()
            if verbose:
                if this in _WHITESPACE:
                    continue
                if this == "#":
                    while True:
                        this = source.get()
                        if this is None or this == "\n":
                            break
                    continue
            if this[0] == "\\":
                text, last = self.escape(this)
                out.append(text)
                at_start = False
            elif this == "[":
                out.append(self.parse_class())
                last = _ITEM
                at_start = False
            elif this in "*+?{":
                here = source.tell()
                if this == "{":
                    if source.next == "}":
                        out.append("\\{")
                        last = _ITEM
                        at_start = False
                        continue
                    lo = hi = ""
                    while source.next is not None and source.next in _DIGITS:
                        lo += source.get()
                    if source.match(","):
                        while source.next is not None and source.next in _DIGITS:
                            hi += source.get()
                        comma = True
                    else:
                        hi = lo
                        comma = False
                    if not source.match("}"):
                        out.append("\\{")
                        last = _ITEM
                        at_start = False
                        source.seek(here)
                        continue
                    if lo and int(lo) >= _MAXREPEAT or hi and int(hi) >= _MAXREPEAT:
                        raise OverflowError("the repetition number is too large")
                    if hi and int(hi) < int(lo or "0"):
                        raise source.error("min repeat greater than max repeat", source.tell() - here)
                    quantifier = "{%d%s%s}" % (
                        int(lo or "0"),
                        "," if comma else "",
                        str(int(hi)) if comma and hi else "",
                    )
                else:
                    quantifier = this
                if last == _NOTHING or last == _ANCHOR:
                    raise source.error("nothing to repeat", source.tell() - here + len(this))
                if last == _REPEAT:
                    raise source.error("multiple repeat", source.tell() - here + len(this))
                if source.match("?"):
                    quantifier += "?"
                elif source.match("+"):
                    quantifier += "+"
                out.append(quantifier)
                last = _REPEAT
            elif this == "|":
                out.append("|")
                last = _NOTHING
                at_start = False
                if self.open_groups:
                    group = self.open_groups[-1]
                    if group[0] == "cond" and group[4]:
                        raise source.error("conditional backref with more than two branches", 1)
                    group[4] += 1
            elif this == ")":
                if not self.open_groups:
                    raise source.error("unbalanced parenthesis", 1)
                verbose = self.open_groups.pop()[3]
                out.append(")")
                last = _ITEM
            elif this == "(":
                text, kind, gid, scoped = self.open_group(start)
                if kind == "comment":
                    continue
                if kind == "global":
                    if not at_start:
                        raise source.error(
                            "global flags not at the start of the expression", source.tell() - start
                        )
                    verbose = bool(self.flags & 64)
                    continue
                at_start = False
                out.append(text)
                if kind == "ref":
                    last = _ITEM
                    continue
                sub_verbose = verbose
                if scoped is not None:
                    sub_verbose = bool((verbose or scoped[0] & 64) and not scoped[1] & 64)
                self.open_groups.append([kind, start, gid, verbose, 0, scoped is not None and scoped[0] & 256])
                verbose = sub_verbose
                last = _NOTHING
            elif this == "^" or this == "$":
                out.append(this)
                last = _ANCHOR
                at_start = False
            elif this == ".":
                out.append(".")
                last = _ITEM
                at_start = False
            else:
                out.append(self.literal(ord(this)))
                last = _ITEM
                at_start = False
        if self.open_groups:
            raise error("missing ), unterminated subpattern", source.pattern, self.open_groups[-1][1])
        for gid, pos in self.condrefs.items():
            if gid > self.groups:
                raise error("invalid group reference %d" % gid, source.pattern, pos)
        return "".join(out)


# PCRE2 errors the translation above lets through (limits of PCRE2's own, fixed-width look-behinds).
def _pcre2_error(message, pattern):
    if "lookbehind" in message:
        return error("look-behind requires fixed-width pattern")
    return error(message, pattern)


class Pattern:
    """A compiled regular expression (re.compile)."""

    def __init__(self, pattern, flags):
        translator = _Translator(pattern, flags)
        text = translator.translate()
        flags = translator.flags
        istext = translator.istext
        if istext:
            if flags & LOCALE:
                raise ValueError("cannot use LOCALE flag with a str pattern")
            if not flags & ASCII:
                flags |= UNICODE
            elif flags & UNICODE:
                raise ValueError("ASCII and UNICODE flags are incompatible")
        else:
            if flags & UNICODE:
                raise ValueError("cannot use UNICODE flag with a bytes pattern")
            if flags & LOCALE and flags & ASCII:
                raise ValueError("ASCII and LOCALE flags are incompatible")
        options = _pcre2.ALT_CIRCUMFLEX
        if flags & IGNORECASE:
            options |= _pcre2.CASELESS
        if flags & MULTILINE:
            options |= _pcre2.MULTILINE
        if flags & DOTALL:
            options |= _pcre2.DOTALL
        if istext:
            options |= _pcre2.UTF
            if not flags & ASCII:
                options |= _pcre2.UCP
            else:
                # IGNORECASE folds ASCII letters only: no k for the Kelvin sign (the translation keeps
                # non-ASCII letters to their own case)
                text = "(?r)" + text
        try:
            self._code = _pcre2.compile(text if istext else text.encode(), options)
        except ValueError as e:
            if len(e.args) != 3:
                raise
            raise _pcre2_error(e.args[1], pattern) from None
        self.pattern = pattern
        self.flags = int(flags)
        self.groups = translator.groups
        self._istext = istext
        self._subject_type = str if istext else bytes
        self._groupindex = translator.groupindex
        self._parents = translator.parents
        self._names = {gid: name for name, gid in translator.groupindex.items()}
        self._templates = {}

    @property
    def groupindex(self):
        return _MappingProxyType(self._groupindex)

    def __repr__(self):
        flags = self.flags
        if self._istext and flags & (LOCALE | UNICODE | ASCII) == UNICODE:
            flags &= ~UNICODE
        text = repr(self.pattern)[:200]
        if flags:
            return "re.compile(%s, %s)" % (text, _flag_text(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def _bounds(self, string, pos, endpos):
        # (byte offset, code point offset) where the search starts, the byte offset where it ends (-1: the
        # end), and pos/endpos as a Match reports them (endpos None: the length).
        if self._istext:
            if not isinstance(string, str):
                if isinstance(string, (bytes, bytearray, memoryview)):
                    raise TypeError("cannot use a string pattern on a bytes-like object")
                raise TypeError("expected string or bytes-like object, got %r" % type(string).__name__)
        elif not isinstance(string, (bytes, bytearray, memoryview)):
            if isinstance(string, str):
                raise TypeError("cannot use a bytes pattern on a string-like object")
            raise TypeError("expected string or bytes-like object, got %r" % type(string).__name__)
        if pos == 0 and endpos is None:
            return 0, 0, -1, 0, None
        length = len(string)
        if pos < 0:
            pos = 0
        elif pos > length:
            pos = length
        if endpos is None or endpos >= length:
            endpos = length
            byte_end = -1
        else:
            if endpos < 0:
                endpos = 0
            byte_end = _pcre2.byte_offset(string, endpos) if self._istext else endpos
        byte_pos = _pcre2.byte_offset(string, pos) if self._istext and pos else pos
        return byte_pos, pos, byte_end, pos, endpos

    def _slice(self, string, start, end):
        if self._istext:
            return _pcre2.substr(string, start, end)
        return bytes(string[start:end])  # bytes also for a bytearray or memoryview subject, as CPython

    def _tail(self, string, start):
        if self._istext:
            return _pcre2.substr(string, start, -1)
        return bytes(string[start:])

    def _match(self, string, pos, endpos, options):
        byte_pos, char_pos, byte_end, pos, endpos = self._bounds(string, pos, endpos)
        offsets = _pcre2.match(self._code, string, byte_pos, char_pos, byte_end, options)
        if offsets is None:
            return None
        return Match(self, string, offsets, pos, endpos)

    def search(self, string, pos=0, endpos=None):
        if pos == 0 and endpos is None and type(string) is self._subject_type:
            offsets = _pcre2.match(self._code, string, 0, 0, -1, 0)
            return None if offsets is None else Match(self, string, offsets, 0, None)
        return self._match(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._match(string, pos, endpos, _pcre2.ANCHORED)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._match(string, pos, endpos, _pcre2.ANCHORED | _pcre2.ENDANCHORED)

    def _scan(self, string, pos, endpos, limit=0):
        # Every match (at most `limit` when positive), as offset tuples (_pcre2.scan).
        byte_pos, char_pos, byte_end, _, _ = self._bounds(string, pos, endpos)
        return _pcre2.scan(self._code, string, byte_pos, char_pos, byte_end, limit)

    def finditer(self, string, pos=0, endpos=None):
        _, _, _, pos, endpos = self._bounds(string, pos, endpos)  # type errors now, not at the first next()
        return callable_iterator(self, string, self._scan(string, pos, endpos), pos, endpos)

    def findall(self, string, pos=0, endpos=None):
        groups = self.groups
        empty = "" if self._istext else b""
        result = []
        for offsets in self._scan(string, pos, endpos):
            if groups == 0:
                result.append(self._slice(string, offsets[0], offsets[1]))
            elif groups == 1:
                start = offsets[2]
                result.append(empty if start < 0 else self._slice(string, start, offsets[3]))
            else:
                items = []
                for i in range(2, 2 * groups + 2, 2):
                    start = offsets[i]
                    items.append(empty if start < 0 else self._slice(string, start, offsets[i + 1]))
                result.append(tuple(items))
        return result

    def split(self, string, maxsplit=0):
        pieces = []
        last = 0
        groups = self.groups
        for offsets in self._scan(string, 0, None, maxsplit) if maxsplit >= 0 else ():
            pieces.append(self._slice(string, last, offsets[0]))
            for i in range(2, 2 * groups + 2, 2):
                start = offsets[i]
                pieces.append(None if start < 0 else self._slice(string, start, offsets[i + 1]))
            last = offsets[1]
        pieces.append(self._tail(string, last))
        return pieces

    def _template(self, repl):
        template = self._templates.get(repl)
        if template is None:
            template = _parse_template(repl, self)
            if len(self._templates) >= 64:
                self._templates.clear()
            self._templates[repl] = template
        return template

    def subn(self, repl, string, count=0):
        if callable(repl):
            template = None
        else:
            if self._istext:
                if not isinstance(repl, str):
                    raise TypeError("expected str instance, %s found" % type(repl).__name__)
            elif not isinstance(repl, (bytes, bytearray)):
                raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)
            template = self._template(repl)
        # As CPython builds its list: empty segments are left out, and so is a None from the callable.
        matches = self._scan(string, 0, None, count) if count >= 0 else ()
        if not matches:
            return string if isinstance(string, (str, bytes)) else bytes(string), 0
        literal = (
            template[0]
            if template is not None and len(template) == 1 and not isinstance(template[0], int)
            else None
        )
        take = self._slice
        pieces = []
        append = pieces.append
        last = 0
        for offsets in matches:
            start = offsets[0]
            if last < start:
                append(take(string, last, start))
            if literal is not None:
                append(literal)
            elif template is None:
                item = repl(Match(self, string, offsets, 0, None))
                if item is not None:
                    if not isinstance(item, str if self._istext else (bytes, bytearray)):
                        raise TypeError(
                            "sequence item %d: expected %s, %s found"
                            % (
                                len(pieces),
                                "str instance" if self._istext else "a bytes-like object",
                                type(item).__name__,
                            )
                        )
                    append(item)
            elif template:
                append(_expand(self, string, offsets, template))
            last = offsets[1]
        append(self._tail(string, last))
        return ("" if self._istext else b"").join(pieces), len(matches)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]


class callable_iterator:
    """What finditer returns: its matches one by one (CPython's type has this name)."""

    def __init__(self, pattern, string, scan, pos, endpos):
        self._pattern = pattern
        self._string = string
        self._scan = iter(scan)
        self._pos = pos
        self._endpos = endpos

    def __iter__(self):
        return self

    def __next__(self):
        return Match(self._pattern, self._string, next(self._scan), self._pos, self._endpos)


def _parse_template(repl, pattern):
    # CPython's re._parser.parse_template: a list of literal pieces and group numbers.
    source = _Source(repl)
    istext = source.istext
    items = []
    literal = []

    def addgroup(index, pos):
        if index > pattern.groups:
            raise source.error("invalid group reference %d" % index, pos)
        if literal:
            items.append("".join(literal))
            del literal[:]
        items.append(index)

    while True:
        this = source.get()
        if this is None:
            break
        if this[0] == "\\":
            c = this[1]
            if c == "g":
                if not source.match("<"):
                    raise source.error("missing <")
                name = source.getuntil(">", "group name")
                if name.isidentifier():
                    try:
                        index = pattern._groupindex[name]
                    except KeyError:
                        raise IndexError("unknown group name %r" % name) from None
                else:
                    try:
                        index = int(name)
                        if index < 0:
                            raise ValueError
                    except ValueError:
                        raise source.error("bad character in group name %r" % name, len(name) + 1) from None
                    if index >= _MAXGROUPS:
                        raise source.error("invalid group reference %d" % index, len(name) + 1)
                addgroup(index, len(name) + 1)
            elif c == "0":
                if source.next is not None and source.next in _OCTDIGITS:
                    this += source.get()
                    if source.next is not None and source.next in _OCTDIGITS:
                        this += source.get()
                literal.append(chr(int(this[1:], 8) & 0xFF))
            elif c in _DIGITS:
                isoctal = False
                if source.next is not None and source.next in _DIGITS:
                    this += source.get()
                    if (
                        c in _OCTDIGITS
                        and this[2] in _OCTDIGITS
                        and source.next is not None
                        and source.next in _OCTDIGITS
                    ):
                        this += source.get()
                        isoctal = True
                        code = int(this[1:], 8)
                        if code > 0o377:
                            raise source.error(
                                "octal escape value %s outside of range 0-0o377" % this, len(this)
                            )
                        literal.append(chr(code))
                if not isoctal:
                    addgroup(int(this[1:]), len(this) - 1)
            elif c in _SIMPLE_ESCAPES:
                literal.append(chr(_SIMPLE_ESCAPES[c]))
            elif c in _ASCIILETTERS:
                raise source.error("bad escape %s" % this, len(this))
            else:
                literal.append(this)
        else:
            literal.append(this)
    if literal:
        items.append("".join(literal))
    if not istext:
        items = [item if isinstance(item, int) else bytes([ord(c) for c in item]) for item in items]
    return items


def _expand(pattern, string, offsets, template):
    empty = "" if pattern._istext else b""
    pieces = []
    for item in template:
        if isinstance(item, int):
            start = offsets[2 * item]
            if start >= 0:
                pieces.append(pattern._slice(string, start, offsets[2 * item + 1]))
        else:
            pieces.append(item)
    return empty.join(pieces)


class Match:
    """The result of a successful match (Pattern.match, search, fullmatch, finditer)."""

    def __init__(self, pattern, string, offsets, pos, endpos):
        self.re = pattern
        self.string = string
        self._offsets = offsets
        self.pos = pos
        self._endpos = endpos

    @property
    def endpos(self):
        return len(self.string) if self._endpos is None else self._endpos

    def _index(self, group):
        if isinstance(group, int):
            if 0 <= group <= self.re.groups:
                return int(group)
        elif isinstance(group, str):
            index = self.re._groupindex.get(group)
            if index is not None:
                return index
        raise IndexError("no such group")

    def _group(self, index, default=None):
        offsets = self._offsets
        start = offsets[2 * index]
        if start < 0:
            return default
        return self.re._slice(self.string, start, offsets[2 * index + 1])

    def group(self, *groups):
        if not groups:
            return self._group(0)
        if len(groups) == 1:
            group = groups[0]
            if type(group) is int and 0 <= group <= self.re.groups:
                return self._group(group)
            return self._group(self._index(group))
        return tuple([self._group(self._index(g)) for g in groups])

    def __getitem__(self, group):
        return self._group(self._index(group))

    def groups(self, default=None):
        return tuple([self._group(i, default) for i in range(1, self.re.groups + 1)])

    def groupdict(self, default=None):
        return {name: self._group(index, default) for name, index in self.re._groupindex.items()}

    def start(self, group=0):
        return self._offsets[2 * self.re.groups + 2 + 2 * self._index(group)]

    def end(self, group=0):
        return self._offsets[2 * self.re.groups + 3 + 2 * self._index(group)]

    def span(self, group=0):
        index = self._index(group)
        base = 2 * self.re.groups + 2 + 2 * index
        return self._offsets[base], self._offsets[base + 1]

    @property
    def regs(self):
        return tuple([self.span(i) for i in range(self.re.groups + 1)])

    @property
    def lastindex(self):
        # The group that closed last: of the groups that end furthest, the last one not inside another.
        offsets = self._offsets
        best = -1
        candidates = []
        for index in range(1, self.re.groups + 1):
            end = offsets[2 * index + 1]
            if end > best:
                best = end
                candidates = [index]
            elif end == best and end >= 0:
                candidates.append(index)
        result = None
        parents = self.re._parents
        for index in candidates:
            parent = parents[index]
            while parent and parent not in candidates:
                parent = parents[parent]
            if not parent:
                result = index
        return result

    @property
    def lastgroup(self):
        index = self.lastindex
        return None if index is None else self.re._names.get(index)

    def expand(self, template):
        return _expand(self.re, self.string, self._offsets, self.re._template(template))

    def __repr__(self):
        return "<re.Match object; span=(%d, %d), match=%s>" % (
            self.start(),
            self.end(),
            repr(self.group())[:50],
        )

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    flags = int(flags)
    key = (type(pattern), pattern, flags)
    compiled = _cache.get(key)
    if compiled is None:
        if not isinstance(pattern, (str, bytes)):
            raise TypeError("first argument must be string or compiled pattern")
        compiled = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            del _cache[next(iter(_cache))]
        _cache[key] = compiled
    return compiled


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def purge():
    _cache.clear()


class Scanner:
    """CPython's re.Scanner: scan() matches the lexicon's patterns in order at each position (the first that
    matches wins, as in CPython's alternation of them) and collects what their actions return."""

    def __init__(self, lexicon, flags=0):
        self.lexicon = lexicon
        self._rules = [(compile(phrase, flags), action) for phrase, action in lexicon]

    def scan(self, string):
        result = []
        i = 0
        while True:
            for pattern, action in self._rules:
                m = pattern.match(string, i)
                if m:
                    break
            else:
                break
            j = m.end()
            if i == j:
                break
            if callable(action):
                self.match = m
                action = action(self, m.group())
            if action is not None:
                result.append(action)
            i = j
        return result, string[i:]


_ESCAPED = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"


def escape(pattern):
    if isinstance(pattern, str):
        return "".join(["\\" + c if c in _ESCAPED else c for c in pattern])
    out = bytearray()
    for b in pattern:
        if chr(b) in _ESCAPED:
            out.append(92)
        out.append(b)
    return bytes(out)
