import io
from graphlib import CycleError, TopologicalSorter

deps = {
    "deploy": ["test", "build"],
    "test": ["build"],
    "build": ["fetch", "configure"],
    "configure": ["fetch"],
    "docs": ["configure"],
}
ts = TopologicalSorter(deps)
order = list(ts.static_order())
print(order)
pos = {n: i for i, n in enumerate(order)}
print(all(pos[d] < pos[n] for n, ds in deps.items() for d in ds))

ts = TopologicalSorter()
ts.add("c", "a", "b")
ts.add("b", "a")
ts.prepare()
batches = []
while ts.is_active():
    ready = sorted(ts.get_ready())
    batches.append(ready)
    ts.done(*ready)
print(batches)
try:
    list(TopologicalSorter({"a": ["b"], "b": ["a"]}).static_order())
except CycleError as e:
    print("CycleError", e.args[0], sorted(e.args[1]))

buf = io.StringIO("id,name\n1,ann\n2,bob\n3,cy\n")
print(buf.readline().strip(), buf.tell())
print(buf.readlines())
buf.seek(0)
print([line.rstrip() for line in buf][:2], buf.read(), buf.tell())
with io.StringIO() as out:
    out.write("hello ")
    print("world", file=out)
    print(repr(out.getvalue()), out.closed)
print(out.closed)
b = io.BytesIO(b"\x00\x01binary\nline2\n")
print(b.read(2), b.readline(), b.readlines(), b.tell())
b.seek(0, 2)
b.write(b"tail")
print(b.getvalue(), b.seek(3), b.read(3))
