# GC stress: many short-lived instances, linked structures and closures.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    class Node:
        def __init__(self, value, nxt=None):
            self.value = value
            self.next = nxt
            self.tags = [value, str(value), (value, value * 2)]


    def build(n):
        head = None
        for i in range(n):
            head = Node(i, head)
        return head


    def total(head):
        s = 0
        while head is not None:
            s += head.value + len(head.tags[1]) + head.tags[2][1]
            head = head.next
        return s


    def make_adders(n):
        return [lambda x, k=k: x + k for k in range(n)]


    results = []
    for round_ in range(30):
        lst = build(200)
        results.append(total(lst))
        adders = make_adders(50)
        results.append(sum(f(round_) for f in adders))
    print(len(results), sum(results))
    print(results[:6])


main()
