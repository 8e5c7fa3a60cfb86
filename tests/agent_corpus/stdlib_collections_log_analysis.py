from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

Hit = namedtuple("Hit", "ip path status bytes")
raw = """10.0.0.1 /index.html 200 5120
10.0.0.2 /api/users 200 830
10.0.0.1 /api/users 500 0
10.0.0.3 /index.html 304 0
10.0.0.2 /login 200 1200
10.0.0.1 /api/orders 200 2048
10.0.0.4 /index.html 200 5120
10.0.0.2 /api/users 404 120"""
hits = [Hit(ip, path, int(status), int(size)) for ip, path, status, size in (line.split() for line in raw.splitlines())]
print(hits[0], hits[0]._asdict())
by_status = Counter(h.status for h in hits)
print(by_status, by_status.most_common(2), by_status.total())
paths = Counter(h.path for h in hits)
print(paths)
bytes_by_ip = defaultdict(int)
for h in hits:
    bytes_by_ip[h.ip] += h.bytes
print(bytes_by_ip)
print(dict(sorted(bytes_by_ip.items(), key=lambda kv: -kv[1])))
last3 = deque(maxlen=3)
for h in hits:
    last3.append(h.path)
print(last3)
errors = OrderedDict()
for h in hits:
    if h.status >= 400:
        errors[h.path] = errors.get(h.path, 0) + 1
errors.move_to_end("/api/users")
print(errors, list(errors))
ok = Counter(h.ip for h in hits if h.status < 400)
bad = Counter(h.ip for h in hits if h.status >= 400)
print(ok - bad, ok & bad, ok | bad)
