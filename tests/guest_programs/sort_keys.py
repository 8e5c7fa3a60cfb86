# GC stress: sorting with key functions that allocate (tuples, strings, lists) on every call.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    words = []
    seed = 12345
    for i in range(500):
        seed = (seed * 1103515245 + 12345) % 2147483648
        words.append("w%d_%s" % (seed % 997, "x" * (seed % 7)))


    def key_tuple(w):
        return (len(w), w[::-1], [ord(c) for c in w[:3]])


    def key_str(w):
        return "-".join(reversed(w.split("_")))


    a = sorted(words, key=key_tuple)
    b = sorted(words, key=key_str, reverse=True)
    c = sorted(range(700), key=lambda n: (str(n)[::-1], n % 7, [n] * 2))
    print(a[:5], a[-3:])
    print(b[:5], b[-3:])
    print(c[:10], c[-5:])
    print(sum(len(w) for w in a))


main()
