import asyncio
import json


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return {"name": name, "rows": len(name) * 10}


async def worker(queue, results):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            break
        results.append(item * 2)
        queue.task_done()


async def main():
    results = await asyncio.gather(fetch("users", 0.01), fetch("orders", 0.0), fetch("items", 0.005))
    print(json.dumps(results))
    task = asyncio.create_task(fetch("slow", 0.001))
    print(await task)
    try:
        await asyncio.wait_for(fetch("timeout", 1), timeout=0.01)
    except asyncio.TimeoutError:
        print("timed out")
    q = asyncio.Queue()
    out = []
    w = asyncio.create_task(worker(q, out))
    for i in range(5):
        await q.put(i)
    await q.put(None)
    await w
    print(out, q.empty(), q.qsize())
    res = await asyncio.gather(fetch("a", 0), asyncio.sleep(0, result="slept"), return_exceptions=True)
    print(res)
    return "done"


print(asyncio.run(main()))
