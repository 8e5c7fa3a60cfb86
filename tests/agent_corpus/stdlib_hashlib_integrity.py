import hashlib
import zlib

chunks = [bytes(range(i, i + 64)) * 40 for i in range(0, 200, 40)]
blob = b"".join(chunks)
print(len(blob))
whole = {name: hashlib.new(name, blob).hexdigest() for name in ["md5", "sha1", "sha256", "sha512"]}
for name, digest in whole.items():
    h = hashlib.new(name)
    for c in chunks:
        h.update(c)
    print(f"{name:<7}{digest[:32]} streamed-equal={h.hexdigest() == digest} size={h.digest_size} block={h.block_size}")
manifest = {f"part{i}": hashlib.sha256(c).hexdigest()[:16] for i, c in enumerate(chunks)}
print(manifest)
tampered = bytearray(chunks[2])
tampered[10] ^= 1
print(hashlib.sha256(bytes(tampered)).hexdigest()[:16] == manifest["part2"])
print(hex(zlib.crc32(blob)), hashlib.sha224(blob).hexdigest(), hashlib.sha384(b"").hexdigest()[:24])
