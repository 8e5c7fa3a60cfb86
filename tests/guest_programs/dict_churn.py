# GC stress: dicts growing and shrinking, string keys built at run time, nested dicts, sets.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    d = {}
    for i in range(600):
        d["key%d" % i] = {"i": i, "s": str(i) * 2, "l": [i] * 3}
        if i % 3 == 0:
            del d["key%d" % (i // 2)]
    print(len(d))
    acc = 0
    for k in sorted(d):
        v = d[k]
        acc += v["i"] + len(v["s"]) + sum(v["l"])
    print(acc)
    counts = {}
    for i in range(3000):
        w = "w%d" % (i * 7919 % 211)
        counts[w] = counts.get(w, 0) + 1
    print(len(counts), max(counts.values()), min(counts.values()))
    s = set()
    for i in range(3000):
        s.add((i % 97, str(i % 89)))
    print(len(s))
    inv = {v: k for k, v in sorted(counts.items()) if v > 14}
    print(sorted(inv.items())[:5])


main()
