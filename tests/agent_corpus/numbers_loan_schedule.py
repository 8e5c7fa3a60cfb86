# Loan amortisation schedule with monthly payments.
principal = 250000.0
annual_rate = 0.0425
years = 1
n = years * 12
r = annual_rate / 12
payment = principal * r / (1 - (1 + r) ** -n)
print(f"Principal {principal:,.2f} at {annual_rate:.2%} over {n} months: payment {payment:,.2f}")
print(f"{'#':>3} {'payment':>12} {'interest':>12} {'principal':>12} {'balance':>14}")
balance = principal
total_interest = 0.0
for month in range(1, n + 1):
    interest = balance * r
    paid = payment - interest
    balance -= paid
    total_interest += interest
    print(f"{month:>3} {payment:>12,.2f} {interest:>12,.2f} {paid:>12,.2f} {abs(balance):>14,.2f}")
print(f"Total interest: {total_interest:,.2f} ({total_interest / principal:.3%} of principal)")
print("Payment as repr:", repr(payment), "rounded:", round(payment, 2), "%.4f" % payment)
