import difflib

catalog = ["Apple iPhone 15", "Apple iPad Air", "Samsung Galaxy S24", "Google Pixel 8", "OnePlus 12", "Sony Xperia 1 V"]
queries = ["iphone 15", "galaxy s24", "pixel8", "xperia", "nokia"]
lower = {c.lower(): c for c in catalog}
for q in queries:
    matches = difflib.get_close_matches(q.lower(), list(lower), n=2, cutoff=0.4)
    print(f"{q!r:>14} -> {[lower[m] for m in matches]}")
for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("abcdef", "abcdef"), ("", "x")]:
    sm = difflib.SequenceMatcher(None, a, b)
    print(a, b, round(sm.ratio(), 4), sm.get_opcodes())
old_cols = ["id", "first_name", "last_name", "email", "created"]
new_cols = ["id", "firstname", "last_name", "email_address", "created_at", "status"]
for line in difflib.ndiff(old_cols, new_cols):
    print(line)
print("".join(difflib.unified_diff([c + "\n" for c in old_cols], [c + "\n" for c in new_cols], "old_schema", "new_schema", n=1)))
