import copy
import functools
import operator

template = {"name": "base", "tags": ["a", "b"], "meta": {"owner": None, "limits": [1, 2]}}
shallow = copy.copy(template)
deep = copy.deepcopy(template)
shallow["tags"].append("c")
deep["meta"]["limits"].append(3)
print(template)
print(deep)


@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "Version(" + ".".join(map(str, self.parts)) + ")"


versions = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9"]]
print(sorted(versions), max(versions), Version("1.0") >= Version("0.9"))
rows = [{"n": "b", "v": 2}, {"n": "a", "v": 2}, {"n": "c", "v": 1}]
print(sorted(rows, key=operator.itemgetter("v", "n")))
print(sorted(rows, key=functools.cmp_to_key(lambda x, y: (x["n"] > y["n"]) - (x["n"] < y["n"]))))
get_n = operator.attrgetter("parts")
print([get_n(v) for v in versions][:2], operator.methodcaller("upper")("abc"))


class Report:
    def __init__(self, rows):
        self.rows = rows

    @functools.cached_property
    def total(self):
        print("computing...")
        return sum(r["v"] for r in self.rows)


r = Report(rows)
print(r.total, r.total)
