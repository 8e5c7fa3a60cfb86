"""CPython's `traceback` for the common uses: format_exc, print_exc, format_exception,
format_exception_only, print_exception (with the __cause__ / __context__ chain, __notes__ and, without
`limit`, an exception group's boxed tree), format_tb, print_tb, extract_tb, walk_tb, StackSummary,
FrameSummary, TracebackException. Traceback objects come from the interpreter (e.__traceback__,
sys.exc_info()[2]); extract_stack, format_stack, print_stack and walk_stack read the running frames
(sys._getframe). A FrameSummary's `line` is the source line for a running frame of the current run's code,
else '' (CPython's value for code it has no source file for, as for code run by exec)."""

import sys

__all__ = [
    "format_exc",
    "print_exc",
    "format_exception",
    "format_exception_only",
    "print_exception",
    "format_tb",
    "print_tb",
    "format_stack",
    "print_stack",
    "extract_tb",
    "extract_stack",
    "format_list",
    "walk_stack",
    "walk_tb",
    "FrameSummary",
    "StackSummary",
    "TracebackException",
]

_SENTINEL = object()


def _exception(exc, value):
    if value is not _SENTINEL and value is not None:
        return value
    if isinstance(exc, BaseException):
        return exc
    if isinstance(exc, type) and value is None:
        return None
    return exc


_CHAIN_MESSAGES = (
    "The above exception was the direct cause of the following exception:\n",
    "During handling of the above exception, another exception occurred:\n",
)


def _margin(line):
    # An exception group's lines carry an indent and a `| ` (or `+ `) margin: split it off.
    i = 0
    while line[i : i + 1] == " ":
        i += 1
    if line[i : i + 2] in ("| ", "+ "):
        return line[: i + 2], line[i + 2 :]
    return "", line


def _lines(text):
    # sys.print_exception's text, split as CPython's format_exception splits it: a frame with its source
    # line and the markers under it in one string, a chain message with the blank lines around it in one
    # (inside an exception group's margin too).
    out = []
    last = ("", "")
    after_source = False
    for line in text.splitlines(True):
        margin, body = _margin(line)
        frame_source = body.startswith("    ") and last[1].startswith("  File ")
        # a source line has more than markers (no Python line is only ~ and ^)
        markers = after_source and body.startswith("    ") and body.strip() != "" and body.strip().strip("~^") == ""
        chain_message = last[1] == "\n" and body in _CHAIN_MESSAGES or body == "\n" and last[1] in _CHAIN_MESSAGES
        if out and margin == last[0] and (frame_source or markers or chain_message):
            out[-1] += line
        else:
            out.append(line)
        after_source = frame_source and margin == last[0]
        last = (margin, body)
    return out


def _only(exc):
    if exc is None:
        return ["NoneType: None\n"]
    # The class as CPython names it: its qualified name, after its module unless that is __main__ or builtins
    # (a class's __module__ and __qualname__ are always there: nothing here raises inside an except block)
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("__main__", "builtins"):
        name = (module if isinstance(module, str) else "<unknown>") + "." + name
    text = str(exc)
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        text = repr(exc.args[0])
    out = [name + (": " + text if text else "") + "\n"]
    # The notes: each item of a sequence on its own line(s), anything else as its repr, without the newline
    # (as CPython 3.11).
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, (list, tuple, str, bytes, bytearray, range)):
        for note in notes:
            out.extend(line + "\n" for line in str(note).split("\n"))
    elif notes is not None:
        out.append(repr(notes))
    return out


def format_exception_only(exc, value=_SENTINEL):
    """Format the exception part of a traceback: a list of strings ending in newlines."""
    return _only(_exception(exc, value))


