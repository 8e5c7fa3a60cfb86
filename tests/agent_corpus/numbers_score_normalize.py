# Normalising scores (min-max and z-score) and ranking with ties.
scores = {"ana": 88.5, "ben": 92.25, "cai": 75.0, "dee": 92.25, "eli": 60.125, "fay": 99.9, "gus": 81.0}
lo, hi = min(scores.values()), max(scores.values())
mean = sum(scores.values()) / len(scores)
sd = (sum((s - mean) ** 2 for s in scores.values()) / (len(scores) - 1)) ** 0.5
ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
rank = 0
previous = None
for i, (name, s) in enumerate(ranked, 1):
    if s != previous:
        rank = i
    previous = s
    print(f"{rank:>2}. {name:<4} {s:>7.3f} minmax={(s - lo) / (hi - lo):.4f} z={(s - mean) / sd:+.3f} pct={s / hi:6.1%}")
print(f"mean={mean!r} sd={sd:.6f} range={hi - lo:g}")
print({k: round((v - mean) / sd, 2) for k, v in scores.items()})
