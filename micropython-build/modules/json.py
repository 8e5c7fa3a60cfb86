"""CPython's `json` on top of MicroPython's built-in one.

`dumps`/`dump` (`skipkeys`, `ensure_ascii`, `check_circular`, `allow_nan`, `cls`, `indent`, `separators`,
`default`, `sort_keys`), `loads`/`load` (`cls`, `object_hook`, `parse_float`, `parse_int`,
`parse_constant`, `object_pairs_hook`, `strict`), `JSONEncoder` (`default`, `encode`, `iterencode`),
`JSONDecoder` (`decode`, `raw_decode`), `JSONDecodeError` with `msg`, `doc`, `pos`, `lineno`, `colno`:
written from CPython's documentation, output and error messages as CPython 3.11's.

The plain cases run in C (patch 0120: `ujson._fast_dumps`/`_fast_loads`, strict versions of the
built-in's): `dumps` when only `ensure_ascii`, `indent` and `separators` are given and the data is made of
exact dicts, lists, tuples, strs, ints, floats, bools and None; `loads` without hooks on valid JSON.
Anything else (subclasses, `default=`, invalid input, for CPython's messages) takes the Python path.
"""

import ujson as _c

__all__ = ["dump", "dumps", "load", "loads", "JSONDecoder", "JSONDecodeError", "JSONEncoder"]

_INFINITY = float("inf")


