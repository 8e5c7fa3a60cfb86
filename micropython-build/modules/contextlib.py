"""CPython's `contextlib`: contextmanager, ContextDecorator, closing, suppress, nullcontext,
redirect_stdout, redirect_stderr, ExitStack, chdir, AbstractContextManager.

Differences: MicroPython's sys.stdout and sys.stderr cannot be replaced, so redirect_stdout and
redirect_stderr override the builtin print for the duration: they capture print() (and
print(..., file=sys.stderr)) but not direct sys.stdout.write calls. Not supported: the async variants (asynccontextmanager,
AsyncExitStack, aclosing).
"""

import sys


class AbstractContextManager:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """A context manager that can also decorate a function (the function runs inside it)."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        def inner(*args, **kwargs):
            with self._recreate_cm():
                return func(*args, **kwargs)

        return inner


class _GeneratorContextManager(ContextDecorator):
    def __init__(self, func, args, kwargs):
        self._func, self._args, self._kwargs = func, args, kwargs
        self.gen = func(*args, **kwargs)

    def _recreate_cm(self):
        return type(self)(self._func, self._args, self._kwargs)

    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield")

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if exc_value is None:
            exc_value = exc_type()
        try:
            self.gen.throw(exc_value)
        except StopIteration as stop:
            return stop is not exc_value
        except BaseException as error:
            if error is exc_value:
                return False
            raise
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    """Decorator: a generator function that yields once becomes a context manager factory."""

    def helper(*args, **kwargs):
        return _GeneratorContextManager(func, args, kwargs)

    return helper


class closing(AbstractContextManager):
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exc_type, exc_value, traceback):
        return exc_type is not None and issubclass(exc_type, self._exceptions)


_print_targets = []  # stack of (fd name, stream) for the redirect_* managers in effect


def _target(kind, default):
    for k, stream in reversed(_print_targets):
        if k == kind:
            return stream
    return default


def _redirected_print(*args, sep=" ", end="\n", file=None, flush=False):
    if file is None or file is sys.stdout:
        file = _target("stdout", sys.stdout)
    elif file is sys.stderr:
        file = _target("stderr", sys.stderr)
    file.write((" " if sep is None else sep).join([str(a) for a in args]) + ("\n" if end is None else end))


class _RedirectStream(AbstractContextManager):
    _kind = None

    def __init__(self, new_target):
        self._new_target = new_target

    def __enter__(self):
        import builtins

        _print_targets.append((self._kind, self._new_target))
        builtins.print = _redirected_print
        return self._new_target

    def __exit__(self, *exc_info):
        import builtins

        for i in range(len(_print_targets) - 1, -1, -1):
            if _print_targets[i][1] is self._new_target and _print_targets[i][0] == self._kind:
                del _print_targets[i]
                break
        if not _print_targets:
            del builtins.print


class redirect_stdout(_RedirectStream):
    """print() writes to new_target inside the block."""

    _kind = "stdout"


class redirect_stderr(_RedirectStream):
    """print(..., file=sys.stderr) writes to new_target inside the block."""

    _kind = "stderr"


class ExitStack(AbstractContextManager):
    """Enter context managers and register callbacks; all are exited, last first, at the end."""

    def __init__(self):
        self._exits = []

    def pop_all(self):
        new = ExitStack()
        new._exits, self._exits = self._exits, []
        return new

    def push(self, exit):
        method = getattr(type(exit), "__exit__", None)
        if method is None:
            self._exits.append(exit)
        else:
            self._exits.append(lambda *exc: method(exit, *exc))
        return exit

    def enter_context(self, cm):
        cls = type(cm)
        try:
            enter, exit = cls.__enter__, cls.__exit__
        except AttributeError:
            raise TypeError("'%s' object does not support the context manager protocol" % cls.__name__)
        result = enter(cm)
        self._exits.append(lambda *exc: exit(cm, *exc))
        return result

    def callback(self, callback, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)

        self._exits.append(_exit_wrapper)
        return callback

    def close(self):
        self.__exit__(None, None, None)

    def __exit__(self, *exc_details):
        received = exc_details[0] is not None
        suppressed = False
        pending = None
        while self._exits:
            cb = self._exits.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    pending = None
                    exc_details = (None, None, None)
            except BaseException as e:
                pending = e
                exc_details = (type(e), e, None)
        if pending is not None:
            raise pending
        return received and suppressed


class chdir(AbstractContextManager):
    def __init__(self, path):
        self.path = path
        self._old = []

    def __enter__(self):
        import os

        self._old.append(os.getcwd())
        os.chdir(self.path)

    def __exit__(self, *excinfo):
        import os

        os.chdir(self._old.pop())
