# Cleaning survey exports whose numbers were typed on Arabic, Persian and Japanese keyboards, scanning a
# binary log for record separators, rolling averages with a bounded deque, and big-number ratios.
import csv
import io
import itertools
import math
from collections import deque
from statistics import mean

raw = """respondent,age,income,score
r1,٣٤,"١٢٬٥٠٠",٧٫٥
r2,２９,３８０００,８.２
r3,\u00a041\u3000,52000,6.9
r4,۲۷,۴۵۰۰۰,۹٫۱
r5,n/a,41000,7.0
"""


def to_number(text, kind=float):
    cleaned = text.replace("٬", "").replace("٫", ".").replace(",", "")
    try:
        return kind(cleaned)
    except ValueError as e:
        print("  skipped:", e)
        return None


rows = list(csv.DictReader(io.StringIO(raw)))
ages = [to_number(r["age"], int) for r in rows]
incomes = [to_number(r["income"]) for r in rows]
scores = [to_number(r["score"]) for r in rows]
print("ages", ages)
print("incomes", incomes)
print("scores", scores)
valid = [(a, i) for a, i in zip(ages, incomes) if a is not None]
print(f"mean age {mean(a for a, _ in valid):.1f}, mean income {mean(i for _, i in valid):,.2f}")
print(complex("(١+٢j)"), complex(" 3-4j "), int("٠x1F", 16), int("0b١٠١", 0))

log = b"GET /a 200\nGET /b 404\r\nPOST /c 500\nGET /d 200\n"
newline = ord("\n")
starts, pos = [0], log.find(newline)
while pos != -1:
    starts.append(pos + 1)
    pos = log.find(newline, pos + 1)
print("records", log.count(newline), "starts", starts[:-1], "last newline at", log.rindex(10))
print("carriage returns", log.count(13), "first 5xx at", log.find(b"5", log.find(b" /c")))
try:
    log.index(0)
except ValueError as e:
    print("no NUL byte:", e)
print(bytes(4), bytearray(2) + b"!", log.count(b""), "".count("", 1), log[:10].find(b"", 11))

window = deque(maxlen=3)
for reading in [12, 15, 11, 19, 22, 18, 25]:
    window.append(reading)
    print(f"{list(window)!s:<14} avg={sum(window) / len(window):6.2f}")
window.rotate(True)
print(window, window[-1], window.maxlen)
pages = iter(range(1, 12))
for page_no in itertools.count(1):
    page = list(itertools.islice(pages, 4))
    if not page:
        break
    print("page", page_no, page)

for n in (25, 60, 170, 171):
    try:
        print(n, f"{math.factorial(n) / math.factorial(n - 2):.1f}", float(math.factorial(n)))
    except OverflowError as e:
        print(n, "overflow:", e)
print(10**400 / 10**398, (2**64 + 1) / 3, float(2**64 + 2**11 + 1), sum([2**70, 0.5]))
