import random
import statistics

random.seed(20240601)
users = [f"user{i:03d}" for i in range(200)]
random.shuffle(users)
control, treatment = users[:100], users[100:]
print(control[:5], treatment[:5])


def simulate(group, rate):
    return [1 if random.random() < rate else 0 for _ in group]


c = simulate(control, 0.10)
t = simulate(treatment, 0.13)
print("control conv", sum(c), "treatment conv", sum(t))
diffs = []
pooled = c + t
for _ in range(200):
    random.shuffle(pooled)
    diffs.append(sum(pooled[100:]) - sum(pooled[:100]))
observed = sum(t) - sum(c)
p = sum(1 for d in diffs if d >= observed) / len(diffs)
print(f"observed diff={observed} p~{p:.3f} null mean={statistics.mean(diffs):.3f} sd={statistics.pstdev(diffs):.4f}")
boot = []
for _ in range(100):
    sample = random.choices(t, k=len(t))
    boot.append(sum(sample) / len(sample))
boot.sort()
print("bootstrap 90% CI:", round(boot[5], 4), round(boot[94], 4))
print(random.sample(users, 3), random.randrange(1000), round(random.uniform(0, 1), 12))
