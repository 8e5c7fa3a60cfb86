"""CPython's `csv`: reader, writer, DictReader, DictWriter, Dialect (excel, excel-tab, unix),
register_dialect/get_dialect/list_dialects/unregister_dialect, field_size_limit, Error and the
QUOTE_* constants (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE, QUOTE_STRINGS,
QUOTE_NOTNULL), with every format parameter (delimiter, quotechar, escapechar, doublequote,
skipinitialspace, lineterminator, quoting, strict).
Readers take any iterable of lines (a list of strings, io.StringIO, an open file); quoted fields may
span lines. Writers write to any object with a write() method.
DictReader rows are plain dicts, as in CPython.
Not supported: Sniffer.
"""

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE, QUOTE_STRINGS, QUOTE_NOTNULL = range(6)

_field_limit = [128 * 1024]


class Error(Exception):
    __module__ = "_csv"  # as CPython names it


class Dialect:
    """Describe a CSV dialect: subclass it and set the attributes below."""

    _name = ""
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None
    strict = None


class excel(Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = QUOTE_MINIMAL
    strict = False


class excel_tab(excel):
    delimiter = "\t"


class unix_dialect(excel):
    lineterminator = "\n"
    quoting = QUOTE_ALL


_dialects = {"excel": excel, "excel-tab": excel_tab, "unix": unix_dialect}

_PARAMS = (
    "delimiter",
    "quotechar",
    "escapechar",
    "doublequote",
    "skipinitialspace",
    "lineterminator",
    "quoting",
    "strict",
)


class _Format:
    """The resolved format parameters of one reader or writer."""

    def __init__(self, dialect, fmtparams):
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)
        for name in _PARAMS:
            if name in fmtparams:
                value = fmtparams.pop(name)
            else:
                value = getattr(dialect, name, None)
                if value is None:
                    value = _DEFAULTS[name]
            setattr(self, name, value)
        if fmtparams:
            raise TypeError("'%s' is an invalid keyword argument for this function" % next(iter(fmtparams)))
        if not isinstance(self.delimiter, str) or len(self.delimiter) != 1:
            raise TypeError('"delimiter" must be a 1-character string')
        for name in ("quotechar", "escapechar"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) != 1):
                raise TypeError('"%s" must be a 1-character string' % name)
        if self.quoting not in range(6):
            raise TypeError("bad quoting value")
        if not isinstance(self.lineterminator, str):
            raise TypeError('"lineterminator" must be a string')


_DEFAULTS = {
    "delimiter": ",",
    "quotechar": '"',
    "escapechar": None,
    "doublequote": True,
    "skipinitialspace": False,
    "lineterminator": "\r\n",
    "quoting": QUOTE_MINIMAL,
    "strict": False,
}


def register_dialect(name, dialect=None, **fmtparams):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    base = dialect if dialect is not None else Dialect
    fmt = _Format(base if not isinstance(base, str) else get_dialect(base), dict(fmtparams))
    _dialects[name] = type(name, (Dialect,), {k: getattr(fmt, k) for k in _PARAMS})


def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect")


def list_dialects():
    return list(_dialects)


def field_size_limit(new_limit=None):
    old = _field_limit[0]
    if new_limit is not None:
        if not isinstance(new_limit, int):
            raise TypeError("limit must be an integer")
        _field_limit[0] = new_limit
    return old


# ---- reader -----------------------------------------------------------------------------------

(
    _START_RECORD,
    _START_FIELD,
    _IN_FIELD,
    _ESCAPE,
    _IN_QUOTED,
    _ESCAPE_IN_QUOTED,
    _QUOTE_IN_QUOTED,
    _EAT_CRNL,
) = range(8)


