handlers = {}
registry = []


class Router:
    def __init__(self):
        self.routes = {}

    def route(self, path):
        def deco(fn):
            self.routes[path] = fn
            return fn

        return deco


app = Router()
registry.append(lambda fn: handlers.setdefault(fn.__name__, fn))
buttons = {"ok": lambda fn: fn}


@app.route("/")
def index():
    return "home"


@registry[0]
def on_save():
    return "saved"


@buttons["ok"]
def on_ok():
    return "ok!"


@(lambda fn: fn)
def plain():
    return "plain"


print(sorted(app.routes), app.routes["/"](), sorted(handlers), on_save(), on_ok(), plain())
