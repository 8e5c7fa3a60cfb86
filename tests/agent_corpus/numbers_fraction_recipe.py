# Scaling a recipe with exact fractions.
from fractions import Fraction

recipe = {"flour (cups)": "2 1/4", "sugar (cups)": "3/4", "butter (cups)": "1/2", "eggs": "2", "milk (cups)": "2/3"}


def parse_quantity(text):
    total = Fraction(0)
    for part in text.split():
        total += Fraction(part)
    return total


def mixed(q):
    whole, rest = divmod(q.numerator, q.denominator)
    if rest == 0:
        return str(whole)
    frac = Fraction(rest, q.denominator)
    return f"{whole} {frac}" if whole else str(frac)


for factor in (Fraction(1, 2), Fraction(3, 2), Fraction(5, 3)):
    print(f"scale x{factor}:")
    for name, text in recipe.items():
        q = parse_quantity(text) * factor
        print(f"  {name:<14}{mixed(q):>10}  ({float(q):.3f})")
total = sum((parse_quantity(t) for n, t in recipe.items() if "cups" in n), Fraction(0))
print("total cups:", total, repr(total), float(total), round(total, 2), round(total))
print(Fraction(0.1), Fraction(0.1).limit_denominator(100), Fraction("3.1415").limit_denominator(1000))
print(Fraction(1, 3) + Fraction(1, 6) == Fraction(1, 2), Fraction(1, 2) == 0.5, Fraction(3, 4) < 0.8, Fraction(6, 4))
print(sorted([Fraction(2, 3), Fraction(1, 2), 0.6, 1]), Fraction(7, 3) // 1, Fraction(7, 3) % 1, Fraction(-7, 3).__floor__())
