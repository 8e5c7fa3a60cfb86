# GC stress: exception chains (__cause__, __context__, notes, traceback objects) built while collections
# run, then read back and formatted.
# Everything lives in main() so that a session running it repeatedly keeps nothing alive.
import gc
import traceback


def main():
    class StepError(Exception):
        pass

    def step(i):
        try:
            if i % 3 == 0:
                {}[i]
            elif i % 3 == 1:
                [][i]
            else:
                int("x%d" % i)
        except (KeyError, IndexError) as e:
            raise StepError("step %d" % i) from e
        except ValueError:
            raise StepError("step %d failed" % i)

    chains = []
    for i in range(60):
        try:
            try:
                step(i)
            except StepError as e:
                e.add_note("note %d" % i)
                e.add_note("x" * (i % 7))
                raise RuntimeError("outer %d" % i)
        except RuntimeError as e:
            chains.append(e)
        if i % 10 == 0:
            gc.collect()
    gc.collect()
    out = []
    for e in chains:
        mid = e.__context__
        root = mid.__cause__ or mid.__context__
        depth = 0
        tb = e.__traceback__
        while tb is not None:
            depth += 1
            tb = tb.tb_next
        out.append((str(e), str(mid), mid.__notes__, type(root).__name__, mid.__suppress_context__, depth))
    print(out[:4], len(out))
    text = "".join(traceback.format_exception(chains[5])) + "".join(traceback.format_exception(chains[7]))
    print(text.count("During handling"), text.count("direct cause"), text.count("note 5"))


main()
