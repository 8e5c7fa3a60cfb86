import pprint
from collections import OrderedDict, Counter

api = {
    "data": [
        {"id": 1, "attributes": {"title": "Intro to widgets", "tags": ["how-to", "widgets", "beginner"], "views": 10432}},
        {"id": 2, "attributes": {"title": "Advanced widget tuning for production systems", "tags": ["advanced"], "views": 981}},
    ],
    "meta": {"page": 1, "pages": 7, "generated": "2024-05-01T00:00:00Z"},
    "links": {"self": "/api/articles?page=1", "next": "/api/articles?page=2"},
}
pprint.pprint(api)
pprint.pprint(api, width=60, depth=2)
pprint.pprint(api["data"][0], sort_dicts=False)
print(pprint.pformat(api["meta"], indent=4, width=30))
pprint.pp({"z": 1, "a": [1, 2, 3] * 10})
pprint.pprint(Counter("hello world" * 5))
pprint.pprint(OrderedDict((f"key{i}", i * i) for i in range(10)), width=40)
pprint.pprint(list(range(60)), compact=True)
pprint.pprint({"long": "lorem ipsum dolor sit amet " * 5}, width=50)
pprint.pprint(("tuple", ("nested", ("deeper", ("deepest",)))), width=20)
pprint.pprint({frozenset({3, 1, 2}), frozenset({9})} and sorted({3, 1, 2}))
