# GC stress: string concatenation, join, formatting, f-strings, split/replace on growing text.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    parts = []
    for i in range(2000):
        parts.append(f"{i:05d}:{i * i % 1000:03d}")
    text = ",".join(parts)
    print(len(text), text[:40])
    s = ""
    for i in range(800):
        s += str(i % 10)
        if len(s) > 300:
            s = s[100:]
    print(len(s), s[:20])
    words = text.replace(":", " ").split(",")
    print(len(words), words[-1])
    lines = []
    for i in range(500):
        lines.append("%s|%r|%d" % ("row", "v" * (i % 13), i))
    blob = "\n".join(lines)
    print(len(blob), blob.count("vv"), blob.splitlines()[-1])
    up = "".join(c.upper() if i % 2 else c for i, c in enumerate("abcdefghij" * 300))
    print(up[:20], len(up))
    print(sum(len(x.strip()) for x in ("  %d  " % i for i in range(1000))))


main()
