# Normalising product codes and tags: ASCII-only case-insensitive matching (re.A | re.I) keeps accented
# letters distinct, while plain re.I folds them; counts with Counter, output as aligned text.
import re
from collections import Counter

tags = ["Café", "CAFÉ", "cafe", "CAFE", "naïve", "NAÏVE", "Kelvin", "\u212aelvin", "résumé", "RESUME"]
ascii_ci = re.compile(r"^caf[eé]$", re.A | re.I)
unicode_ci = re.compile(r"^caf[eé]$", re.I)
print("ascii  :", [t for t in tags if ascii_ci.match(t)])
print("unicode:", [t for t in tags if unicode_ci.match(t)])
print("kelvin :", [t for t in tags if re.match(r"kelvin", t, re.A | re.I)], [t for t in tags if re.match(r"kelvin", t, re.I)])

codes = "sku-AB12 SKU-ab12 Sku-Éx99 sku-éx99 SKU-cd34"
pattern = re.compile(r"sku-([a-zé]{2}\d{2})", re.ASCII | re.IGNORECASE)
found = pattern.findall(codes)
print(found)
counts = Counter(code.lower() for code in found)
for code, n in counts.most_common():
    print(f"{code:<6}{n:>3}")
print(re.sub(r"(?ai)[àé]", "_", "àÀéÉ"), re.sub(r"[àé]", "_", "àÀéÉ", flags=re.I))
print(re.split(r"[;,]\s*", "a; B,c", flags=re.A | re.I), bool(re.fullmatch(r"[^é]+", "ÉÉ", re.A | re.I)))
