import json
from collections import defaultdict

requests = [
    {"method": "GET", "path": "/users"},
    {"method": "GET", "path": "/users/42"},
    {"method": "POST", "path": "/users", "body": {"name": "Ada", "email": "ada@example.com"}},
    {"method": "POST", "path": "/users", "body": {"name": "Bob"}},
    {"method": "DELETE", "path": "/users/7", "headers": {"x-admin": "1"}},
    {"method": "DELETE", "path": "/users/7"},
    {"method": "PATCH", "path": "/users/3", "body": {"email": None}},
    {"method": "GET", "path": "/reports/2024/03"},
    {"method": "PUT", "path": "/"},
    "not a request",
]

users = {42: {"name": "Grace"}, 7: {"name": "Linus"}, 3: {"name": "Guido", "email": "g@x"}}
stats = defaultdict(int)


def route(req):
    match req:
        case {"method": "GET", "path": path}:
            match path.strip("/").split("/"):
                case ["users"]:
                    return 200, sorted(u["name"] for u in users.values())
                case ["users", uid] if uid.isdigit() and int(uid) in users:
                    return 200, users[int(uid)]
                case ["reports", year, month]:
                    return 200, {"report": f"{year}-{month}"}
                case _:
                    return 404, {"error": f"no route for {path}"}
        case {"method": "POST", "path": "/users", "body": {"name": str(name), "email": str(email)}}:
            uid = max(users) + 1
            users[uid] = {"name": name, "email": email}
            return 201, {"id": uid}
        case {"method": "POST", "body": {"name": _, **fields}}:
            return 422, {"missing": [k for k in ("email", "phone") if k not in fields]}
        case {"method": "DELETE", "path": path, "headers": {"x-admin": "1"}}:
            uid = int(path.rsplit("/", 1)[1])
            return 204, users.pop(uid, None)
        case {"method": "DELETE"}:
            return 403, {"error": "admin only"}
        case {"method": "PATCH" | "PUT" as verb, "path": path, **rest}:
            return 405, {"verb": verb, "path": path, "extra": list(rest)}
        case _:
            return 400, {"error": f"bad request: {req!r}"}


for req in requests:
    status, payload = route(req)
    stats[status // 100] += 1
    print(status, json.dumps(payload, sort_keys=True))
print(dict(sorted(stats.items())))
