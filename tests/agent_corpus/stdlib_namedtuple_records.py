from collections import namedtuple
import csv
import io

Employee = namedtuple("Employee", "name dept salary active", defaults=[True])
text = """name,dept,salary
Ann,eng,120000
Bo,ops,85000
Cy,eng,99000
Di,sales,70000
"""
staff = [Employee(r["name"], r["dept"], int(r["salary"])) for r in csv.DictReader(io.StringIO(text))]
staff[3] = staff[3]._replace(active=False)
for e in staff:
    print(e)
print(Employee._fields, Employee._field_defaults)
by_dept = {}
for e in staff:
    by_dept.setdefault(e.dept, []).append(e)
for dept, people in sorted(by_dept.items()):
    total = sum(p.salary for p in people)
    print(f"{dept:<6}{len(people):>3}{total:>10,}")
raise_ = [e._replace(salary=round(e.salary * 1.05)) for e in staff if e.active]
print([e._asdict() for e in raise_][:2])
Point = namedtuple("Point", ["x", "y"])
pts = [Point(3, 4), Point(-1, 2), Point._make((0, 0))]
print(sorted(pts), max(pts, key=lambda p: p.x ** 2 + p.y ** 2), pts[0] == (3, 4))
x, y = pts[0]
print(x, y, pts[0][1], len(pts[0]))
