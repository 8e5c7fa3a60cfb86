import csv
import io
import json

buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerows([["sku", "qty"], ["A-1", 3], ["B-2", 10], ["C-3", 0]])
print(repr(buf.getvalue()), buf.tell())
buf.seek(0)
header = buf.readline()
rest = buf.readlines()
print(repr(header), rest)
buf.seek(0)
for i, line in enumerate(buf):
    print(i, line.rstrip("\n"))
print(buf.read(), buf.tell(), buf.seek(4), buf.read(5))
with io.StringIO("line1\nline2\n") as f:
    print(f.readlines(), f.closed)
print(f.closed)
out = io.StringIO()
print("hello", 42, sep="-", file=out)
out.write("more\n")
print(repr(out.getvalue()))
b = io.BytesIO()
b.write(json.dumps({"k": "é"}).encode())
b.write(b"\n")
print(b.getvalue(), b.tell())
b.seek(0)
print(json.loads(b.readline()), b.read())
