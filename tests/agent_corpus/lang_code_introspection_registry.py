import functools
from dataclasses import dataclass

TASKS = {}


def task(name=None, *, retries=0):
    """Registers a pipeline step, recording where it is defined and which arguments it takes."""

    def register(fn):
        code = fn.__code__
        params = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        TASKS[name or fn.__name__] = {
            "line": code.co_firstlineno,
            "params": params,
            "locals": code.co_varnames[len(params) :],
            "nlocals": code.co_nlocals,
            "retries": retries,
        }

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(retries + 1):
                try:
                    return fn(*args, **kwargs)
                except ValueError as exc:
                    last = exc
            raise RuntimeError(f"{fn.__name__} failed after {retries + 1} attempts") from last

        return wrapper

    return register


@task()
def load(rows, *, limit=None):
    kept = [r for r in rows if r.get("ok", True)]
    return kept[:limit] if limit else kept


@task("clean", retries=2)
def normalise(rows):
    out = []
    for row in rows:
        name = row["name"].strip().title()
        out.append({**row, "name": name})
    return out


@dataclass
class Summary:
    count: int
    names: list

    def describe(self):
        label = ", ".join(self.names)
        return f"{self.count} rows: {label}"


@task()
def summarise(rows, sep=", "):
    def key(row):
        return row["name"]

    names = sorted(map(key, rows))
    return Summary(len(rows), names)


rows = [{"name": " ada "}, {"name": "grace hopper", "ok": True}, {"name": "x", "ok": False}]
result = summarise(normalise(load(rows)))
print(result.describe())
for name, info in TASKS.items():
    print(name, info)
print(summarise.__wrapped__.__code__.co_varnames, Summary.describe.__code__.co_firstlineno)
print(load.__name__, load.__wrapped__.__code__.co_kwonlyargcount, TASKS["load"]["line"] < TASKS["clean"]["line"])
