from contextlib import contextmanager, suppress
import io


class Timer:
    def __init__(self, label, log):
        self.label = label
        self.log = log

    def __enter__(self):
        self.log.append(f"enter {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.log.append(f"exit {self.label} {exc_type.__name__ if exc_type else 'ok'}")
        return exc_type is KeyError


@contextmanager
def transaction(rows):
    snapshot = list(rows)
    try:
        yield rows
    except ValueError as e:
        rows[:] = snapshot
        print("rolled back:", e)


log = []
with Timer("a", log) as t, Timer("b", log):
    log.append(f"inside {t.label}")
with Timer("c", log):
    {}["missing"]
print(log)
rows = [1, 2]
with transaction(rows) as r:
    r.append(3)
with transaction(rows) as r:
    r.append(4)
    raise ValueError("bad row")
print(rows)
with suppress(ZeroDivisionError):
    print("before")
    1 / 0
buf = io.StringIO()
with buf:
    buf.write("x")
    print(buf.getvalue())
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
