# A tour of the sandbox: `make demo` runs this with `datasette micropython run examples/demo.py`.
import json
import sys

print("Python", sys.version, "on", sys.platform)
rows = [{"name": "a", "n": 3}, {"name": "b", "n": 5}]
print(json.dumps({"total": sum(r["n"] for r in rows)}))

try:
    open("/etc/passwd")
except OSError as e:
    print("no filesystem:", e)

try:
    s = "longer string"
    while True:
        s += s
except MemoryError:
    print("memory limit reached, and the sandbox carries on")

try:
    while True:
        pass
except KeyboardInterrupt:
    print("time limit reached, interrupt caught")
