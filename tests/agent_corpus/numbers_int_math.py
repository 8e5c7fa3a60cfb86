# Number theory helpers an agent writes for puzzles and scheduling.
import math

meetings = [12, 18, 30, 45]
cycle = math.lcm(*meetings)
print(f"all meetings coincide every {cycle} days; gcd {math.gcd(*meetings)}")
print("pairwise gcd:", {(a, b): math.gcd(a, b) for a in meetings for b in meetings if a < b})
for n in (10, 52, 100):
    print(f"C({n},5) = {math.comb(n, 5):>15,}  P({n},3) = {math.perm(n, 3):>10,}  {n}! has {len(str(math.factorial(n)))} digits")
squares = [n for n in range(1, 200) if math.isqrt(n) ** 2 == n]
print("perfect squares:", squares)
print("isqrt of a big number:", math.isqrt(10**40 + 12345), math.isqrt(2**127 - 1))
print("product:", math.prod(range(1, 16)), math.prod([1.5, 2.0, 4.0], start=2))
primes = [p for p in range(2, 60) if all(p % d for d in range(2, math.isqrt(p) + 1))]
print("primes:", primes, "sum", sum(primes), "product digits", len(str(math.prod(primes))))
print("inverse of 3 mod 11:", pow(3, -1, 11), "| 7**-1 mod 40:", pow(7, -1, 40), "| 2**100 mod 97:", pow(2, 100, 97))
try:
    pow(6, -1, 9)
except ValueError as e:
    print("ValueError:", e)