class reader:
    __module__ = "_csv"  # as CPython names it: <class '_csv.reader'>

    def __init__(self, lines, fmt):
        self._lines = iter(lines)
        self.dialect = fmt
        self.line_num = 0

    def __iter__(self):
        return self

    def _save(self, fields, chars, quoted):
        text = "".join(chars)
        if len(text) > _field_limit[0]:
            raise Error("field larger than field limit (%d)" % _field_limit[0])
        quoting = self.dialect.quoting
        if not quoted and quoting in (QUOTE_NONNUMERIC, QUOTE_STRINGS, QUOTE_NOTNULL):
            if text == "" and quoting != QUOTE_NONNUMERIC:
                fields.append(None)
                return
            if text and quoting != QUOTE_NOTNULL:
                fields.append(float(text))
                return
        fields.append(text)

    def __next__(self):
        d = self.dialect
        delimiter, quotechar, escapechar = d.delimiter, d.quotechar, d.escapechar
        if d.quoting == QUOTE_NONE:
            quotechar = None
        fields = []
        chars = []
        quoted = False
        state = _START_RECORD
        while True:
            try:
                line = next(self._lines)
            except StopIteration:
                if state in (_START_RECORD, _EAT_CRNL) and not fields and not chars:
                    raise
                if d.strict and state in (_IN_QUOTED, _ESCAPE_IN_QUOTED, _ESCAPE):
                    raise Error("unexpected end of data")
                self._save(fields, chars, quoted)
                return fields
            self.line_num += 1
            if not isinstance(line, str):
                raise Error(
                    "iterator should return strings, not %s (the file should be opened in text mode)"
                    % type(line).__name__
                )
            if state == _START_RECORD:
                # Fast path: a line without quotes, escapes or inner line breaks is split in one call.
                body = line[:-2] if line[-2:] == "\r\n" else line[:-1] if line[-1:] in ("\r", "\n") else line
                if (
                    "\r" not in body
                    and "\n" not in body
                    and (quotechar is None or quotechar not in body)
                    and (escapechar is None or escapechar not in body)
                ):
                    if not body:
                        return []
                    fields = body.split(delimiter)
                    if d.skipinitialspace:
                        fields = [f.lstrip(" ") for f in fields]
                    if (
                        d.quoting in (QUOTE_NONNUMERIC, QUOTE_STRINGS, QUOTE_NOTNULL)
                        or len(body) > _field_limit[0]
                    ):
                        parts, fields = fields, []
                        for part in parts:
                            self._save(fields, [part], False)
                    return fields
            for c in line:
                if state == _START_RECORD or state == _START_FIELD:
                    if c == "\n" or c == "\r":
                        if state == _START_FIELD:
                            self._save(fields, chars, quoted)
                        state = _EAT_CRNL
                    elif c == quotechar:
                        quoted = True
                        state = _IN_QUOTED
                    elif c == escapechar:
                        state = _ESCAPE
                    elif c == " " and d.skipinitialspace:
                        state = _START_FIELD
                    elif c == delimiter:
                        self._save(fields, chars, quoted)
                        chars = []
                        state = _START_FIELD
                    else:
                        chars.append(c)
                        state = _IN_FIELD
                elif state == _IN_FIELD:
                    if c == "\n" or c == "\r":
                        self._save(fields, chars, quoted)
                        state = _EAT_CRNL
                    elif c == escapechar:
                        state = _ESCAPE
                    elif c == delimiter:
                        self._save(fields, chars, quoted)
                        chars = []
                        quoted = False
                        state = _START_FIELD
                    else:
                        chars.append(c)
                elif state == _IN_QUOTED:
                    if c == escapechar:
                        state = _ESCAPE_IN_QUOTED
                    elif c == quotechar:
                        state = _QUOTE_IN_QUOTED if d.doublequote else _IN_FIELD
                    else:
                        chars.append(c)
                elif state == _ESCAPE or state == _ESCAPE_IN_QUOTED:
                    chars.append(c)
                    state = _IN_FIELD if state == _ESCAPE else _IN_QUOTED
                elif state == _QUOTE_IN_QUOTED:
                    if c == quotechar:
                        chars.append(c)
                        state = _IN_QUOTED
                    elif c == delimiter:
                        self._save(fields, chars, quoted)
                        chars = []
                        quoted = False
                        state = _START_FIELD
                    elif c == "\n" or c == "\r":
                        self._save(fields, chars, quoted)
                        state = _EAT_CRNL
                    elif not d.strict:
                        chars.append(c)
                        state = _IN_FIELD
                    else:
                        raise Error("'%s' expected after '%s'" % (delimiter, quotechar))
                else:  # _EAT_CRNL
                    if c != "\n" and c != "\r":
                        raise Error(
                            "new-line character seen in unquoted field - do you need to open the file "
                            "in universal-newline mode?"
                        )
            # End of the line.
            if state == _EAT_CRNL or state == _START_RECORD:
                return fields
            if state in (_START_FIELD, _IN_FIELD, _QUOTE_IN_QUOTED):
                self._save(fields, chars, quoted)
                return fields
            if state in (_ESCAPE, _ESCAPE_IN_QUOTED):
                chars.append("\n")
                state = _IN_FIELD if state == _ESCAPE else _IN_QUOTED
                if state == _IN_FIELD:
                    self._save(fields, chars, quoted)
                    return fields
            # _IN_QUOTED: the field goes on in the next line.


