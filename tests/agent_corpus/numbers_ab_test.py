# A/B test summary: rates, lift, z-score and a confidence interval.
import math

groups = {"control": (10234, 512), "variant": (10198, 589)}
rates = {}
for name, (n, conv) in groups.items():
    rates[name] = conv / n
    se = math.sqrt(rates[name] * (1 - rates[name]) / n)
    lo, hi = rates[name] - 1.96 * se, rates[name] + 1.96 * se
    print(f"{name:<8} n={n:>6,} conv={conv:>4} rate={rates[name]:.3%} 95% CI [{lo:.4f}, {hi:.4f}] se={se:.2e}")
(n1, c1), (n2, c2) = groups["control"], groups["variant"]
p = (c1 + c2) / (n1 + n2)
z = (rates["variant"] - rates["control"]) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
lift = rates["variant"] / rates["control"] - 1
pval = math.erfc(abs(z) / math.sqrt(2))
print(f"lift {lift:+.2%}, z = {z:.3f}, p = {pval:.4g}, significant: {pval < 0.05}")
print("z rounded:", round(z, 2), round(z, 1), round(z), "| p as %: " + format(pval, ".2%"))