def format_exception(exc, value=_SENTINEL, tb=_SENTINEL, limit=None, chain=True):
    """Format a stack trace and the exception information: a list of strings ending in newlines."""
    exc = _exception(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    if limit is not None:
        return _format_limited(exc, limit, chain, set())
    import io

    buf = io.StringIO()
    sys.print_exception(exc, buf, chain)
    return _lines(buf.getvalue())


def _format_limited(exc, limit, chain, seen):
    seen.add(id(exc))
    out = []
    if chain:
        cause, context = exc.__cause__, exc.__context__
        if cause is not None and id(cause) not in seen:
            out += _format_limited(cause, limit, chain, seen)
            out.append("\n" + _CHAIN_MESSAGES[0] + "\n")
        elif context is not None and not exc.__suppress_context__ and id(context) not in seen:
            out += _format_limited(context, limit, chain, seen)
            out.append("\n" + _CHAIN_MESSAGES[1] + "\n")
    frames = format_tb(exc.__traceback__, limit)
    if frames:
        out.append("Traceback (most recent call last):\n")
        out += frames
    return out + _only(exc)


def print_exception(exc, value=_SENTINEL, tb=_SENTINEL, limit=None, file=None, chain=True):
    """Print exception up to 'limit' stack trace entries from 'tb' to 'file' (default sys.stderr)."""
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        print(line, file=file, end="")


def format_exc(limit=None, chain=True):
    """Like print_exc() but return a string."""
    return "".join(format_exception(sys.exc_info()[1], limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    """Shorthand for 'print_exception(*sys.exc_info(), limit, file)'."""
    print_exception(sys.exc_info()[1], limit=limit, file=file, chain=chain)


def walk_tb(tb):
    """Walk a traceback along tb_next, yielding each frame and its line number."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


class FrameSummary:
    """One frame of a traceback: filename, lineno, name and line (always '': no source files)."""

    __slots__ = ("filename", "lineno", "name", "_line", "locals")

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals

    @property
    def line(self):
        return "" if self._line is None else self._line.strip()

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename, self.lineno, self.name, self.line) == (other.filename, other.lineno, other.name, other.line)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name
        )


class StackSummary(list):
    """A list of FrameSummary objects, ready for formatting."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        # a running frame knows its source line (a traceback entry's tb_frame does not)
        frames = [
            FrameSummary(f.f_code.co_filename, lineno, f.f_code.co_name, line=getattr(f, "_f_source_line", None))
            for f, lineno in frame_gen
        ]
        if limit is not None:
            frames = frames[:limit] if limit >= 0 else frames[limit:]
        return klass(frames)

    @classmethod
    def from_list(klass, a_list):
        result = klass()
        for frame in a_list:
            if not isinstance(frame, FrameSummary):
                filename, lineno, name, line = frame
                frame = FrameSummary(filename, lineno, name, line=line)
            result.append(frame)
        return result

    def format_frame_summary(self, frame_summary):
        row = '  File "{}", line {}, in {}\n'.format(frame_summary.filename, frame_summary.lineno, frame_summary.name)
        if frame_summary.line:
            row += "    " + frame_summary.line + "\n"
        return row

    def format(self):
        # As CPython: of a run of frames with the same file, line and name (a recursion), the first three,
        # then "[Previous line repeated N more times]".
        result = []
        last = None
        count = 0
        for frame in self:
            key = (frame.filename, frame.lineno, frame.name)
            if key != last:
                if count > 3:
                    result.append(_repeated(count - 3))
                last = key
                count = 0
            count += 1
            if count <= 3:
                result.append(self.format_frame_summary(frame))
        if count > 3:
            result.append(_repeated(count - 3))
        return result


def _repeated(count):
    return "  [Previous line repeated %d more time%s]\n" % (count, "s" if count > 1 else "")


def extract_tb(tb, limit=None):
    """A StackSummary of the frames of traceback `tb`, outermost first."""
    return StackSummary.extract(walk_tb(tb), limit=limit)


def format_tb(tb, limit=None):
    """A list of strings, one per frame of traceback `tb`: '  File "...", line N, in name'."""
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    """Print the frames of traceback `tb` to `file` (default sys.stderr)."""
    if file is None:
        file = sys.stderr
    for item in format_tb(tb, limit):
        print(item, file=file, end="")


def walk_stack(f):
    """Each frame from f (default: the caller's) outwards, with its current line number."""
    if f is None:
        f = sys._getframe(1)
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def extract_stack(f=None, limit=None):
    """A StackSummary of the running frames from f (default: the caller's), outermost first."""
    if f is None:
        f = sys._getframe(1)
    stack = StackSummary.extract(walk_stack(f), limit=limit)
    stack.reverse()
    return stack


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe(1)
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe(1)
    if file is None:
        file = sys.stderr
    for item in format_list(extract_stack(f, limit=limit)):
        print(item, file=file, end="")


class TracebackException:
    """An exception ready for rendering."""

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True, capture_locals=False,
                 compact=False, max_group_width=15, max_group_depth=10, _seen=None):
        if _seen is None:
            _seen = set()
        _seen.add(id(exc_value))
        self._exc = exc_value
        self._limit = limit
        self.exc_type = exc_type
        self.stack = extract_tb(exc_traceback, limit=limit)
        self.__notes__ = getattr(exc_value, "__notes__", None)
        self.__suppress_context__ = exc_value.__suppress_context__ if exc_value is not None else False
        self.__cause__ = None
        self.__context__ = None
        if exc_value is not None:
            for name in ("__cause__", "__context__"):
                linked = getattr(exc_value, name)
                if linked is not None and id(linked) not in _seen:
                    setattr(self, name, TracebackException(type(linked), linked, linked.__traceback__, limit=limit,
                                                           _seen=_seen))

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def format_exception_only(self):
        yield from _only(self._exc)

    def format(self, *, chain=True):
        yield from format_exception(self._exc, limit=self._limit, chain=chain)

    def print(self, *, file=None, chain=True):
        if file is None:
            file = sys.stderr
        for line in self.format(chain=chain):
            print(line, file=file, end="")

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return str(self._exc)
