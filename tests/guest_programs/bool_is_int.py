# bool is a subclass of int (patch 0014), as in CPython.
print(isinstance(True, int), issubclass(bool, int), isinstance(False, (int, float)), type(True) is bool)
print(True + 1, True * 3, -True, True & 1, True | 2, abs(True), int(True), float(False), hash(True) == hash(1))
print(sum([True, True, False]), sorted([True, 0, 2]), max(False, True), [10, 20][True], {1: 'a'}[True])
print(repr(True), str(False), True == 1, True < 2, False >= 0)
import json; print(json.dumps([True, 1, False, 0]))
def kind(v):
    if isinstance(v, bool): return "bool"
    if isinstance(v, int): return "int"
    return "other"
print([kind(v) for v in (True, 1, 1.5)])
