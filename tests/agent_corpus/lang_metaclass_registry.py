from abc import ABC, abstractmethod


class ExporterMeta(type):
    """Registers every concrete exporter under its format name as the class statement runs."""

    registry = {}

    def __new__(mcls, name, bases, namespace, fmt=None, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        if fmt is not None:
            mcls.registry[fmt] = cls
            cls.fmt = fmt
        return cls

    def __iter__(cls):
        return iter(sorted(cls.registry))

    def __getitem__(cls, fmt):
        return cls.registry[fmt]

    def __len__(cls):
        return len(cls.registry)


class Exporter(metaclass=ExporterMeta):
    def export(self, rows):
        return "\n".join(self.line(r) for r in rows)


class CsvExporter(Exporter, fmt="csv"):
    def line(self, row):
        return ",".join(str(v) for v in row.values())


class TsvExporter(CsvExporter, fmt="tsv"):
    def line(self, row):
        return super().line(row).replace(",", "\t")


class MarkdownExporter(Exporter, fmt="md"):
    def line(self, row):
        return "| " + " | ".join(str(v) for v in row.values()) + " |"


rows = [{"id": 1, "name": "ada"}, {"id": 2, "name": "bob"}]
print(list(Exporter), len(Exporter), type(TsvExporter).__name__, TsvExporter.fmt)
for fmt in Exporter:
    print(fmt, "->", Exporter[fmt]().export(rows).replace("\t", "<TAB>").splitlines())
print(isinstance(CsvExporter, ExporterMeta), issubclass(TsvExporter, Exporter))


class Timestamped(type):
    def __call__(cls, *args, **kwargs):
        obj = super().__call__(*args, **kwargs)
        obj.created = len(cls.instances)
        cls.instances.append(obj)
        return obj


class Event(metaclass=Timestamped):
    instances = []

    def __init__(self, kind):
        self.kind = kind


events = [Event(k) for k in ("start", "load", "stop")]
print([(e.kind, e.created) for e in events], len(Event.instances))


class Step(ABC):
    @abstractmethod
    def run(self, value): ...


class Double(Step):
    def run(self, value):
        return value * 2


try:
    Step()
except TypeError as e:
    print("TypeError:", e)
print(Double().run(21), isinstance(Double(), Step))
