from graphlib import CycleError, TopologicalSorter

packages = {
    "app": ["web", "db", "auth"],
    "web": ["http", "templates"],
    "auth": ["db", "crypto"],
    "db": ["driver"],
    "templates": [],
    "http": ["sockets"],
    "crypto": [],
    "driver": ["sockets"],
}
ts = TopologicalSorter(packages)
order = list(ts.static_order())
print(order)
ts = TopologicalSorter(packages)
ts.prepare()
stage = 0
while ts.is_active():
    ready = ts.get_ready()
    stage += 1
    print(f"stage {stage}: {sorted(ready)}")
    ts.done(*ready)
bad = dict(packages, sockets=["app"])
try:
    list(TopologicalSorter(bad).static_order())
except CycleError as e:
    print("cycle:", " -> ".join(e.args[1]))
ts2 = TopologicalSorter()
ts2.add("deploy", "test")
ts2.add("test", "build")
ts2.add("build")
print(tuple(ts2.static_order()))
