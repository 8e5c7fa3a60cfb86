import asyncio
import random

random.seed(3)
PAGES = {f"/page/{i}": [f"/page/{(i * 3 + k) % 10}" for k in range(1, 3)] for i in range(10)}


async def fetch(url):
    await asyncio.sleep(0)
    return PAGES.get(url, [])


async def crawl(start, limit=6, workers=3):
    seen = {start}
    order = []
    queue = asyncio.Queue()
    await queue.put(start)

    async def worker(n):
        while True:
            url = await queue.get()
            links = await fetch(url)
            order.append((n, url))
            for link in links:
                if link not in seen and len(seen) < limit:
                    seen.add(link)
                    await queue.put(link)
            queue.task_done()

    tasks = [asyncio.create_task(worker(i)) for i in range(workers)]
    await queue.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return order, sorted(seen)


order, seen = asyncio.run(crawl("/page/0"))
print(len(order), seen)
print(sorted(url for _, url in order))
