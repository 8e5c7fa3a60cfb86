# Unit conversion table with scientific notation and significant figures.
CONVERSIONS = {
    "km -> mi": 0.621371,
    "kg -> lb": 2.20462,
    "l -> gal": 0.264172,
    "J -> kWh": 1 / 3.6e6,
    "ly -> km": 9.4607e12,
    "eV -> J": 1.602176634e-19,
}
values = [1, 2.5, 1000, 123456.789]
print(f"{'conversion':<10} " + " ".join(f"{v:>14g}" for v in values))
for name, factor in CONVERSIONS.items():
    row = []
    for v in values:
        result = v * factor
        if abs(result) >= 1e6 or abs(result) < 1e-3:
            row.append(f"{result:>14.4e}")
        else:
            row.append(f"{result:>14.4f}")
    print(f"{name:<10} " + " ".join(row))
print()
for x in (0.000123456, 0.1, 1.0, 12.5, 1234.5678, 1e6, 1.5e16, 1e-7):
    print(f"{x!r:>14} {x:>12.3g} {x:>12.3G} {x:>#12.3g} {x:>12} {x:>12.2e} {x:n}")
