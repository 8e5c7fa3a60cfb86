def validate(record):
    errors = []
    if not record.get("name"):
        errors.append(ValueError("name is required"))
    if not isinstance(record.get("age"), int):
        errors.append(TypeError(f"age must be int, not {type(record.get('age')).__name__}"))
    if errors:
        raise ExceptionGroup(f"record {record.get('id')} is invalid", errors)
    return record


records = [{"id": 1, "name": "a", "age": 3}, {"id": 2, "name": "", "age": "x"}, {"id": 3, "age": 5}]
for rec in records:
    try:
        validate(rec)
        print("ok", rec["id"])
    except* ValueError as eg:
        print("value errors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("type errors:", [str(e) for e in eg.exceptions])
eg = ExceptionGroup("batch", [KeyError("k"), ValueError("v")])
print(eg, len(eg.exceptions), eg.subgroup(lambda e: isinstance(e, ValueError)).exceptions)
