import hashlib
import hmac
import json
import time

secret = b"whsec_test_123"
events = [
    {"type": "invoice.paid", "amount": 4200, "currency": "eur"},
    {"type": "customer.created", "email": "a@b.co"},
]


def sign(body, ts):
    message = f"{ts}.".encode() + body
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def verify(body, ts, signature, now, tolerance=300):
    if abs(now - ts) > tolerance:
        return False, "stale"
    expected = sign(body, ts)
    if not hmac.compare_digest(expected, signature):
        return False, "bad signature"
    return True, "ok"


ts = 1700000000
for ev in events:
    body = json.dumps(ev, separators=(",", ":")).encode()
    sig = sign(body, ts)
    print(ev["type"], sig)
    print(" ", verify(body, ts, sig, ts + 10))
    print(" ", verify(body + b" ", ts, sig, ts + 10))
    print(" ", verify(body, ts, sig, ts + 1000))
print(hmac.new(b"key", b"msg", "md5").hexdigest(), hmac.new(b"key", b"msg", hashlib.sha1).hexdigest())
mac = hmac.new(b"k", digestmod=hashlib.sha512)
mac.update(b"chunk1")
mac.update(b"chunk2")
print(mac.name, mac.digest_size, mac.hexdigest()[:40])
print(type(time.time()).__name__)
