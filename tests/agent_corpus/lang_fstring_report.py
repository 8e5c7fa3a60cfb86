from datetime import datetime, timedelta

sales = {
    "north": [1200.5, 980.0, 1430.25],
    "south": [560.0, 610.75],
    "east": [2210.0, 1980.5, 2050.0, 1999.99],
}
start = datetime(2024, 4, 1, 9, 30)
width, prec = 12, 1
print(f"Report generated {start.strftime('%Y-%m-%d %H:%M')} ({start:%A})" if False else f"Report generated {start.strftime('%Y-%m-%d %H:%M')}")
print(f"{'region':<{width}}|{'n':>3}|{'total':>{width}}|{'avg':>{width}}|{'share':>7}")
grand = sum(sum(v) for v in sales.values())
for region, values in sorted(sales.items(), key=lambda kv: -sum(kv[1])):
    total = sum(values)
    print(f"{region.title():<{width}}|{len(values):>3}|{total:>{width},.{prec}f}|{total / len(values):>{width}.2f}|{total / grand:>7.1%}")
print(f"{'':-<{width * 3 + 14}}")
print(f"{'TOTAL':<{width}}|{sum(len(v) for v in sales.values()):>3}|{grand:>{width},.{prec}f}|")
deadline = start + timedelta(days=3, hours=2)
print(f"due {deadline.strftime('%d/%m %H:%M')} in {(deadline - start).days} days, {(deadline - start).seconds // 3600}h")
best = max(sales, key=lambda r: max(sales[r]))
print(f"best single sale: {max(sales[best]):,.2f} in {best!r} ({sales[best].index(max(sales[best])) + 1}{'st' if sales[best].index(max(sales[best])) == 0 else 'th'} entry)")
print(f"{'|'.join(f'{r[:1].upper()}:{len(v)}' for r, v in sales.items())}")
