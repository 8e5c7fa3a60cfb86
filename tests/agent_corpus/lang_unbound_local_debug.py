# An agent's helper with a latent bug: a variable assigned only in one branch, found by the error message.
import logging
import sys
import traceback

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stdout)
log = logging.getLogger("report")


def summarize(rows, currency=None):
    if rows:
        total = sum(row["amount"] for row in rows if row.get("amount") is not None)
    if currency:
        label = f"{currency} "
    return f"{label}{total:.2f}"


def safe(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except UnboundLocalError as e:
        log.error("UnboundLocalError: %s", e)
        return None
    except NameError as e:
        log.error("%s: %s", type(e).__name__, e)
        return None


print(safe(summarize, [{"amount": 3.5}, {"amount": 1.25}], currency="EUR"))
print(safe(summarize, [{"amount": 3.5}]))
print(safe(summarize, [], currency="USD"))


def make_counter():
    def bump():
        nonlocal_count = count + 1
        return nonlocal_count

    result = safe(bump)
    count = 10
    return result, bump()


print(make_counter())


def pipeline(records):
    for rec in records:
        if rec:
            last = rec
    try:
        return f"last non-empty: {last}"
    except UnboundLocalError as e:
        return traceback.format_exception_only(type(e), e)[-1].strip()


print(pipeline(["a", "", "b"]))
print(pipeline([]))
print(pipeline(["", ""]))
