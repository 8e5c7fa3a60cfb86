# Interned strings (qstrs) under growth: 2,400 new attribute names and identifiers, so the qstr
# index is rebuilt while collections run, then every name is looked up again, by attribute,
# by getattr with a freshly built string, as a dict key and as a keyword argument.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.


def main():
    class Bag:
        pass

    bag = Bag()
    names = ["field_%d_%s" % (i, "x" * (i % 5)) for i in range(1600)]
    for i, name in enumerate(names):
        setattr(bag, name, i)
    found = sum(getattr(bag, "field_%d_%s" % (i, "x" * (i % 5))) for i in range(1600))

    source = "\n".join("var_%d = %d" % (i, i * 2) for i in range(800))
    scope = {}
    exec(source, scope)
    total = sum(scope["var_" + str(i)] for i in range(800))

    counts = {}
    for i in range(6000):
        key = "key_" + str(i % 1200)
        counts[key] = counts.get(key, 0) + 1

    def kw(**options):
        return len(options), options.get("opt_7")

    dynamic = {"opt_" + str(i): i for i in range(40)}
    print(found, total, len(counts), counts["key_7"], kw(**dynamic), hasattr(bag, "missing_name"))
    print(bag.field_1599_xxxx, "field_10_" in names, "field_10_" + "" == names[10])


main()
