# Survey answers: counts, percentages and a text bar chart.
from collections import Counter

answers = ("yes no yes maybe yes yes no maybe yes no yes yes no no yes maybe yes yes "
           "no yes yes maybe no yes").split()
counts = Counter(answers)
total = sum(counts.values())
width = 30
for answer, n in counts.most_common():
    share = n / total
    bar = "#" * round(share * width)
    print(f"{answer:>6} {n:3d} {share:7.2%} {share:.0%} |{bar:<{width}}|")
print(f"{'total':>6} {total:3d} {1:7.2%}")
print("ratios:", ", ".join(f"{a}={n / total:.3f}" for a, n in sorted(counts.items())))
print("%s: %.1f%% of %d" % ("yes", counts["yes"] / total * 100, total))
print(f"{2 / 3:%} {1 / 8:.1%} {0.5:.0%} {0.125:.1%} {1.005:.1%}")
