# GC stress: generator pipelines that allocate per item, nested generators, yield from.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    def numbers(n):
        for i in range(n):
            yield [i, str(i)]


    def squares(it):
        for pair in it:
            yield (pair[0] * pair[0], pair[1] + "!")


    def chunks(it, size):
        buf = []
        for x in it:
            buf.append(x)
            if len(buf) == size:
                yield tuple(buf)
                buf = []
        if buf:
            yield tuple(buf)


    def tree(depth):
        if depth == 0:
            yield "leaf"
            return
        yield "node%d" % depth
        yield from tree(depth - 1)
        yield from tree(depth - 1)


    total = 0
    count = 0
    for chunk in chunks(squares(numbers(3000)), 7):
        total += sum(v for v, _ in chunk)
        count += len(chunk)
    print(count, total)
    t = list(tree(9))
    print(len(t), t[:4], t.count("leaf"))
    print(sum(len(s) for s in (x[1] for x in squares(numbers(2000)))))


main()
