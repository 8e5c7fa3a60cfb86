def clamp(value, /, lo=0, hi=100, *, strict=False):
    if strict and not lo <= value <= hi:
        raise ValueError(f"{value} outside [{lo}, {hi}]")
    return max(lo, min(hi, value))


def describe(name, /, *tags, sep=", ", **extra):
    parts = [name]
    if tags:
        parts.append(sep.join(tags))
    parts.extend(f"{k}={v}" for k, v in sorted(extra.items()))
    return " | ".join(parts)


print(clamp(150), clamp(-5, -10), clamp(50, hi=40), clamp(5, 0, 10, strict=True))
print(describe("widget"), describe("gadget", "new", "blue", sep="/", price=3, qty=1))
for call in (
    lambda: clamp(value=3),
    lambda: clamp(1, 2, 3, 4),
    lambda: clamp(200, strict=True),
    lambda: describe(),
    lambda: clamp(1, lo=0, bogus=1),
):
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def merge(a, b, /, **kw):
    return {"a": a, "b": b, **kw}


print(merge(1, 2, a=3, b=4))
