# Compound growth projections with several rates, scientific and percent output.
import math

principal = 10000.0
rates = [0.01, 0.035, 0.07, 0.12]
years = [1, 5, 10, 30]
print("rate  " + "".join(f"{y:>14d}y" for y in years))
for r in rates:
    cells = "".join(f"{principal * (1 + r) ** y:>15,.2f}" for y in years)
    print(f"{r:>5.1%}" + cells)
for r in rates:
    doubling = math.log(2) / math.log(1 + r)
    print(f"at {r:.2%}: doubles in {doubling:.2f} years (rule of 72: {72 / (r * 100):.1f}), continuous {principal * math.exp(r * 10):.3e}")
print(f"{(1 + 0.07) ** 100:.6g} {(1.07 ** 100):,.0f} {1.07 ** 1000:.3e} {1.07 ** -50:.5f}")
