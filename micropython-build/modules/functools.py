"""CPython's `functools`: reduce, partial, partialmethod, wraps, update_wrapper, lru_cache, cache,
cached_property, cmp_to_key, total_ordering, singledispatch (registration by explicit class only).

Differences: `lru_cache`/`cache` return a callable object (with `cache_info()`, `cache_clear()`,
`__wrapped__`, and method binding), and each cached call costs two Python frames of the recursion
limit instead of one; `singledispatch` cannot register from annotations (MicroPython drops them).
"""

from collections import namedtuple

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__")
WRAPPER_UPDATES = ("__dict__",)
_MISSING = object()


def reduce(function, iterable, *initial):
    it = iter(iterable)
    if len(initial) > 1:
        raise TypeError("reduce expected at most 3 arguments, got " + str(len(initial) + 2))
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value")
    for element in it:
        value = function(value, element)
    return value


class partial:
    """partial(func, *args, **keywords): call func with these arguments first."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            merged = dict(func.keywords)
            merged.update(keywords)
            keywords = merged
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        if self.keywords:
            merged = dict(self.keywords)
            merged.update(keywords)
            keywords = merged
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        parts += [k + "=" + repr(v) for k, v in self.keywords.items()]
        return "functools.partial(" + ", ".join(parts) + ")"


class partialmethod:
    """Like partial, for methods: the instance comes first."""

    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return partial(self.func, obj, *self.args, **self.keywords)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for name in assigned:
        try:
            setattr(wrapper, name, getattr(wrapped, name))
        except (AttributeError, TypeError):
            pass
    for name in updated:
        getattr(wrapper, name).update(getattr(wrapped, name, {}))
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


class _KwMark:
    pass


_KW_MARK = _KwMark()


def _make_key(args, kwds, typed):
    if not kwds and not typed and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = args
    if kwds:
        key += (_KW_MARK,) + tuple(kwds.items())
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    return key


class _lru_cache_wrapper:
    """The callable lru_cache returns. Least-recently-used order is a circular doubly linked list of
    [prev, next, key, value] cells; the dict maps keys to cells."""

    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._func = func
        self._maxsize = maxsize
        self._typed = typed
        self.cache_clear()
        for name in ("__name__", "__qualname__", "__doc__", "__module__"):
            try:
                setattr(self, name, getattr(func, name))
            except AttributeError:
                pass

    def cache_clear(self):
        self._cache = {}
        self._hits = self._misses = 0
        root = self._root = []
        root[:] = [root, root, None, None]

    def cache_info(self):
        return CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_parameters(self):
        return {"maxsize": self._maxsize, "typed": self._typed}

    def __call__(self, *args, **kwds):
        maxsize = self._maxsize
        if maxsize == 0:
            self._misses += 1
            return self._func(*args, **kwds)
        key = _make_key(args, kwds, self._typed)
        cache = self._cache
        cell = cache.get(key, _MISSING)
        if maxsize is None:
            if cell is not _MISSING:
                self._hits += 1
                return cell
            self._misses += 1
            result = self._func(*args, **kwds)
            cache[key] = result
            return result
        if cell is not _MISSING:
            # Move to the most recent end (just before root).
            prev, nxt = cell[0], cell[1]
            prev[1] = nxt
            nxt[0] = prev
            root = self._root
            last = root[0]
            last[1] = root[0] = cell
            cell[0] = last
            cell[1] = root
            self._hits += 1
            return cell[3]
        self._misses += 1
        result = self._func(*args, **kwds)
        if key in cache:
            return result  # a recursive call filled it meanwhile
        root = self._root
        if len(cache) >= maxsize:
            oldest = root[1]
            root[1] = oldest[1]
            oldest[1][0] = root
            del cache[oldest[2]]
        last = root[0]
        cell = [last, root, key, result]
        last[1] = root[0] = cache[key] = cell
        return result

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return partial(self, obj)

    def __repr__(self):
        return "<functools._lru_cache_wrapper " + repr(self._func) + ">"


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, int):
        return _lru_cache_wrapper(maxsize, 128, typed)
    if maxsize is not None:
        if not isinstance(maxsize, int):
            raise TypeError("Expected first argument to be an integer, a callable, or None")
        if maxsize < 0:
            maxsize = 0

    def decorating_function(func):
        return _lru_cache_wrapper(func, maxsize, typed)

    return decorating_function


def cache(func):
    return _lru_cache_wrapper(func, None, False)


class cached_property:
    """Compute once per instance, then store the value as an instance attribute."""

    def __init__(self, func):
        self.func = func
        self.attrname = func.__name__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = self.func(obj)
        setattr(obj, self.attrname, value)
        return value


def cmp_to_key(mycmp):
    class K:
        __slots__ = ("obj",)

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


def _defines(cls, name):
    # Defined by the class itself or a user base class (not inherited from object).
    return getattr(cls, name, None) is not getattr(object, name, None)


def total_ordering(cls):
    """Fill in the rich comparisons missing from a class that defines one of < <= > >=."""
    roots = [n for n in ("__lt__", "__le__", "__gt__", "__ge__") if _defines(cls, n)]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = roots[0]
    base = getattr(cls, root)

    def flip(r):
        return NotImplemented if r is NotImplemented else not r

    if root == "__lt__":
        derived = {
            "__gt__": lambda a, b: flip(base(a, b) or a == b),
            "__le__": lambda a, b: (lambda r: r if r is NotImplemented else r or a == b)(base(a, b)),
            "__ge__": lambda a, b: flip(base(a, b)),
        }
    elif root == "__le__":
        derived = {
            "__ge__": lambda a, b: (lambda r: r if r is NotImplemented else not r or a == b)(base(a, b)),
            "__lt__": lambda a, b: (lambda r: r if r is NotImplemented else r and a != b)(base(a, b)),
            "__gt__": lambda a, b: flip(base(a, b)),
        }
    elif root == "__gt__":
        derived = {
            "__lt__": lambda a, b: flip(base(a, b) or a == b),
            "__ge__": lambda a, b: (lambda r: r if r is NotImplemented else r or a == b)(base(a, b)),
            "__le__": lambda a, b: flip(base(a, b)),
        }
    else:
        derived = {
            "__le__": lambda a, b: (lambda r: r if r is NotImplemented else not r or a == b)(base(a, b)),
            "__gt__": lambda a, b: (lambda r: r if r is NotImplemented else r and a != b)(base(a, b)),
            "__lt__": lambda a, b: flip(base(a, b)),
        }
    for name, method in derived.items():
        if name not in roots:
            setattr(cls, name, method)
    return cls


def _is_class(cls):
    # a class, or one of collections.abc's ABCs (objects that stand for classes here)
    return isinstance(cls, type) or hasattr(cls, "__subclasscheck__")


def _is_union(cls):
    # `int | str` or typing.Union[int, str] of classes, which register() takes for each of them
    import typing

    if typing.get_origin(cls) not in (typing.Union, typing.UnionType):
        return False
    return all(_is_class(a) for a in typing.get_args(cls))


def singledispatch(func):
    """Dispatch on the class of the first argument; register with @f.register(cls)."""
    registry = {object: func}

    def dispatch(cls):
        # The first registered class of the __mro__, as CPython; then an abstract base class registered
        # (`Mapping`) that the class is a subclass of (CPython places those within the __mro__)
        for c in cls.__mro__:
            if c is not object and c in registry:
                return registry[c]
        for c in registry:
            if c is not object and c not in cls.__mro__ and issubclass(cls, c):
                return registry[c]
        return func

    class _Dispatcher:
        def __call__(self, *args, **kwargs):
            if not args:
                raise TypeError("singledispatch function requires at least 1 positional argument")
            return dispatch(type(args[0]))(*args, **kwargs)

        def register(self, cls, func=None):
            if _is_class(cls) or _is_union(cls):
                if func is None:
                    return lambda f: self.register(cls, f)
            else:
                if func is not None:
                    raise TypeError(
                        "Invalid first argument to `register()`. %r is not a class or union type." % (cls,)
                    )
                # `@f.register` on a function: the class is its first parameter's annotation, as in CPython
                if not getattr(cls, "__annotations__", {}):
                    raise TypeError(
                        "Invalid first argument to `register()`: %r. Use either `@register(some_class)` or "
                        "plain `@register` on an annotated function." % (cls,)
                    )
                import typing

                func = cls
                argname, cls = next(iter(typing.get_type_hints(func).items()))
                if not _is_class(cls) and not _is_union(cls):
                    raise TypeError("Invalid annotation for %r. %r is not a class." % (argname, cls))
            if _is_union(cls):
                import typing

                for arg in typing.get_args(cls):
                    registry[arg] = func
            else:
                registry[cls] = func
            return func

    d = _Dispatcher()
    d.registry = registry
    d.dispatch = dispatch
    return d
