import json

def parse_amount(text):
    cleaned = text.replace(",", "").strip()
    return float(cleaned)


def total(rows):
    subtotal = 0.0
    for row in rows:
        subtotal += parse_amount(row["amount"])
    return subtotal


rows = json.loads('[{"amount": "1,200.50"}, {"amount": " 99.5 "}]')
print(f"{total(rows):,.2f}")
rows.append({"amount": "n/a"})
print(f"{total(rows):,.2f}")
