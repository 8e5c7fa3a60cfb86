# Integer formatting: separators, bases, padding, signs.
populations = {"Tokyo": 37400068, "Delhi": 28514000, "Shanghai": 25582000, "São Paulo": 21650000,
               "Mexico City": 21581000, "Cairo": 20076000, "Zürich": 421878}
for city, pop in sorted(populations.items(), key=lambda kv: kv[1], reverse=True):
    print(f"{city:<12}{pop:>14,}{pop:>14_}{pop // 1000:>8,}k {pop:>12.3e}")
total = sum(populations.values())
print(f"{'total':<12}{total:>14,}")
for n in (0, 7, 255, 4096, 65535, 2**32, -42, 10**20):
    print(f"{n:>22,d} {n:#x} {n:#o} {n:_b} {n:08X} {n:+d} {n: d} {n:^9}")
print("{:=+10,}|{:<+10}|{:010_x}|{:#010b}".format(-12345, 6, 48879, 5))
print(format(1234567890, ","), format(1234567890, "_"), format(-9876543210, ",d"))
print(f"{True:>6}|{False:d}|{True!s:>6}|{7:c}{66:c}{0x263A:c}")
