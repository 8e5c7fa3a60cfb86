import heapq
from datetime import datetime, timedelta

start = datetime(2024, 5, 1, 9, 0)
jobs = [
    (start + timedelta(minutes=30), 2, "send digest"),
    (start + timedelta(minutes=5), 1, "rotate logs"),
    (start + timedelta(minutes=30), 1, "refresh cache"),
    (start + timedelta(hours=2), 3, "backup"),
    (start, 5, "warmup"),
]
queue = []
for when, prio, name in jobs:
    heapq.heappush(queue, (when, prio, name))
while queue:
    when, prio, name = heapq.heappop(queue)
    print(when.strftime("%H:%M"), prio, name)

scores = {"ann": 88, "bob": 95, "cy": 70, "dee": 95, "eve": 60, "fay": 82}
print(heapq.nlargest(3, scores.items(), key=lambda kv: kv[1]))
print(heapq.nsmallest(2, scores, key=scores.get))
top = []
for name, s in scores.items():
    if len(top) < 3:
        heapq.heappush(top, (s, name))
    else:
        heapq.heappushpop(top, (s, name))
print(sorted(top, reverse=True))
streams = [[1, 5, 9], [2, 6, 10], [0, 11]]
print(list(heapq.merge(*streams)))
print(list(heapq.merge(["b", "d"], ["a", "c", "e"], key=str.upper)))
