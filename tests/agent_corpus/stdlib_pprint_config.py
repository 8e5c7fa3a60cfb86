import pprint

config = {
    "database": {"host": "db.internal", "port": 5432, "options": {"sslmode": "require", "timeout": 30}},
    "features": ["search", "export", "audit-log", "sso", "rate-limit", "webhooks"],
    "limits": {"max_rows": 10000, "max_cols": 200},
    "owners": [("alice", "admin"), ("bob", "editor")],
    "version": (3, 11, 4),
}
pprint.pprint(config)
pprint.pprint(config, width=50)
pprint.pprint(config, depth=1)
pprint.pprint(config, sort_dicts=False, indent=2, width=60)
print(pprint.pformat(list(range(40)), width=40, compact=True))
print(pprint.pformat(list(range(40)), width=40))
print(pprint.pformat({"k": "a long string " * 8}, width=50))
nested = [[i, {"sq": i * i, "cube": i ** 3, "label": f"item-{i}"}] for i in range(4)]
pprint.pprint(nested)
print(pprint.pformat("short"), pprint.pformat({}), pprint.pformat([]))
print(pprint.isreadable({"a": 1}), pprint.saferepr([1, 2]))
pp = pprint.PrettyPrinter(width=30, compact=True)
pp.pprint(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"])
