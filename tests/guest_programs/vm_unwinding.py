# GC stress for the bytecode VM's own paths: values the VM carries across a call while nothing else holds
# them (a return value passing through `with`/`finally`, an exception thrown into `yield from`, star
# unpacking of fresh items), while the called code allocates enough to start collections.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    def churn(n):
        junk = []
        for i in range(n):
            junk.append([i, str(i), (i, i)])
        return len(junk)

    class Noisy:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            churn(200)
            return False

    def returns_through_with(i):
        with Noisy():
            return [i, str(i) * 3, {"k": i}]

    def returns_through_finally(i):
        try:
            return (i, [str(i)] * 2)
        finally:
            churn(200)

    def breaks_out_of_with(i):
        for _ in range(2):
            with Noisy():
                found = [i, "x" * (i % 7)]
                break
        return found

    def inner():
        try:
            while True:
                yield [churn(50)]
        except ValueError as e:
            churn(300)
            return ("caught", str(e))

    def outer(results):
        results.append((yield from inner()))

    def fresh(n):
        for i in range(n):
            yield [i, str(i)]

    total = 0
    checks = []
    for i in range(60):
        a = returns_through_with(i)
        b = returns_through_finally(i)
        c = breaks_out_of_with(i)
        checks.append(a == [i, str(i) * 3, {"k": i}] and b == (i, [str(i)] * 2) and c == [i, "x" * (i % 7)])

        results = []
        g = outer(results)
        next(g)
        try:
            g.throw(ValueError("stop %d" % i))
        except StopIteration:
            pass
        checks.append(results == [("caught", "stop %d" % i)])

        first, *middle, last = fresh(12)
        head, *rest = (x for x in fresh(5))
        checks.append(first == [0, "0"] and last == [11, "11"] and len(middle) == 10 and len(rest) == 4)
        total += sum(p[0] for p in middle) + len(head)

    print(all(checks), len(checks), total)


main()
