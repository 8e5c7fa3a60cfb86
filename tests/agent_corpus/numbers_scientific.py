# Physical constants in a table: e/g formats, precision, alignment.
constants = [
    ("speed of light", 299792458.0, "m/s"),
    ("Planck", 6.62607015e-34, "J s"),
    ("Avogadro", 6.02214076e23, "1/mol"),
    ("gravitational", 6.6743e-11, "m3/kg/s2"),
    ("electron mass", 9.1093837015e-31, "kg"),
    ("standard gravity", 9.80665, "m/s2"),
    ("pi", 3.141592653589793, ""),
]
for name, value, unit in constants:
    print(f"{name:<18}{value:>16.6e}{value:>14.4g}{value:>24}  {unit}")
print()
for p in range(0, 18, 3):
    print(f"pi to {p:>2}: {3.141592653589793:.{p}f} | {3.141592653589793:.{p}e} | {3.141592653589793:.{p}g}")
print("%.17g %.16g %.15g %r" % (0.1, 0.1, 0.1, 0.1))
print("%.17g %.17g %.20e" % (1 / 3, 2 / 3, 1 / 3))
print(f"{1e22:f} {1e23:f} {2**0.5:.30f}")
