from collections import Counter, defaultdict
from typing import Optional, Union

Row = dict[str, Union[int, str, None]]
Index = dict[str, list[int]]
print(Row, Index, Optional[list[str]], list[int] | None)


def build_index(rows: list[Row], key: str) -> Index:
    index: Index = defaultdict(list)
    for i, row in enumerate(rows):
        value = row.get(key)
        if value is not None:
            index[str(value)].append(i)
    return dict(index)


def first(rows: list[Row], **match: int | str) -> Optional[Row]:
    for row in rows:
        if all(row.get(k) == v for k, v in match.items()):
            return row
    return None


rows: list[Row] = [
    {"id": 1, "city": "Oslo", "kind": "a"},
    {"id": 2, "city": "Bergen", "kind": "b"},
    {"id": 3, "city": "Oslo", "kind": None},
    {"id": 4, "city": None, "kind": "a"},
]
print(build_index(rows, "city"))
print(first(rows, city="Oslo", id=3), first(rows, city="Rome"))
kinds: Counter[str] = Counter(r["kind"] or "?" for r in rows)
print(kinds.most_common())
Matrix = list[list[float]]
m: Matrix = [[1.0, 2.0], [3.0, 4.0]]
print(Matrix, [sum(col) for col in zip(*m)], tuple[int, ...], dict[str, int] == dict[str, int])
