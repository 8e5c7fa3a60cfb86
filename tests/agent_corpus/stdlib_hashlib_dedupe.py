import hashlib
import json

documents = [
    {"id": 1, "text": "The quick brown fox"},
    {"id": 2, "text": "the quick brown fox "},
    {"id": 3, "text": "Lorem ipsum dolor sit amet"},
    {"id": 4, "text": "The quick brown fox"},
    {"id": 5, "text": "Ünïcödé text"},
]


def fingerprint(text):
    normalized = " ".join(text.lower().split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


seen = {}
dupes = []
for doc in documents:
    fp = fingerprint(doc["text"])
    if fp in seen:
        dupes.append((doc["id"], seen[fp]))
    else:
        seen[fp] = doc["id"]
print("duplicates:", dupes)
print({k[:10]: v for k, v in seen.items()})
payload = json.dumps(documents, sort_keys=True).encode()
print("md5   ", hashlib.md5(payload).hexdigest())
print("sha256", hashlib.sha256(payload).hexdigest())
print("sha512", hashlib.sha512(payload).hexdigest()[:64])
h = hashlib.sha256()
for doc in documents:
    h.update(str(doc["id"]).encode())
    print(doc["id"], h.hexdigest()[:12])
buckets = [int(hashlib.md5(str(d["id"]).encode()).hexdigest(), 16) % 4 for d in documents]
print("shards:", buckets)
