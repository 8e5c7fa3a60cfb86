"""Class-statement hooks for the frozen standard library (abc, typing).

The built-in `__build_class__` runs `__set_name__` and `__init_subclass__` (patch 0095) and metaclasses
(patch 0271); the frozen modules' own class hooks are kept here. This module replaces
`builtins.__build_class__` (MicroPython lets builtins be overridden) with a wrapper that
- replaces bases that are not classes by what their __mro_entries__ names (PEP 560) and keeps the bases as
  written in the class's `__orig_bases__`,
- turns the class keywords it has handlers for into changes of the bases (`metaclass=ABCMeta` adds
  `ABC`); the others, and those a handler declines (returns None for), go on to the metaclass and the
  base's `__init_subclass__`, and
- passes each new class to the registered finishers, which may replace it.
It is installed the first time abc or typing is imported, so classes cost nothing extra before.
"""

import builtins

_build = builtins.__build_class__
keyword_handlers = {}  # keyword name -> function(bases, value) returning the new bases, or None
finishers = []  # function(cls) returning the class to bind (usually cls itself)


def _build_class(func, name, *bases, **kwargs):
    orig_bases = None
    if not all(isinstance(base, type) for base in bases):
        orig_bases = bases
        bases = _resolve_bases(name, bases)
    rest = {}
    for key, value in kwargs.items():
        handler = keyword_handlers.get(key)
        new_bases = None if handler is None else handler(bases, value)
        if new_bases is None:
            rest[key] = value  # for the metaclass and __init_subclass__ (the built-in __build_class__)
        else:
            bases = new_bases
    cls = _build(func, name, *bases, **rest)
    if orig_bases is not None and not all(
        isinstance(base, type) or getattr(base, "_stands_for_class", False) for base in orig_bases
    ):
        # a base replaced through __mro_entries__ (Generic[T], Stack[int], list[int]): the class keeps the
        # bases as written, as CPython's __build_class__ does (typing reads them for __parameters__)
        cls.__orig_bases__ = orig_bases
    for finish in finishers:
        cls = finish(cls)
    return cls


def _resolve_bases(name, bases):
    # PEP 560: a base that is not a class names the classes to use instead through __mro_entries__ (the
    # ABCs of collections.abc do).
    resolved = []
    for base in bases:
        if isinstance(base, type):
            resolved.append(base)
            continue
        entries = getattr(type(base), "__mro_entries__", None)
        if entries is None:
            raise TypeError("%s: cannot extend %r" % (name, base))
        resolved.extend(entries(base, bases))
    return tuple(resolved)


builtins.__build_class__ = _build_class
