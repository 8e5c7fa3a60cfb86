# An agent debugging a pipeline prints what each stage hands on.
data = {"b": 2, "a": 1, "c": 3}
stages = {
    "list": iter(sorted(data)),
    "tuple": iter(tuple(data.values())),
    "text": iter("abc"),
    "accented": iter("café"),
    "range": iter(range(3)),
    "reversed list": reversed(list(data)),
    "reversed dict": reversed(data),
    "reversed items": reversed(data.items()),
    "zipped": zip(data, data.values()),
    "mapped": map(str.upper, data),
    "filtered": filter(lambda k: k != "a", data),
    "numbered": enumerate(data),
    "generator": (k * 2 for k in data),
    "bytes": iter(bytearray(b"hi")),
}
for name, it in stages.items():
    kind = type(it)
    print(f"{name:15} {kind.__name__:26} {kind!r:34} first={next(it)!r} rest={list(it)!r} same={iter(it) is it}")
total = 0
for key, value in zip(sorted(data), reversed(range(len(data)))):
    total += value
print(total, type(...).__name__, type(NotImplemented).__name__, repr(type(...)))
wanted = ["a", "z"]
for key in wanted:
    try:
        print(key, "at", sorted(data).index(key))
    except ValueError as e:
        print("missing:", e)
try:
    tuple(data.values()).index(99)
except ValueError as e:
    print("missing:", e)
