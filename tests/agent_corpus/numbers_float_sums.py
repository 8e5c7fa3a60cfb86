# Summing many floats: naive sum vs exact fsum, and comparisons.
import math

prices = [0.1] * 10 + [1e16, 1.0, -1e16] + [2.675, 1.005, 0.045]
print("naive:", sum(prices), "fsum:", math.fsum(prices))
print("0.1 * 10:", sum([0.1] * 10), math.fsum([0.1] * 10), sum([0.1] * 10) == 1.0, math.fsum([0.1] * 10) == 1.0)
print("isclose:", math.isclose(sum([0.1] * 10), 1.0), math.isclose(1e-10, 0, abs_tol=1e-9))
print("hypot:", math.hypot(3, 4), math.hypot(1, 2, 3), math.hypot(1e200, 1e200))
print("dist:", math.dist((0, 0), (3, 4)), math.dist((1.5, 2.5, -1), (4, -2, 7.25)))
print("remainder:", math.remainder(10, 3), math.remainder(11, 4), math.remainder(-7.5, 2))
print("exp2/cbrt:", math.exp2(10), math.exp2(0.5), math.cbrt(-8), math.cbrt(64))
print("ulp/nextafter:", math.ulp(1.0), math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0))
print("floor/ceil/trunc:", [(math.floor(v), math.ceil(v), math.trunc(v)) for v in (-2.5, -0.5, 0.5, 2.5)])
print("divmod:", divmod(7.5, 2), divmod(-7.5, 2), divmod(7.5, -2), -7.5 // 2, -7.5 % 2, 7 % -3)
print("exact int/float:", 2**53 + 1 == 2.0**53, 2**53 == 2.0**53, float("inf") > 10**400, 10**400 > 1e308)
print("is_integer:", (3.0).is_integer(), (3.5).is_integer(), (2.5).as_integer_ratio(), (0.1).as_integer_ratio())
print("hex:", (1.0).hex(), (0.1).hex(), (-2.5).hex(), (0.0).hex(), (5e-324).hex())
