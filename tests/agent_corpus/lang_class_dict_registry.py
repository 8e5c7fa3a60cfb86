# A plugin registry that inspects class namespaces through __dict__, the way framework-style agent code
# does: own attributes only (not inherited ones), a view that follows later changes, and read-only safety.
import types


class Exporter:
    fmt = None
    options = {}

    def export(self, rows):
        raise NotImplementedError


class CsvExporter(Exporter):
    fmt = "csv"
    sep = ","

    def export(self, rows):
        return "\n".join(self.sep.join(str(v) for v in row) for row in rows)


class TsvExporter(CsvExporter):
    sep = "\t"


def own_settings(cls):
    """Class-level settings a class defines itself (not inherited, no methods or dunders)."""
    return {
        name: value
        for name, value in cls.__dict__.items()
        if not name.startswith("_") and not callable(value)
    }


for cls in (Exporter, CsvExporter, TsvExporter):
    print(cls.__name__, own_settings(cls), "export" in cls.__dict__)

namespace = vars(CsvExporter)
print(type(namespace).__name__, isinstance(namespace, types.MappingProxyType), namespace["fmt"])

# the view follows changes made to the class after it was taken
CsvExporter.quote = '"'
CsvExporter.sep = ";"
print(namespace.get("quote"), namespace["sep"], "quote" in namespace)
del CsvExporter.quote
print(namespace.get("quote", "removed"))

# writing through the view is refused; configuration goes through setattr
try:
    namespace["sep"] = "|"
except TypeError as exc:
    print("refused:", exc)
setattr(CsvExporter, "sep", "|")
print(CsvExporter().export([(1, 2), (3, 4)]), TsvExporter().export([(5, 6)]) == "5\t6")

snapshot = dict(namespace)
CsvExporter.added_later = True
print("added_later" in snapshot, "added_later" in namespace, sorted(set(namespace) - set(snapshot)))

settings = types.MappingProxyType({"retries": 3, "timeout": 2.5})
print(settings, settings | {"timeout": 5}, len(settings))
try:
    settings["retries"] = 10
except TypeError as exc:
    print("refused:", exc)
