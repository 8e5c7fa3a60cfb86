import traceback


def parse_amount(text):
    return float(text.replace(",", ""))


records = ["1,234.50", "12", "abc", None, "7e2"]
results, failures = [], []
for r in records:
    try:
        results.append(parse_amount(r))
    except (ValueError, AttributeError) as e:
        failures.append((r, type(e).__name__, str(e)))
        formatted = traceback.format_exception_only(type(e), e)
        print("error:", formatted[-1].strip())
print(results)
for f in failures:
    print(f)
try:
    {"a": 1}["b"]
except KeyError:
    text = traceback.format_exc()
    lines = text.strip().splitlines()
    print(lines[0])
    print(lines[-1])
print(repr(traceback.format_exc()))
err = ValueError("not raised")
print(traceback.format_exception(err))
