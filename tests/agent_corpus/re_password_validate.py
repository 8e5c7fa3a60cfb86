import re

RULES = [
    (r".{8,}", "at least 8 characters"),
    (r".*[A-Z]", "an uppercase letter"),
    (r".*[a-z]", "a lowercase letter"),
    (r".*\d", "a digit"),
    (r".*[^\w\s]", "a symbol"),
]
STRONG = re.compile(r"^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^\w\s])(?!.*\s).{8,64}$")
REPEATS = re.compile(r"(.)\1{2,}")
SEQUENCE = re.compile(r"(?:abc|bcd|cde|123|234|345|456|567|678|789)", re.I)


def check(pw):
    problems = [msg for pat, msg in RULES if not re.match(pat, pw)]
    if re.search(r"\s", pw):
        problems.append("no spaces")
    m = REPEATS.search(pw)
    if m:
        problems.append(f"no repeated characters ({m.group(0)!r} at {m.start()})")
    if SEQUENCE.search(pw):
        problems.append("no sequences")
    return problems


passwords = [
    "hunter2",
    "Password1!",
    "CorrectHorse9$",
    "aaaBBB111!!!",
    "Abcdef1!",
    "Tr0ub4dor&3",
    "has space A1!",
]
for pw in passwords:
    problems = check(pw)
    verdict = "ok" if not problems else "; ".join(problems)
    print(f"{pw:16} strong={bool(STRONG.match(pw))!s:5} {verdict}")

usernames = ["alice", "Bob_99", "9lives", "x", "this_name_is_way_too_long_for_us", "dash-ok"]
USER = re.compile(r"[a-z][a-z0-9_-]{2,15}", re.IGNORECASE)
print([u for u in usernames if USER.fullmatch(u)])
print([(u, bool(re.fullmatch(r"(?i:[a-z])[\w-]{2,15}", u))) for u in usernames])
