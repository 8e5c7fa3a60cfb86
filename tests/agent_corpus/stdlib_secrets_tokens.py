import secrets
import string
import hashlib

alphabet = string.ascii_letters + string.digits
passwords = ["".join(secrets.choice(alphabet) for _ in range(16)) for _ in range(5)]
print(all(len(p) == 16 for p in passwords), all(set(p) <= set(alphabet) for p in passwords), len(set(passwords)))
tokens = [secrets.token_hex(8), secrets.token_urlsafe(16), secrets.token_bytes(12)]
print(len(tokens[0]), set(tokens[0]) <= set("0123456789abcdef"), len(tokens[1]) >= 16, len(tokens[2]), type(tokens[2]).__name__)
n = secrets.randbelow(100)
print(0 <= n < 100, 0 <= secrets.randbits(10) < 1024)
api_key = "sk_" + secrets.token_hex(16)
stored = hashlib.sha256(api_key.encode()).hexdigest()
print(len(api_key), secrets.compare_digest(stored, hashlib.sha256(api_key.encode()).hexdigest()), secrets.compare_digest(stored, "x"))
try:
    secrets.randbelow(0)
except ValueError as e:
    print("ValueError:", e)
rng = secrets.SystemRandom()
print(0 <= rng.random() < 1, rng.randint(5, 5), len(rng.sample(range(100), 10)))
