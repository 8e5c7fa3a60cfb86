import re
from collections import Counter

TRACE = """Traceback (most recent call last):
  File "/app/main.py", line 42, in <module>
    run()
  File "/app/main.py", line 30, in run
    result = process(items)
  File "/app/lib/processing.py", line 118, in process
    return [transform(x) for x in items]
  File "/app/lib/processing.py", line 118, in <listcomp>
    return [transform(x) for x in items]
  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads
    return _default_decoder.decode(s)
json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"""

FRAME = re.compile(
    r'^  File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)\n    (?P<code>.*)$', re.M
)
frames = [m.groupdict() for m in FRAME.finditer(TRACE)]
for f in frames:
    short = re.sub(r"^.*/(?=[^/]+$)", "", f["file"])
    print(f"{short}:{f['line']:<4} {f['func']:<12} {f['code'].strip()}")

exc = re.search(r"^(?P<type>[\w.]+(?:Error|Exception)): (?P<msg>.*)$", TRACE, re.M)
print(exc["type"].rsplit(".", 1)[-1], "|", exc["msg"])
pos = re.search(r"line (\d+) column (\d+) \(char (\d+)\)", exc["msg"])
print(tuple(int(x) for x in pos.groups()))

app_frames = [f for f in frames if re.match(r"/app/", f["file"])]
print(len(frames), len(app_frames), Counter(f["file"] for f in app_frames).most_common(1))
print(re.findall(r"in (<\w+>)", TRACE))
print(re.sub(r'"/usr/lib/python3\.\d+/', '"<stdlib>/', TRACE).count("<stdlib>"))
print(bool(re.search(r"\AT.*\)$", TRACE, re.S)), bool(re.search(r"\(char 0\)\Z", TRACE)))
