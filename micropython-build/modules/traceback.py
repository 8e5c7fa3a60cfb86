"""CPython's `traceback` for the common uses: format_exc, print_exc, format_exception,
format_exception_only, print_exception, format_tb, print_tb (empty: no frame objects), print_stack and
format_stack (empty), TracebackException (format, format_exception_only). Tracebacks are MicroPython's:
each frame is `File "<sandbox>", line N, in name` without the source line CPython adds."""

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


def _lines(text):
    out = []
    for line in text.splitlines():
        if line.startswith(" ") and out and out[-1].startswith("  File "):
            out[-1] += line + "\n"
        else:
            out.append(line + "\n")
    return out


def _only(exc):
    if exc is None:
        return ["NoneType: None\n"]
    # Only the class name: looking up __module__ could raise inside an except block, and an exception
    # caught here would replace the one sys.exc_info() reports to the caller.
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        text = repr(exc.args[0])
    return [name + (": " + text if text else "") + "\n"]


def format_exception_only(exc, value=_SENTINEL):
    """Format the exception part of a traceback: a list of strings ending in newlines."""
    return _only(_exception(exc, value))


def format_exception(exc, value=_SENTINEL, tb=_SENTINEL, limit=None, chain=True):
    """Format a stack trace and the exception information: a list of strings ending in newlines."""
    exc = _exception(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    import io

    buf = io.StringIO()
    sys.print_exception(exc, buf)
    lines = _lines(buf.getvalue())
    if len(lines) > 1:
        lines[-1:] = _only(exc)
        if lines[0] != "Traceback (most recent call last):\n":
            return _only(exc)
        if len(lines) == 2:  # never raised: no frames, CPython prints only the exception
            return lines[-1:]
    else:
        lines = _only(exc)
    return lines


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


def format_tb(tb, limit=None):
    return []


def print_tb(tb, limit=None, file=None):
    pass


def extract_tb(tb, limit=None):
    return []


def extract_stack(f=None, limit=None):
    return []


def format_stack(f=None, limit=None):
    return []


def print_stack(f=None, limit=None, file=None):
    pass


class TracebackException:
    """An exception ready for rendering."""

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True, capture_locals=False,
                 compact=False, max_group_width=15, max_group_depth=10):
        self._exc = exc_value
        self.exc_type = exc_type
        self.stack = []
        self.__cause__ = None
        self.__context__ = None

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, None, *args, **kwargs)

    def format_exception_only(self):
        yield from _only(self._exc)

    def format(self, *, chain=True):
        yield from format_exception(self._exc)

    def __str__(self):
        return str(self._exc)
