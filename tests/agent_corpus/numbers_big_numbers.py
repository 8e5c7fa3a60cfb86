# Very large and very small numbers: factorials, powers, scientific notation, digit sums.
import math

for n in (20, 50, 100):
    f = math.factorial(n)
    print(f"{n}! = {f:.6e} ({len(str(f))} digits, digit sum {sum(int(d) for d in str(f))}, trailing zeros {len(str(f)) - len(str(f).rstrip('0'))})")
print(f"{2**64:,} {2**100:_} {-(3**40):,}")
print(f"{10**20 / 3:.5f} {2**70 / 7:e} {float(2**80):,.0f}")
print(f"{1e-300 * 1e-10:.3e} {5e-324:g} {2.2250738585072014e-308:.17g} {1.7976931348623157e308:.5e}")
print(math.isqrt(2 * 10**40), math.gcd(2**100, 6**50), math.lcm(2**10, 3**5, 10))
print(int("1" * 30) % 97, pow(2, 10**6, 10**9 + 7), (10**25).bit_length(), (7**77).bit_count())
print(2**53 + 1 > 2.0**53, 10**400 > float("inf"), 2**1024 > 1.7976931348623157e308)
