import asyncio


async def job(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise RuntimeError(f"{name} failed")
    return f"{name} done"


async def main():
    results = await asyncio.gather(job("a", 0.001), job("b", 0.002, fail=True), job("c", 0), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    try:
        await asyncio.gather(job("x", 0), job("y", 0, fail=True))
    except RuntimeError as e:
        print("gather raised:", e)
    try:
        await asyncio.wait_for(job("slow", 0.5), timeout=0.01)
    except asyncio.TimeoutError:
        print("slow timed out")
    print(await asyncio.wait_for(job("fast", 0), timeout=1))
    task = asyncio.create_task(job("cancel-me", 1))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled:", task.cancelled(), task.done())
    lock = asyncio.Lock()
    counter = 0

    async def incr():
        nonlocal counter
        async with lock:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1

    await asyncio.gather(*(incr() for _ in range(10)))
    print("counter", counter)
    ev = asyncio.Event()

    async def waiter():
        await ev.wait()
        return "woke"

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    ev.set()
    print(await w)
    return "main done"


print(asyncio.run(main()))
