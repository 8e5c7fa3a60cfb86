import json


class ConfigError(Exception):
    pass


def load(text):
    try:
        return json.loads(text)
    except ValueError as e:
        raise ConfigError("config is not valid JSON") from e


def get_port(cfg):
    try:
        return int(cfg["port"])
    except KeyError:
        raise ConfigError("missing port") from None
    except ValueError as e:
        raise ConfigError(f"bad port {cfg['port']!r}")


for text in ['{"port": "8080"}', "{port: 1}", '{"host": "x"}', '{"port": "http"}']:
    try:
        cfg = load(text)
        print("port", get_port(cfg))
    except ConfigError as e:
        cause = e.__cause__
        context = e.__context__
        print(
            f"{e} | cause={type(cause).__name__ if cause else None}"
            f" | context={type(context).__name__ if context else None}"
            f" | suppress={e.__suppress_context__}"
        )

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        e.add_note("while computing the ratio")
        raise
except ZeroDivisionError as e:
    print(e, e.__notes__)
