import io
import logging
import sys

out = io.StringIO()
logger = logging.getLogger("billing")
logger.setLevel(logging.DEBUG)
h1 = logging.StreamHandler(out)
h1.setLevel(logging.WARNING)
h1.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
h2 = logging.StreamHandler(sys.stdout)
h2.setFormatter(logging.Formatter("{name}|{levelname}|{message}", style="{"))
h2.addFilter(lambda record: not record.exc_info)  # tracebacks only to the buffer
logger.addHandler(h1)
logger.addHandler(h2)
logger.propagate = False

invoices = [{"id": 1, "total": 120.0}, {"id": 2, "total": -5.0}, {"id": 3, "total": None}]
for inv in invoices:
    if inv["total"] is None:
        logger.error("invoice %(id)s has no total", inv)
    elif inv["total"] < 0:
        logger.warning("invoice %d is negative: %.2f", inv["id"], inv["total"])
    else:
        logger.debug("invoice %d ok", inv["id"])
try:
    raise ValueError("invoice 3 cannot be billed")
except ValueError:
    logger.exception("billing failed")
print("--- warnings and above ---")
lines = [line for line in out.getvalue().splitlines() if not line.startswith(" ")]
print(lines[0])
print(lines[1])
print(lines[2])
print(lines[3])
print(lines[-1])


class Ctx(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return f"[req {self.extra['req']}] {msg}", kwargs


Ctx(logger, {"req": "abc123"}).info("processing %s", "payment")
logger.removeHandler(h2)
logger.info("only to the buffer? no: below WARNING")
print(len([line for line in out.getvalue().splitlines() if not line.startswith(" ")]))
