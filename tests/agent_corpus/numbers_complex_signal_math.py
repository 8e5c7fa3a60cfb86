# A small signal-processing check an analyst might write: a naive DFT with complex numbers, magnitudes,
# phases, and the inverse transform, printed as a table.
import cmath
import math

samples = [0.0, 1.0, 0.5, -0.25, -1.0, -0.5, 0.25, 0.75]
n = len(samples)


def dft(xs):
    out = []
    for k in range(len(xs)):
        acc = 0j
        for t, x in enumerate(xs):
            w = (-2j * math.pi * k * t / len(xs))
            acc += x * cmath.exp(w)
        out.append(acc)
    return out


spectrum = dft(samples)
print(f"{'k':>2} {'re':>10} {'im':>10} {'|X|':>8}")
for k, z in enumerate(spectrum):
    print(f"{k:>2} {z.real:>10.4f} {z.imag:>10.4f} {round(abs(z), 6):>8}")
print("conjugate symmetry:", all(abs(spectrum[k] - spectrum[n - k].conjugate()) < 1e-9 for k in range(1, n)))
recovered = [(sum(z * cmath.exp(2j * math.pi * k * t / n) for k, z in enumerate(spectrum)) / n).real for t in range(n)]
print([round(x, 9) + 0.0 for x in recovered])

roots = [cmath.exp(2j * math.pi * k / 5) for k in range(5)]
print(round(abs(sum(roots)), 12), [round(r.real, 4) for r in roots])
z = 3 - 4j
print(z.conjugate(), z * z.conjugate(), z / (1 + 2j), z ** 2, z ** -1, (1 + 1j) ** 8, 2j ** 3)
for text in ["z // 2", "z % 2", "0j ** -1", "z / 0"]:
    try:
        print(eval(text))
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
