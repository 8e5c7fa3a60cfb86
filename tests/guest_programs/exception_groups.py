# GC stress: exception groups split, matched by except* and formatted while collections run (the except*
# state lives on the VM stack, the split parts only in C locals until they are stored).
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.
import gc
import traceback


def main():
    def fail(i):
        kinds = (ValueError, TypeError, KeyError)
        raise kinds[i % 3]("item %d" % i)

    def collect(n):
        errors = []
        for i in range(n):
            try:
                fail(i)
            except Exception as e:
                e.add_note("note %d" % i)
                errors.append(e)
        return ExceptionGroup("batch of %d" % n, errors + [ExceptionGroup("inner", errors[:2])])

    totals = {"value": 0, "type": 0, "rest": 0}
    for round_ in range(30):
        if round_ % 5 == 0:
            gc.collect()
        try:
            try:
                raise collect(6 + round_ % 4)
            except* ValueError as eg:
                totals["value"] += len(eg.exceptions)
                gc.collect()
            except* TypeError as eg:
                totals["type"] += len(eg.exceptions)
                raise RuntimeError("retry %d" % round_)
        except ExceptionGroup as rest:
            totals["rest"] += len(rest.exceptions)
            match, other = rest.split(RuntimeError)
            if round_ == 29:
                print("".join(traceback.format_exception_only(rest)), end="")
                print(repr(match), repr(other.exceptions[0].subgroup(KeyError)))
    print(totals)
    text = "".join(traceback.format_exception(collect(4)))
    print(len(text.splitlines()), text.count("+----"))


main()
