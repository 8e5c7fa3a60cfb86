# GC stress: exceptions raised deep in recursion and caught at various depths, with allocation on
# the way down and up.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    class Boom(Exception):
        def __init__(self, depth, payload):
            super().__init__(depth)
            self.depth = depth
            self.payload = payload


    def dive(n, target):
        local = [n] * 5
        if n == target:
            raise Boom(n, {"at": n, "data": list(range(n % 10))})
        try:
            return dive(n + 1, target) + len(local)
        except Boom as e:
            if n == target // 2:
                return -e.depth - len(e.payload["data"])
            raise


    results = []
    for target in range(10, 140, 3):
        results.append(dive(0, target))
    print(results)

    caught = 0
    for i in range(300):
        try:
            try:
                raise ValueError("v%d" % i)
            except ValueError as e:
                raise KeyError(str(e) * 3) from e
        except KeyError as e:
            caught += len(e.args[0])
    print(caught)


    def unwind(n):
        try:
            if n == 0:
                raise IndexError("bottom")
            unwind(n - 1)
        finally:
            trail.append(n)


    trail = []
    try:
        unwind(60)
    except IndexError as e:
        print("caught", e, len(trail), sum(trail))


main()
