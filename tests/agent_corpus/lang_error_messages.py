cases = [
    lambda: int("12a"),
    lambda: float("x1"),
    lambda: 1 / 0,
    lambda: 5 % 0,
    lambda: [1, 2][5],
    lambda: {"a": 1}["b"],
    lambda: None["x"],
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: [3, "a"].sort(),
    lambda: undefined_name,
    lambda: "abc".missing,
    lambda: (1, 2).append(3),
    lambda: int(None),
    lambda: len(5),
    lambda: "x" * "y",
    lambda: {}.pop("k"),
    lambda: [].pop(),
]
for i, case in enumerate(cases):
    try:
        case()
    except Exception as e:
        print(f"{i:2} {type(e).__name__}: {e}")
