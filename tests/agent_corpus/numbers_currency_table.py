# Currency conversion table formatted with str.format and format().
rates = {"EUR": 1.0, "USD": 1.0862, "GBP": 0.85525, "JPY": 161.735, "CHF": 0.95635, "SEK": 11.2375}
amounts = [1, 19.99, 250, 1234.5, 1000000]
header = "{:>12}".format("EUR") + "".join("{:>16}".format(c) for c in rates if c != "EUR")
print(header)
for a in amounts:
    row = "{:>12,.2f}".format(a)
    for cur, rate in rates.items():
        if cur == "EUR":
            continue
        value = a * rate
        row += "{:>16,.0f}".format(value) if cur == "JPY" else "{:>16,.2f}".format(value)
    print(row)
print(format(1 / rates["USD"], ".6f"), format(rates["JPY"], "e"), format(rates["GBP"], ".3%"))
print("{0:.4f} {0:.4g} {0:.4e} {0!r}".format(rates["CHF"]))
print("{name}: {rate:.3f} ({rate:.1%})".format(name="SEK", rate=rates["SEK"] / 10))
print("|".join(format(v, "^10.2f") for v in rates.values()))
