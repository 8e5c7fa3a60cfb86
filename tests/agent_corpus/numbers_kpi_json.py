# KPIs computed from JSON and written back, rounded to 2 places, plus a formatted summary.
import json

raw = '''{"visits": [1200, 1350, 980, 1602, 1499], "signups": [48, 61, 35, 80, 71],
          "revenue": [1520.5, 1899.99, 1101.25, 2450.0, 2204.75]}'''
data = json.loads(raw)
kpis = []
for day, (v, s, r) in enumerate(zip(data["visits"], data["signups"], data["revenue"]), 1):
    kpis.append({"day": day, "conversion": round(s / v * 100, 2), "arpu": round(r / s, 2), "rpv": round(r / v, 3)})
print(json.dumps(kpis[:2]))
for k in kpis:
    print(f"day {k['day']}: conv {k['conversion']:>5.2f}%  arpu {k['arpu']:>7.2f}  rpv {k['rpv']:.3f}")
total_rev = sum(data["revenue"])
best_day = max(range(5), key=lambda i: data["revenue"][i]) + 1
print(f"revenue {total_rev:,.2f} | avg {total_rev / len(data['revenue']):,.3f} | best day {best_day}")
summary = {"total_revenue": round(total_rev, 2), "avg_conversion": round(sum(k["conversion"] for k in kpis) / len(kpis), 4)}
print(json.dumps(summary))
print("%.1f%% of visits signed up" % (sum(data["signups"]) / sum(data["visits"]) * 100))
