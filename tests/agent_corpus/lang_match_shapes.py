from dataclasses import dataclass
import math


@dataclass
class Circle:
    r: float


@dataclass
class Rect:
    w: float
    h: float


@dataclass
class Tri:
    a: float
    b: float
    c: float


def area(shape) -> float:
    match shape:
        case Circle(r=0) | Rect(w=0) | Rect(h=0):
            return 0.0
        case Circle(r):
            return math.pi * r * r
        case Rect(w, h) if w == h:
            return w * w
        case Rect(w, h):
            return w * h
        case Tri(a, b, c):
            s = (a + b + c) / 2
            return math.sqrt(s * (s - a) * (s - b) * (s - c))
        case (x, y):
            return float(x * y)
        case int(n) | float(n):
            return float(n)
        case _:
            raise TypeError(f"not a shape: {shape!r}")


shapes = [Circle(1.5), Rect(2, 3), Rect(4, 4), Tri(3, 4, 5), Circle(0), (2, 5), 7, "x"]
for s in shapes:
    try:
        print(f"{s!r:<28} {area(s):10.4f}")
    except TypeError as e:
        print("error:", e)
print(Circle.__match_args__, Rect.__match_args__)
