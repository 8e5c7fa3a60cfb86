# Old-style report printed entirely with % formatting (widths, flags, dict keys).
rows = [
    {"id": 7, "name": "Ängström", "score": 93.456, "delta": 2.5, "hex": 255},
    {"id": 42, "name": "Bob", "score": 78.0, "delta": -3.125, "hex": 4096},
    {"id": 1234, "name": "Zoë Ünal", "score": 100.0, "delta": 0.0, "hex": 48879},
    {"id": 99, "name": "Chen", "score": 64.995, "delta": -0.005, "hex": 7},
]
print("%-6s|%-10s|%8s|%8s|%8s" % ("id", "name", "score", "delta", "hex"))
for r in rows:
    print("%(id)-6d|%(name)-10s|%(score)8.2f|%(delta)+8.3f|%(hex)#8x" % r)
print("%05d %5.1e %-8.3g| %c %r %s" % (42, 12345.678, 0.000123456, 65, "x", 3.0))
print("%10.4f|%-10.2f|%+.0f|% d|%x|%o|%X" % (3.14159265, 2.71828, 2.5, 7, 3054, 8, 43981))
print("%s%%" % 12.5, "%.3s" % "truncate", "%5s|%-5s|" % ("é", "ü"), "%*.*f" % (9, 2, 1234.5678))
print("%d apples and %i pears cost %u" % (3.9, True, 7))
