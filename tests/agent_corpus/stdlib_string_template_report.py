from string import Template, Formatter, capwords
import string

row_t = Template("| ${name} | ${qty} | $$${price} |")
header = Template("Report for $client ($period)")
items = [{"name": "Widget", "qty": 3, "price": "9.99"}, {"name": "Gadget", "qty": 10, "price": "1.25"}]
print(header.substitute(client="ACME", period="Q2"))
for item in items:
    print(row_t.substitute(item))
print(header.safe_substitute(client="Initech"))
print(row_t.get_identifiers(), row_t.is_valid(), Template("$ bad").is_valid())
try:
    Template("Cost: $").substitute()
except ValueError as e:
    print("ValueError:", e)
try:
    header.substitute(client="X")
except KeyError as e:
    print("missing key:", e)
fmt = Formatter()
print(fmt.format("{0:>8}|{1:<6}|{total:^9.2f}", "left", "x", total=3.14159))
print([t for t in fmt.parse("Dear {name}, you owe {amount:.2f} by {date!s}.")])
print(capwords("the quick  brown fox"), capwords("a-b-c", "-"))
print(sorted(set(string.ascii_lowercase) - set("the quick brown fox jumps over a lazy dg")))
print(string.hexdigits, string.octdigits, repr(string.whitespace))
