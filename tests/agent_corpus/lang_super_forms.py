class Base:
    def __init__(self, name):
        self.name = name
        self.log = [f"Base.__init__({name})"]

    def greet(self):
        return f"hello {self.name}"

    @classmethod
    def create(cls, name):
        return cls(name)


class Loud(Base):
    def __init__(self, name, volume=3):
        super().__init__(name.upper())
        self.volume = volume
        self.log.append("Loud.__init__")

    def greet(self):
        return super().greet() + "!" * self.volume


class Polite(Loud):
    def greet(self):
        return "please, " + super(Polite, self).greet()

    @classmethod
    def create(cls, name):
        obj = super().create(name)
        obj.log.append("Polite.create")
        return obj


p = Polite.create("ann")
print(p.greet(), p.log, p.volume)
print(Loud("bob", 1).greet(), Base.create("cy").greet())


class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])
