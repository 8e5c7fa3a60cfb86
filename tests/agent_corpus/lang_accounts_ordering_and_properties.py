class Account:
    interest = 0.02
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self._balance = balance
        self.history = []
    @property
    def balance(self):
        return self._balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"deposit must be positive, got {amount!r}")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self
    def __repr__(self):
        return f"Account({self.owner!r}, balance={self._balance:.2f})"
    def __eq__(self, other):
        return isinstance(other, Account) and self.owner == other.owner
    def __lt__(self, other):
        return self._balance < other._balance
    def __hash__(self):
        return hash(self.owner)

class Savings(Account):
    interest = 0.05
    def apply_interest(self):
        self._balance *= 1 + self.interest
        return round(self._balance, 2)

accts = [Account("ana", 100), Savings("bob", 250.5), Account("cy")]
accts[2].deposit(10).deposit(5.25)
print(accts, sorted(accts), max(accts))
print(accts[1].apply_interest(), Savings.__mro__, isinstance(accts[1], Account))
try:
    accts[0].deposit(-3)
except ValueError as e:
    print("error:", e)
try:
    accts[0].balance = 5
except AttributeError as e:
    print("AttributeError:", e)
print(len({accts[0], Account("ana", 9)}), vars(accts[2]))
print(getattr(accts[0], "missing", "default"), hasattr(accts[1], "apply_interest"))
print(type(accts[1]).__name__, accts[1].__class__.__bases__)
print(str(accts[0]), format(3.14159, ".3"), format(1234, "08,d"))
total = sum(a.balance for a in accts)
print(f"{total=:.2f}", f"{'x':*^9}", f"{12:#x} {12:#o} {12:#b} {0.5:%}")
print(divmod(-7, 2), -7 // 2, -7 % 2, round(-2.5), round(3.5), 2**-1, 7/2, int("  42 "), float(" 1e3"))
print(sorted(["b", "A", "c", "B"], key=str.lower), "Hello World".swapcase(), "ab".zfill(5))
