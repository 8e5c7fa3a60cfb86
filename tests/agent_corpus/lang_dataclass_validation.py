from dataclasses import MISSING, dataclass, field, fields
import re


@dataclass
class User:
    username: str
    email: str
    age: int = 0
    roles: set = field(default_factory=set)

    def __post_init__(self):
        self.username = self.username.strip().lower()
        if not re.match(r"^[a-z0-9_]{3,16}$", self.username):
            raise ValueError(f"invalid username: {self.username!r}")
        if "@" not in self.email:
            raise ValueError(f"invalid email for {self.username}: {self.email}")
        if not 0 <= self.age < 150:
            raise ValueError(f"age out of range: {self.age}")


rows = [
    ("  Alice_1 ", "alice@example.com", 31),
    ("bo", "bo@example.com", 22),
    ("carol", "carol.example.com", 40),
    ("dave", "dave@example.com", 200),
    ("Eve", "eve@example.com", 28),
]
valid, errors = [], []
for name, email, age in rows:
    try:
        valid.append(User(name, email, age))
    except ValueError as e:
        errors.append(str(e))

print(f"{len(valid)} valid, {len(errors)} errors")
for u in valid:
    u.roles.add("reader")
    print(u)
for msg in errors:
    print("  -", msg)
print([f.name for f in fields(User)])
print({f.name: f.default for f in fields(User) if f.default is not MISSING}, [f.name for f in fields(User) if f.default_factory is not MISSING])
try:
    User("frank")
except TypeError as e:
    print("TypeError:", e)
