"""Class-statement hooks for the frozen standard library (enum, abc).

MicroPython's class statement takes no keywords (`metaclass=` raises TypeError) and has no
metaclass `__new__` or `__init_subclass__` to act on a new class. This module replaces
`builtins.__build_class__` (MicroPython lets builtins be overridden) with a wrapper that
- turns class keywords into changes of the bases through registered handlers
  (`metaclass=ABCMeta` adds `ABC`), and
- passes each new class to the registered finishers, which may replace it (enum wraps Enum
  subclasses that have members).
It is installed the first time enum or abc is imported, so classes cost nothing extra before.
"""

import builtins

_build = builtins.__build_class__
keyword_handlers = {}  # keyword name -> function(bases, value) returning the new bases
finishers = []  # function(cls) returning the class to bind (usually cls itself)


def _build_class(func, name, *bases, **kwargs):
    for base in bases:
        if not isinstance(base, type):  # e.g. an Enum with members (enum.py wraps those)
            raise TypeError("%s: cannot extend %r" % (name, base))
    for key, value in kwargs.items():
        handler = keyword_handlers.get(key)
        if handler is None:
            raise TypeError(name + "() takes no keyword argument '" + key + "' in this sandbox")
        bases = handler(bases, value)
    cls = _build(func, name, *bases)
    for finish in finishers:
        cls = finish(cls)
    return cls


builtins.__build_class__ = _build_class
