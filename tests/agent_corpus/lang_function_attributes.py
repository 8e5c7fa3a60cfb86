import functools
import time


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@counted
def fib(n):
    """Return the n-th Fibonacci number."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(15), fib.calls, fib.__name__, fib.__doc__, fib.__wrapped__.__name__)


def tag(**attrs):
    def deco(fn):
        for k, v in attrs.items():
            setattr(fn, k, v)
        return fn

    return deco


@tag(route="/items", methods=("GET",))
def list_items(limit=10, *, offset=0):
    return list(range(offset, offset + limit))


print(list_items.route, list_items.methods, list_items.__defaults__, list_items.__kwdefaults__)
print(sorted(k for k in list_items.__dict__), list_items.__qualname__, list_items.__module__)