# the class is named as CPython names its type; the module keeps it under its private name only
_Reader = reader
del reader


def reader(csvfile, dialect="excel", **fmtparams):
    return _Reader(csvfile, _Format(dialect, fmtparams))


# ---- writer -----------------------------------------------------------------------------------


class writer:
    __module__ = "_csv"  # as CPython names it: <class '_csv.writer'>

    def __init__(self, fileobj, fmt):
        if not hasattr(fileobj, "write"):
            raise TypeError('argument 1 must have a "write" method')
        self._write = fileobj.write
        self.dialect = fmt
        special = {"\r", "\n", fmt.delimiter}
        special.update(fmt.lineterminator)
        for c in (fmt.quotechar, fmt.escapechar):
            if c is not None:
                special.add(c)
        self._special = tuple(special)

    def _field(self, value, only):
        d = self.dialect
        quoting = d.quoting
        if quoting == QUOTE_MINIMAL and (value or not only):
            # The common case: a number or a text without special characters goes out as it is.
            kind = type(value)
            if kind is int:
                return str(value)
            if kind is float:
                return repr(value)
            if kind is str and not self._needs_care(value):
                return value
        if value is None:
            text = ""
        elif isinstance(value, str):
            text = value
        elif isinstance(value, float):
            text = repr(value)
        else:
            text = str(value)
        numeric = isinstance(value, (int, float, bool)) and not isinstance(value, str)
        if quoting == QUOTE_ALL:
            quote = True
        elif quoting == QUOTE_NONNUMERIC:
            quote = not numeric
        elif quoting == QUOTE_STRINGS:
            quote = isinstance(value, str)
        elif quoting == QUOTE_NOTNULL:
            quote = value is not None
        else:
            quote = only and text == "" and quoting == QUOTE_MINIMAL
        q, esc = d.quotechar, d.escapechar
        if not self._needs_care(text):
            return q + text + q if quote else text
        out = []
        for c in text:
            escape = False
            if c == d.delimiter or c == esc or c == q or c == "\n" or c == "\r" or c in d.lineterminator:
                if quoting == QUOTE_NONE:
                    escape = True
                elif c == q:
                    if d.doublequote:
                        out.append(q)
                        quote = True
                    else:
                        escape = True
                elif c == esc:
                    escape = True
                elif quoting == QUOTE_MINIMAL:
                    quote = True
                if escape:
                    if esc is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(esc)
            out.append(c)
        text = "".join(out)
        if quote and q is None:
            raise Error("need to escape, but no escapechar set")
        return q + text + q if quote else text

    def _needs_care(self, text):
        # Whether text holds a character that makes the field quoted or escaped.
        for c in self._special:
            if c in text:
                return True
        return False

    def writerow(self, row):
        try:
            fields = list(row)
        except TypeError:
            raise Error("iterable expected, not %s" % type(row).__name__)
        only = len(fields) == 1
        line = self.dialect.delimiter.join([self._field(f, only) for f in fields])
        return self._write(line + self.dialect.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


# the class is named as CPython names its type; the module keeps it under its private name only
_Writer = writer
del writer


def writer(csvfile, dialect="excel", **fmtparams):
    return _Writer(csvfile, _Format(dialect, fmtparams))


# ---- dicts ------------------------------------------------------------------------------------


class DictReader:
    """Rows as dicts keyed by fieldnames (default: the first row)."""

    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect="excel", **kwds):
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
        names = self.fieldnames
        d = dict(zip(names, row))
        if len(names) < len(row):
            d[self.restkey] = row[len(names) :]
        else:
            for key in names[len(row) :]:
                d[key] = self.restval
        return d


class DictWriter:
    """Write dicts as rows in fieldnames order."""

    def __init__(self, f, fieldnames, restval="", extrasaction="raise", dialect="excel", **kwds):
        if extrasaction.lower() not in ("raise", "ignore"):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'" % extrasaction)
        self.fieldnames = fieldnames
        self.restval = restval
        self.extrasaction = extrasaction.lower()
        self.writer = writer(f, dialect, **kwds)

    def writeheader(self):
        return self.writer.writerow(list(self.fieldnames))

    def _row(self, rowdict):
        if self.extrasaction == "raise":
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError(
                    "dict contains fields not in fieldnames: " + ", ".join(repr(k) for k in wrong)
                )
        return [rowdict.get(key, self.restval) for key in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._row(rowdict))

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)
