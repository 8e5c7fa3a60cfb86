import random
from collections import Counter

random.seed(42)
rolls = [random.randint(1, 6) for _ in range(20)]
print(rolls)
print(Counter(rolls).most_common(3))

random.seed(2024)
deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:10])
hand = random.sample(deck, 5)
print(hand)
print(random.choice(deck), random.random(), random.uniform(1.5, 2.5))

random.seed("experiment-7")
weights = [0.1, 0.6, 0.3]
picks = random.choices(["red", "green", "blue"], weights=weights, k=12)
print(picks)
print(random.choices(range(10), cum_weights=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=5))
print([round(random.gauss(100, 15), 6) for _ in range(4)])
print(random.randrange(0, 100, 7), random.getrandbits(70), random.randrange(10**30))

rng = random.Random(7)
walk = [0]
for _ in range(10):
    walk.append(walk[-1] + rng.choice((-1, 1)))
print(walk)
state = rng.getstate()
a = [rng.random() for _ in range(3)]
rng.setstate(state)
b = [rng.random() for _ in range(3)]
print(a == b, a)
