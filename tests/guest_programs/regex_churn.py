# GC stress: regular expressions compiled, matched and dropped while collections run: many distinct
# patterns (past re's cache), match objects kept in lists while more are made, substitutions with a
# callable that allocates, splits and findall over str with non-ASCII text and over bytes.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.
import re


def main():
    text = " ".join("wörd%d é%d item-%03d" % (i, i * 7 % 13, i) for i in range(150))
    patterns = [re.compile(r"(?P<w>\w+?)(\d{%d})\b" % (1 + i % 3)) for i in range(20)]
    kept = []
    for i, p in enumerate(patterns):
        for m in p.finditer(text, i):
            if m.end() % 29 == 0:
                kept.append(m)
    print(len(kept), sum(m.start("w") for m in kept), kept[-1].groupdict(), kept[3].span(2))
    total = 0
    for i in range(300):
        p = re.compile("item-(0*)(%d)|é(%d)" % (i % 40, i % 3))
        total += len(p.findall(text))
    print(total)
    swapped = re.sub(r"(\w+)-(\d+)", lambda m: "%s<%s>" % (m.group(2), m.group(1).upper() * 2), text)
    print(len(swapped), swapped[:60])
    parts = re.split(r"(\s)(?=é)", text, maxsplit=100)
    print(len(parts), parts[:3], parts[-1][:20])
    data = text.encode()
    print(len(re.findall(rb"[\x80-\xff]+", data)), re.sub(rb"\d+", b"#", data)[:30])
    counts = {}
    for m in re.finditer(r"\b(\w)\w*", text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    print(sorted(counts.items()))
    print(re.purge(), len([re.escape(w) for w in text.split()[:50]]))


main()
