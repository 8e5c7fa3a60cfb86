import hashlib
import hmac
import json

records = [{"id": i, "email": f"user{i}@example.com"} for i in range(3)]
for r in records:
    r["email_hash"] = hashlib.sha256(r["email"].encode()).hexdigest()[:16]
    r["md5"] = hashlib.md5(r["email"].encode()).hexdigest()
print(json.dumps(records, indent=1))

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
    h = hashlib.new(name)
    h.update(b"The quick brown fox ")
    h2 = h.copy()
    h.update(b"jumps over the lazy dog")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print("  copy", h2.hexdigest(), h.hexdigest() == h.hexdigest())
    h2.update(b"!")
    print("  after", h2.hexdigest()[:32], len(h2.digest()))

print(hashlib.sha1(b"").hexdigest(), hashlib.sha512(b"abc" * 1000).hexdigest()[:40])
print(hashlib.md5(b"a" * 200, usedforsecurity=False).hexdigest())

key = b"secret-key"
msg = b'{"amount": 100}'
sig = hmac.new(key, msg, hashlib.sha256).hexdigest()
print(sig)
print(hmac.new(key, msg, "sha1").hexdigest(), hmac.new(b"k" * 100, b"", "md5").hexdigest())
mac = hmac.new(key, digestmod="sha512")
mac.update(msg)
print(mac.name, mac.digest_size, mac.hexdigest()[:32])
print(hmac.compare_digest(sig, hmac.new(key, msg, hashlib.sha256).hexdigest()), hmac.compare_digest(b"a", b"b"))
print(hmac.digest(key, msg, "sha256").hex() == sig)
try:
    hashlib.new("nope")
except ValueError as e:
    print("ValueError:", e)
