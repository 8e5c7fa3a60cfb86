# An agent probing which API a value or module offers, falling back and logging what went wrong: the
# messages it logs are str(e) of AttributeError / NameError (CPython 3.11 adds "Did you mean" only to the
# report of an uncaught exception, never to str(e) or traceback.format_exc()).
import datetime
import json
import math
import traceback

log = []


def try_call(label, fn):
    try:
        result = fn()
    except (AttributeError, NameError) as e:
        log.append(f"{label}: {type(e).__name__}: {e}")
        return None
    log.append(f"{label}: ok {result!r}")
    return result


try_call("now", lambda: datetime.now())
try_call("datetime.now", lambda: datetime.datetime(2024, 5, 1).isoformat())
try_call("sqr", lambda: math.sqr(16))
try_call("sqrt", lambda: math.sqrt(16))
try_call("loads", lambda: json.load_string('{"a": 1}'))
try_call("dumps", lambda: json.dumps({"a": [1, 2]}, sort_keys=True))
try_call("append", lambda: [1, 2].push(3))
try_call("upper", lambda: "total".uper())
try_call("dict", lambda: {"a": 1}.has_key("a"))
try_call("type", lambda: int.parse("3"))
try_call("name", lambda: undefined_helper(3))  # noqa: F821 - the slip being logged


class Record:
    fields = ("id", "amount")

    def __init__(self, id, amount):
        self.id = id
        self.amount = amount


r = Record(1, 9.5)
for attr in ("amount", "amonut", "fields", "feilds"):
    value = getattr(r, attr, None)
    print(attr, value, hasattr(r, attr))
try_call("record", lambda: r.amout * 2)
try_call("class", lambda: Record.field)

try:
    print(math.tua)
except AttributeError:
    last = traceback.format_exc().splitlines()[-1]
    print("format_exc:", last)

for line in log:
    print(line)
print(len([line for line in log if "ok" in line.split(": ")[1]]), "of", len(log), "calls worked")