class JSONDecodeError(ValueError):
    """Subclass of ValueError with: msg, doc, pos, lineno, colno."""

    __module__ = "json.decoder"  # as CPython names it

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        super().__init__("%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


# ---- encoding ----------------------------------------------------------------------------------------

def _encode_str_ascii(s):
    return _c._fast_dumps(s if type(s) is str else s[:], True, None, "", "")


def _encode_str_unicode(s):
    return _c._fast_dumps(s if type(s) is str else s[:], False, None, "", "")


def _float_repr(o, allow_nan):
    if o != o:
        text = "NaN"
    elif o == _INFINITY:
        text = "Infinity"
    elif o == -_INFINITY:
        text = "-Infinity"
    else:
        return repr(float(o))
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text


class JSONEncoder:
    """Extensible JSON encoder for Python data structures (CPython's interface)."""

    __module__ = "json.encoder"  # as CPython names it

    item_separator = ", "
    key_separator = ": "

    def __init__(
        self,
        *,
        skipkeys=False,
        ensure_ascii=True,
        check_circular=True,
        allow_nan=True,
        sort_keys=False,
        indent=None,
        separators=None,
        default=None,
    ):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str_ascii(o) if self.ensure_ascii else _encode_str_unicode(o)
        if self._plain():
            try:
                return _c._fast_dumps(
                    o, self.ensure_ascii, self._indent_str(), self.item_separator, self.key_separator
                )
            except (TypeError, ValueError, RecursionError):
                pass  # not plain data (or circular): the Python path gives CPython's result or error
        return "".join(self.iterencode(o))

    def _plain(self):
        # The C path follows only the options it implements; a subclass's default() is never needed
        # for plain data, but an overridden encode/iterencode or sort_keys etc. need Python.
        return (
            not self.sort_keys
            and not self.skipkeys
            and self.allow_nan
            and type(self.item_separator) is str
            and type(self.key_separator) is str
            and type(self).iterencode is JSONEncoder.iterencode
        )

    def _indent_str(self):
        indent = self.indent
        if indent is None or isinstance(indent, str):
            return indent
        return " " * indent

    def iterencode(self, o, _one_shot=False):
        markers = {} if self.check_circular else None
        encode_str = _encode_str_ascii if self.ensure_ascii else _encode_str_unicode
        chunks = []
        self._iterencode(o, 0, markers, encode_str, chunks.append)
        return iter(chunks)

    def _iterencode(self, o, level, markers, encode_str, emit):
        if isinstance(o, str):
            emit(encode_str(o))
        elif o is None:
            emit("null")
        elif o is True:
            emit("true")
        elif o is False:
            emit("false")
        elif isinstance(o, int):
            emit(repr(int(o)))
        elif isinstance(o, float):
            emit(_float_repr(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, level, markers, encode_str, emit)
        elif isinstance(o, dict):
            self._encode_dict(o, level, markers, encode_str, emit)
        else:
            if markers is not None:
                marker = id(o)
                if marker in markers:
                    raise ValueError("Circular reference detected")
                markers[marker] = o
            self._iterencode(self.default(o), level, markers, encode_str, emit)
            if markers is not None:
                del markers[marker]

    def _newline(self, level):
        indent = self._indent_str()
        if indent is None:
            return None
        return "\n" + indent * level

    def _encode_list(self, lst, level, markers, encode_str, emit):
        if not lst:
            emit("[]")
            return
        if markers is not None:
            marker = id(lst)
            if marker in markers:
                raise ValueError("Circular reference detected")
            markers[marker] = lst
        newline = self._newline(level + 1)
        separator = self.item_separator
        if newline is not None:
            separator += newline
            emit("[" + newline)
        else:
            emit("[")
        first = True
        for value in lst:
            if first:
                first = False
            else:
                emit(separator)
            self._iterencode(value, level + 1, markers, encode_str, emit)
        if newline is not None:
            emit(self._newline(level))
        emit("]")
        if markers is not None:
            del markers[marker]

    def _encode_dict(self, dct, level, markers, encode_str, emit):
        if not dct:
            emit("{}")
            return
        if markers is not None:
            marker = id(dct)
            if marker in markers:
                raise ValueError("Circular reference detected")
            markers[marker] = dct
        newline = self._newline(level + 1)
        separator = self.item_separator
        if newline is not None:
            separator += newline
            emit("{" + newline)
        else:
            emit("{")
        items = list(dct.items())
        if self.sort_keys:
            items = sorted(items, key=lambda kv: kv[0])
        first = True
        for key, value in items:
            if isinstance(key, str):
                pass
            elif isinstance(key, float):
                key = _float_repr(key, self.allow_nan)
            elif key is True:
                key = "true"
            elif key is False:
                key = "false"
            elif key is None:
                key = "null"
            elif isinstance(key, int):
                key = repr(int(key))
            elif self.skipkeys:
                continue
            else:
                raise TypeError("keys must be str, int, float, bool or None, not %s" % type(key).__name__)
            if first:
                first = False
            else:
                emit(separator)
            emit(encode_str(key))
            emit(self.key_separator)
            self._iterencode(value, level + 1, markers, encode_str, emit)
        if newline is not None:
            emit(self._newline(level))
        emit("}")
        if markers is not None:
            del markers[marker]


def dumps(
    obj,
    *,
    skipkeys=False,
    ensure_ascii=True,
    check_circular=True,
    allow_nan=True,
    cls=None,
    indent=None,
    separators=None,
    default=None,
    sort_keys=False,
    **kw
):
    """Serialize obj to a JSON formatted str (CPython's json.dumps)."""
    if cls is None and not skipkeys and allow_nan and default is None and not sort_keys and not kw:
        if separators is None:
            item_sep, key_sep = (", " if indent is None else ","), ": "
        else:
            item_sep, key_sep = separators
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        if type(item_sep) is str and type(key_sep) is str:
            try:
                return _c._fast_dumps(obj, ensure_ascii, indent, item_sep, key_sep)
            except (TypeError, ValueError, RecursionError):
                pass  # not plain data: the Python path gives CPython's result or error
    if cls is None:
        cls = JSONEncoder
    return cls(
        skipkeys=skipkeys,
        ensure_ascii=ensure_ascii,
        check_circular=check_circular,
        allow_nan=allow_nan,
        indent=indent,
        separators=separators,
        default=default,
        sort_keys=sort_keys,
        **kw
    ).encode(obj)


def dump(
    obj,
    fp,
    *,
    skipkeys=False,
    ensure_ascii=True,
    check_circular=True,
    allow_nan=True,
    cls=None,
    indent=None,
    separators=None,
    default=None,
    sort_keys=False,
    **kw
):
    """Serialize obj as a JSON formatted stream to fp (a .write()-supporting file-like object)."""
    fp.write(
        dumps(
            obj,
            skipkeys=skipkeys,
            ensure_ascii=ensure_ascii,
            check_circular=check_circular,
            allow_nan=allow_nan,
            cls=cls,
            indent=indent,
            separators=separators,
            default=default,
            sort_keys=sort_keys,
            **kw
        )
    )


# ---- decoding ----------------------------------------------------------------------------------------

_WS = " \t\n\r"
_DIGITS = "0123456789"
_BACKSLASH = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_CONSTANTS = {"-Infinity": -_INFINITY, "Infinity": _INFINITY, "NaN": float("nan")}


def _skip_ws(s, end):
    n = len(s)
    while end < n and s[end] in _WS:
        end += 1
    return end


class _StopScan(Exception):
    def __init__(self, pos):
        self.pos = pos


class JSONDecoder:
    """Simple JSON decoder (CPython's interface)."""

    __module__ = "json.decoder"  # as CPython names it

    def __init__(
        self,
        *,
        object_hook=None,
        parse_float=None,
        parse_int=None,
        parse_constant=None,
        strict=True,
        object_pairs_hook=None,
    ):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self._plain = (
            object_hook is None
            and parse_float is None
            and parse_int is None
            and parse_constant is None
            and object_pairs_hook is None
        )

    def decode(self, s):
        """Return the Python representation of s (a str instance containing a JSON document)."""
        if self._plain and type(self).raw_decode is JSONDecoder.raw_decode:
            try:
                return _c._fast_loads(s)
            except (ValueError, RecursionError):
                pass  # invalid (or very deep): the Python parser raises CPython's error
        obj, end = self.raw_decode(s, _skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode a JSON document from s beginning at idx; return (value, index where it ended)."""
        if idx < 0:
            raise ValueError("idx cannot be negative")  # CPython's C scanner says so too
        try:
            return self._scan(s, idx)
        except _StopScan as stop:
            raise JSONDecodeError("Expecting value", s, stop.pos)

    def _scan(self, s, idx):
        n = len(s)
        if idx >= n:
            raise _StopScan(idx)
        c = s[idx]
        if c == '"':
            return self._string(s, idx + 1)
        if c == "{":
            return self._object(s, idx + 1)
        if c == "[":
            return self._array(s, idx + 1)
        if c == "n" and s[idx : idx + 4] == "null":
            return None, idx + 4
        if c == "t" and s[idx : idx + 4] == "true":
            return True, idx + 4
        if c == "f" and s[idx : idx + 5] == "false":
            return False, idx + 5
        if c == "N" and s[idx : idx + 3] == "NaN":
            return self.parse_constant("NaN"), idx + 3
        if c == "I" and s[idx : idx + 8] == "Infinity":
            return self.parse_constant("Infinity"), idx + 8
        if c == "-" and s[idx : idx + 9] == "-Infinity":
            return self.parse_constant("-Infinity"), idx + 9
        # number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
        end = idx
        if c == "-":
            end += 1
        if end < n and s[end] == "0":
            end += 1
        elif end < n and "1" <= s[end] <= "9":
            end += 1
            while end < n and s[end] in _DIGITS:
                end += 1
        else:
            raise _StopScan(idx)
        is_float = False
        if end + 1 < n and s[end] == "." and s[end + 1] in _DIGITS:
            is_float = True
            end += 2
            while end < n and s[end] in _DIGITS:
                end += 1
        if end < n and s[end] in "eE":
            e = end + 1
            if e < n and s[e] in "+-":
                e += 1
            if e < n and s[e] in _DIGITS:
                is_float = True
                while e < n and s[e] in _DIGITS:
                    e += 1
                end = e
        text = s[idx:end]
        if is_float:
            return self.parse_float(text), end
        return self.parse_int(text), end

    def _string(self, s, end):
        begin = end - 1
        n = len(s)
        chunks = []
        strict = self.strict
        while True:
            start = end
            while end < n:
                c = s[end]
                if c == '"' or c == "\\" or (c < " " and strict):
                    break
                end += 1
            if end >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            if end > start:
                chunks.append(s[start:end])
            c = s[end]
            if c == '"':
                return "".join(chunks), end + 1
            if c != "\\":
                raise JSONDecodeError("Invalid control character at", s, end)
            end += 1
            if end >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            esc = s[end]
            if esc != "u":
                if esc not in _BACKSLASH:
                    raise JSONDecodeError("Invalid \\escape", s, end - 1)
                chunks.append(_BACKSLASH[esc])
                end += 1
                continue
            uni = self._hex4(s, end + 1)
            end += 5
            if 0xD800 <= uni <= 0xDBFF and s[end : end + 2] == "\\u":
                uni2 = self._hex4(s, end + 2)
                if 0xDC00 <= uni2 <= 0xDFFF:
                    uni = 0x10000 + (((uni - 0xD800) << 10) | (uni2 - 0xDC00))
                    end += 6
            chunks.append(chr(uni))

    @staticmethod
    def _hex4(s, pos):
        # pos: the first of the four digits; CPython reports the error at the "u"
        if pos + 4 < len(s):
            esc = s[pos : pos + 4]
            if all(c in "0123456789abcdefABCDEF" for c in esc):
                return int(esc, 16)
        raise JSONDecodeError("Invalid \\uXXXX escape", s, pos - 1)

    def _object(self, s, end):
        pairs = []
        nextchar = s[end : end + 1]
        if nextchar != '"':
            if nextchar and nextchar in _WS:
                end = _skip_ws(s, end)
                nextchar = s[end : end + 1]
            if nextchar == "}":
                return self._finish_object(pairs), end + 1
            if nextchar != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end)
        end += 1
        while True:
            key, end = self._string(s, end)
            if s[end : end + 1] != ":":
                end = _skip_ws(s, end)
                if s[end : end + 1] != ":":
                    raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end = _skip_ws(s, end + 1)
            try:
                value, end = self._scan(s, end)
            except _StopScan as stop:
                raise JSONDecodeError("Expecting value", s, stop.pos)
            pairs.append((key, value))
            end = _skip_ws(s, end)
            nextchar = s[end : end + 1]
            end += 1
            if nextchar == "}":
                break
            if nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)
            nextchar = s[end : end + 1]
            end += 1
            if nextchar != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end - 1)
        return self._finish_object(pairs), end

    def _finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        obj = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(obj)
        return obj

    def _array(self, s, end):
        values = []
        end = _skip_ws(s, end)
        if s[end : end + 1] == "]":
            return values, end + 1
        while True:
            try:
                value, end = self._scan(s, end)
            except _StopScan as stop:
                raise JSONDecodeError("Expecting value", s, stop.pos)
            values.append(value)
            end = _skip_ws(s, end)
            nextchar = s[end : end + 1]
            end += 1
            if nextchar == "]":
                return values, end
            if nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)


def _detect_encoding(b):
    bstartswith = b.startswith
    if bstartswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if bstartswith(b"\xff\xfe\x00\x00") or bstartswith(b"\x00\x00\xfe\xff"):
        return "utf-32"
    if bstartswith(b"\xff\xfe") or bstartswith(b"\xfe\xff"):
        return "utf-16"
    if len(b) >= 4:
        if not b[0]:
            return "utf-16-be" if b[1] else "utf-32-be"
        if not b[1]:
            return "utf-16-le" if b[2] or b[3] else "utf-32-le"
    elif len(b) == 2:
        if not b[0]:
            return "utf-16-be"
        if not b[1]:
            return "utf-16-le"
    return "utf-8"


_default_decoder = JSONDecoder()


def loads(
    s,
    *,
    cls=None,
    object_hook=None,
    parse_float=None,
    parse_int=None,
    parse_constant=None,
    object_pairs_hook=None,
    **kw
):
    """Deserialize s (a str, bytes or bytearray instance containing a JSON document) to a Python object."""
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    elif isinstance(s, (bytes, bytearray)):
        encoding = _detect_encoding(s)
        if encoding == "utf-8-sig":
            s = bytes(s[3:])
            encoding = "utf-8"
        s = str(bytes(s), encoding)
    else:
        raise TypeError("the JSON object must be str, bytes or bytearray, not %s" % type(s).__name__)
    if (
        cls is None
        and object_hook is None
        and parse_int is None
        and parse_float is None
        and parse_constant is None
        and object_pairs_hook is None
        and not kw
    ):
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw["object_hook"] = object_hook
    if object_pairs_hook is not None:
        kw["object_pairs_hook"] = object_pairs_hook
    if parse_float is not None:
        kw["parse_float"] = parse_float
    if parse_int is not None:
        kw["parse_int"] = parse_int
    if parse_constant is not None:
        kw["parse_constant"] = parse_constant
    return cls(**kw).decode(s)


def load(
    fp,
    *,
    cls=None,
    object_hook=None,
    parse_float=None,
    parse_int=None,
    parse_constant=None,
    object_pairs_hook=None,
    **kw
):
    """Deserialize fp (a .read()-supporting file-like object containing a JSON document)."""
    return loads(
        fp.read(),
        cls=cls,
        object_hook=object_hook,
        parse_float=parse_float,
        parse_int=parse_int,
        parse_constant=parse_constant,
        object_pairs_hook=object_pairs_hook,
        **kw
    )
