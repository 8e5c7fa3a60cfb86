# Ledger totals with thousands separators, signs and zero handling.
ledger = [
    ("2024-01-03", "Opening balance", 15000.0),
    ("2024-01-05", "Office rent", -2450.0),
    ("2024-01-09", "Client payment INV-1001", 8320.55),
    ("2024-01-12", "Supplies", -123.4),
    ("2024-01-15", "Refund", 0.0),
    ("2024-01-20", "Payroll", -9850.75),
    ("2024-01-28", "Client payment INV-1004", 12499.999),
    ("2024-01-31", "Bank fees", -0.005),
]
balance = 0.0
print(f"{'date':<12}{'description':<28}{'amount':>14}{'balance':>15}")
for date, desc, amount in ledger:
    balance += amount
    print(f"{date:<12}{desc:<28}{amount:>+14,.2f}{balance:>15,.2f}")
credits = sum(a for _, _, a in ledger if a > 0)
debits = sum(a for _, _, a in ledger if a < 0)
print(f"{'credits':<40}{credits:>14,.2f}")
print(f"{'debits':<40}{debits:>14,.2f}")
print(f"{'net (z)':<40}{-0.004:>z14,.2f}")
print(f"{'net':<40}{credits + debits:>14_.2f}")
print("{:=^69}".format(" end of statement "))
print(f"{balance:020,.2f}|{balance:e}|{balance:.3g}|{balance:,}")
