import bisect
import heapq

tasks = [(3, "write report"), (1, "fix prod bug"), (4, "lunch"), (2, "review PR"), (5, "email")]
heap = list(tasks)
heapq.heapify(heap)
order = []
while heap:
    order.append(heapq.heappop(heap)[1])
print(order)

scores = {"ann": 91, "bob": 78, "cy": 85, "dee": 97, "ed": 62, "flo": 85}
print(heapq.nlargest(3, scores, key=scores.get))
print(heapq.nsmallest(2, scores.items(), key=lambda kv: kv[1]))
print(heapq.nlargest(2, [5, 1, 8, 3]), heapq.nsmallest(10, [5, 1, 8]))

h = [1, 4, 7]
print(heapq.heappushpop(h, 0), h)
print(heapq.heapreplace(h, 10), h)
heapq.heappush(h, 2)
print(h)

a = [1, 4, 9, 16]
b = [2, 3, 10]
c = [0, 20]
print(list(heapq.merge(a, b, c)))
print(list(heapq.merge([9, 5, 1], [8, 2], reverse=True)))
print(list(heapq.merge(["apple", "kiwi"], ["fig", "banana"], key=len)))

grades = [60, 70, 80, 90]
letters = "FDCBA"
for s in [33, 60, 75, 89, 90, 100]:
    print(s, letters[bisect.bisect(grades, s)], bisect.bisect_left(grades, s), bisect.bisect_right(grades, s))

people = [("ann", 25), ("bob", 31), ("cy", 40)]
print(bisect.bisect_left(people, 31, key=lambda p: p[1]))
bisect.insort(people, ("dee", 33), key=lambda p: p[1])
print(people)
xs = []
for v in [5, 1, 4, 1, 5]:
    bisect.insort_left(xs, v)
print(xs)
