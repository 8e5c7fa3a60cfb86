import re

queries = [
    "SELECT u.id, u.name FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total > 100",
    "select * from `sales`.`q1_2023` s left join regions r using (region_id)",
    "INSERT INTO audit_log (event, ts) VALUES ('login', now())",
    'UPDATE "Customers" SET email = lower(email) WHERE id IN (SELECT id FROM staging.customers)',
    "-- comment mentioning FROM fake_table\nDELETE FROM sessions WHERE expires < now()",
]

TABLE = re.compile(r"""\b(?:from|join|into|update)\s+((?:[`"]?\w+[`"]?\.)?[`"]?\w+[`"]?)""", re.I)
COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
STRING = re.compile(r"'(?:[^']|'')*'")

for q in queries:
    clean = COMMENT.sub(" ", q)
    clean = STRING.sub("''", clean)
    tables = [re.sub(r'[`"]', "", t).lower() for t in TABLE.findall(clean)]
    kind = re.match(r"\s*(\w+)", clean).group(1).upper()
    print(f"{kind:7} {tables}")

print(re.findall(r"\b(\w+)\s*\(", queries[3]))
params = "SELECT * FROM t WHERE a = :id AND b = :name OR c = ':notparam'"
print(re.findall(r"(?<!')(?<!\w):(\w+)", params))
numbered = re.sub(r":(\w+)", lambda m, c=iter(range(1, 10)): f"${next(c)}", "a = :x and b = :y")
print(numbered)
print(
    re.sub(
        r"\s+",
        " ",
        """SELECT  a,
       b
  FROM   t""",
    ).strip()
)
keywords = re.compile(r"\b(select|from|where|and|or|join|on|in)\b", re.IGNORECASE)
print(keywords.sub(lambda m: m.group(1).upper(), "select a from t where x in (1) and y on z"))
print(
    bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", "valid_name")),
    bool(re.fullmatch(r"[A-Za-z_]\w*", "1bad")),
)
