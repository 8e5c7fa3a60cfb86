# Student grades: weighted averages, letter grades, ranking.
students = [
    {"name": "Ana", "hw": [88, 92, 79], "exam": 91.5},
    {"name": "Björn", "hw": [72, 65, 80], "exam": 68.0},
    {"name": "Chloé", "hw": [95, 98, 100], "exam": 97.25},
    {"name": "Dmitri", "hw": [60, 70, 65], "exam": 55.5},
    {"name": "Eve", "hw": [85, 85, 85], "exam": 84.5},
]


def letter(score):
    for cutoff, grade in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= cutoff:
            return grade
    return "F"


rows = []
for s in students:
    hw = sum(s["hw"]) / len(s["hw"])
    final = 0.4 * hw + 0.6 * s["exam"]
    rows.append((s["name"], hw, s["exam"], final, letter(final)))
rows.sort(key=lambda r: r[3], reverse=True)
print(f"{'rank':^6}|{'name':^10}|{'hw':^8}|{'exam':^8}|{'final':^8}|{'grade':^7}")
for rank, (name, hw, exam, final, grade) in enumerate(rows, 1):
    print(f"{rank:^6}|{name:^10}|{hw:^8.2f}|{exam:^8.1f}|{final:^8.2f}|{grade:^7}")
avg = sum(r[3] for r in rows) / len(rows)
print(f"class average {avg:.3f}, rounded {round(avg, 1)}, as int {int(avg)}")
print("distribution:", {g: sum(1 for r in rows if r[4] == g) for g in "ABCDF"})
