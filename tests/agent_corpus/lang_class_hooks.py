class Plugin:
    registry = {}

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__.lower()] = cls


class CsvExport(Plugin, name="csv"):
    pass


class JsonExport(Plugin):
    pass


print(sorted(Plugin.registry), Plugin.registry["csv"].__name__)


class Field:
    def __set_name__(self, owner, name):
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, None)

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name} must be int, got {type(value).__name__}")
        setattr(obj, self.private, value)


class Order:
    qty = Field()
    price = Field()

    def __init__(self, qty, price):
        self.qty = qty
        self.price = price


o = Order(3, 7)
print(o.qty * o.price, Order.qty.name, Order.price.private)
try:
    o.qty = "many"
except TypeError as e:
    print("TypeError:", e)
print([c.__name__ for c in Order.__mro__], [c.__name__ for c in CsvExport.mro()])
