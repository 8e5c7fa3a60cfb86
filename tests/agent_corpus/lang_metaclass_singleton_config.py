import json


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class AppConfig(metaclass=Singleton):
    def __init__(self, path="config.json"):
        self.path = path
        self.values = {"retries": 3, "endpoint": "/api"}

    def get(self, key, default=None):
        return self.values.get(key, default)


class Cache(metaclass=Singleton):
    def __init__(self):
        self.hits = 0
        self.store = {}

    def fetch(self, key, compute):
        if key in self.store:
            self.hits += 1
        else:
            self.store[key] = compute(key)
        return self.store[key]


a = AppConfig()
b = AppConfig("other.json")
print(a is b, b.path, a.get("retries"), type(AppConfig).__name__)
a.values["retries"] = 5
print(AppConfig().get("retries"), Cache() is Cache(), Cache() is not a)

for word in ["alpha", "beta", "alpha", "gamma", "beta", "alpha"]:
    Cache().fetch(word, len)
print(Cache().hits, json.dumps(Cache().store, sort_keys=True))


class Validated(type):
    """Checks the declared fields when a model class is created."""

    def __new__(mcls, name, bases, ns):
        fields = ns.get("fields", ())
        bad = [f for f in fields if not f.isidentifier()]
        if bad:
            raise TypeError(f"{name}: bad field names {bad}")
        ns["__slots_hint__"] = tuple(fields)
        return super().__new__(mcls, name, bases, ns)

    def __repr__(cls):
        return f"<model {cls.__name__} {list(cls.fields)}>"


class Model(metaclass=Validated):
    fields = ()

    def __init__(self, **kw):
        for f in self.fields:
            setattr(self, f, kw.get(f))


class User(Model):
    fields = ("name", "email")


print(repr(User), User.__slots_hint__, vars(User(name="ada")))
try:

    class Broken(Model):
        fields = ("ok", "not ok")

except TypeError as e:
    print("TypeError:", e)
