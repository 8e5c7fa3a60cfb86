import io
import logging
import traceback
from types import SimpleNamespace, MappingProxyType

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
log = logging.getLogger("etl")
log.addHandler(handler)
log.setLevel(logging.INFO)

rows = [{"id": 1, "v": "3"}, {"id": 2, "v": "x"}, {"id": 3, "v": "7"}]
total = 0
for row in rows:
    try:
        total += int(row["v"])
        log.debug("row %d ok", row["id"])
    except ValueError:
        log.warning("bad value %r in row %d", row["v"], row["id"])
log.info("total=%s", total)
try:
    {}["missing"]
except KeyError:
    log.exception("lookup failed")
    tb = traceback.format_exc()
print(stream.getvalue().splitlines()[:4])
print(tb.splitlines()[0], tb.splitlines()[-1])
print(logging.getLevelName(logging.WARNING), logging.getLevelName(15), log.getEffectiveLevel(), log.isEnabledFor(logging.DEBUG))
print(logging.getLogger("etl") is log, logging.getLogger("etl.child").parent is log)

ns = SimpleNamespace(host="localhost", port=8080)
ns.debug = True
print(ns, ns == SimpleNamespace(host="localhost", port=8080, debug=True), vars(ns))
frozen = MappingProxyType({"a": 1})
print(frozen["a"], len(frozen), dict(frozen))
try:
    frozen["b"] = 2
except TypeError as e:
    print("TypeError:", e)

try:
    int("abc")
except ValueError as e:
    lines = traceback.format_exception(type(e), e, e.__traceback__)
    print(lines[-1].strip())
    print(traceback.format_exception_only(type(e), e))
