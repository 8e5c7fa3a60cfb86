# Unpacking in displays (patch 0013): [*a], (*a,), {*a}, {**d, k: v}; bad forms stay SyntaxErrors.
a = [1, 2]
b = (3, 4)
d = {"x": 1, "y": 2}
print([*a], [*a, *b], [0, *a, 5, *range(2)], [*"hi"])
print((*a,), (*a, *b, 9))
t = *a, *b
print(t, type(t).__name__)
print(sorted({*a}), {*a, 7, *b} == {1, 2, 3, 4, 7})
print({**d}, {**d, "z": 3}, {"w": 0, **d, "x": 10}, {**d, **{"y": 20}})
e = {**d}
e["q"] = 1
print(d, e)

def shadowed(tuple="a local named tuple"):
    return (*a, 1)


print(shadowed())
def f(*args, **kw):
    return args, kw
print(f(*a, *b), f(**d, k=1))
row = {"id": 7, "name": "ada"}
print({**row, "name": row["name"].upper(), "n": len(row)})
print(sorted({*"abc", *"bcd"}))
for bad in ["[*a for a in x]", "{**a for a in x}", "{**d, *a}", "{*a, **d}", "{1: 2, *a}", "(*a)", "*a", "{**d, 1}"]:
    try:
        compile(bad, "<s>", "eval")
        print(bad, "compiled")
    except SyntaxError:
        print(bad, "SyntaxError")
