import io
import logging

buf = io.StringIO()
logging.basicConfig(stream=buf, level=logging.INFO, format="%(levelname)-8s %(name)s: %(message)s")
log = logging.getLogger("pipeline")
extract_log = logging.getLogger("pipeline.extract")


def extract(rows):
    extract_log.info("extracting %d rows", len(rows))
    good = []
    for i, r in enumerate(rows):
        if not r.strip():
            extract_log.warning("row %d is empty, skipped", i)
            continue
        good.append(r)
    return good


def transform(rows):
    out = []
    for r in rows:
        try:
            name, value = r.split("=")
            out.append((name.strip(), float(value)))
        except ValueError:
            log.error("cannot parse %r", r)
    log.debug("this is not shown")
    return out


rows = ["a = 1", "", "b=2.5", "broken", "c = x", "d=4"]
data = transform(extract(rows))
log.info("loaded %s", data)
logging.getLogger("pipeline.extract").setLevel(logging.ERROR)
extract(["", "z"])
print(buf.getvalue(), end="")
print(log.getEffectiveLevel(), extract_log.getEffectiveLevel(), logging.getLevelName(logging.ERROR))
print(log.isEnabledFor(logging.DEBUG), extract_log.parent is log, logging.getLogger().level)
