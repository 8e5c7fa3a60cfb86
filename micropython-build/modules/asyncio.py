"""A minimal CPython-compatible `asyncio` for programs that wrap their work in `async def main()`.

`run`, `create_task`/`ensure_future`, `gather` (`return_exceptions=`), `sleep` (`result=`), `wait_for`,
`wait` (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED), `as_completed`, `shield`, `Task` (`done`,
`result`, `exception`, `cancel`, `cancelled`, `add_done_callback`, `get_name`), `Future`, `Queue`
(`LifoQueue`, `PriorityQueue`; `put`, `get`, `*_nowait`, `task_done`, `join`, `qsize`, `empty`, `full`),
`Event`, `Lock`, `Semaphore`, `TaskGroup`, `timeout`, `get_event_loop`/`get_running_loop`/
`new_event_loop` (`run_until_complete`, `call_soon`, `call_later`, `create_task`, `time`),
`current_task`, `all_tasks`, `iscoroutine`, `CancelledError`, `TimeoutError`, `QueueEmpty`,
`QueueFull`, `InvalidStateError`. One thread, no I/O: timers sleep through the sandbox's clock, and a
loop with nothing left to run while the main task waits raises RuntimeError (CPython would wait
forever). Not available: streams, subprocesses, sockets, executors, signal handlers."""

import time as _time

__all__ = [
    "run",
    "sleep",
    "gather",
    "create_task",
    "ensure_future",
    "wait_for",
    "wait",
    "as_completed",
    "shield",
    "Task",
    "Future",
    "Queue",
    "LifoQueue",
    "PriorityQueue",
    "Event",
    "Lock",
    "Semaphore",
    "TaskGroup",
    "timeout",
    "get_event_loop",
    "get_running_loop",
    "new_event_loop",
    "set_event_loop",
    "current_task",
    "all_tasks",
    "iscoroutine",
    "iscoroutinefunction",
    "CancelledError",
    "TimeoutError",
    "InvalidStateError",
    "QueueEmpty",
    "QueueFull",
    "FIRST_COMPLETED",
    "FIRST_EXCEPTION",
    "ALL_COMPLETED",
]

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

TimeoutError = TimeoutError  # noqa: A001 (3.11: asyncio.TimeoutError is the builtin)


class CancelledError(BaseException):
    """The operation has been cancelled."""

    __module__ = "asyncio.exceptions"  # as CPython names it


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""

    __module__ = "asyncio.exceptions"  # as CPython names it


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""

    __module__ = "asyncio.queues"  # as CPython names it


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""

    __module__ = "asyncio.queues"  # as CPython names it


_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"

_running_loop = None
_current_task = None


class Future:
    """A result that will be available later."""

    __module__ = "_asyncio"  # as CPython names it

    def __init__(self, *, loop=None):
        self._loop = loop or get_event_loop()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self._state.lower())

    def done(self):
        return self._state != _PENDING

    def cancelled(self):
        return self._state == _CANCELLED

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def result(self):
        if self._state == _CANCELLED:
            raise CancelledError() if self._cancel_message is None else CancelledError(self._cancel_message)
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not ready.")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise CancelledError()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        return self._exception

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        if isinstance(exception, type):
            exception = exception()
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        n = len(self._callbacks)
        self._callbacks = [f for f in self._callbacks if f != fn]
        return n - len(self._callbacks)

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        self._callbacks = []
        for fn in callbacks:
            self._loop.call_soon(fn, self)

    def get_loop(self):
        return self._loop

    def __iter__(self):
        if not self.done():
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __await__ = __iter__


class Task(Future):
    """A coroutine wrapped in a Future, run by the event loop."""

    __module__ = "_asyncio"  # as CPython names it

    _counter = 0

    def __init__(self, coro, *, loop=None, name=None, context=None):
        if not iscoroutine(coro):
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        Future.__init__(self, loop=loop)
        Task._counter += 1
        self._coro = coro
        self._name = name if name is not None else "Task-%d" % Task._counter
        self._fut_waiter = None
        self._must_cancel = False
        self._loop.call_soon(self._step)
        self._loop._tasks.append(self)

    def __repr__(self):
        return "<Task %s name=%r>" % (self._state.lower(), self._name)

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_coro(self):
        return self._coro

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        if self.done():
            return False
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def _step(self, exc=None):
        global _current_task
        if self.done():
            return
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = CancelledError() if self._cancel_message is None else CancelledError(self._cancel_message)
            self._must_cancel = False
        self._fut_waiter = None
        previous = _current_task
        _current_task = self
        try:
            if exc is None:
                yielded = self._coro.send(None)
            else:
                yielded = self._coro.throw(exc)
        except StopIteration as e:
            Future.set_result(self, e.value if e.args else None)
        except CancelledError as e:
            self._cancel_message = e.args[0] if e.args else None
            Future.cancel(self, self._cancel_message)
        except (KeyboardInterrupt, SystemExit) as e:
            Future.set_exception(self, e)
            raise
        except BaseException as e:
            Future.set_exception(self, e)
        else:
            if yielded is None:
                self._loop.call_soon(self._step)
            elif isinstance(yielded, Future):
                if yielded is self:
                    self._loop.call_soon(self._step, RuntimeError("Task cannot await on itself: %r" % (self,)))
                else:
                    self._fut_waiter = yielded
                    yielded.add_done_callback(self._wakeup)
                    if self._must_cancel and self._fut_waiter.cancel():
                        self._must_cancel = False
            else:
                self._loop.call_soon(
                    self._step, RuntimeError("Task got bad yield: %r" % (yielded,))
                )
        finally:
            _current_task = previous

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()


class _Handle:
    def __init__(self, when, callback, args):
        self.when = when
        self.callback = callback
        self.args = args
        self.cancelled_ = False

    def cancel(self):
        self.cancelled_ = True

    def cancelled(self):
        return self.cancelled_

    def __lt__(self, other):
        return self.when < other.when


class _EventLoop:
    def __init__(self):
        self._ready = []
        self._timers = []
        self._tasks = []
        self._closed = False
        self._running = False

    def time(self):
        return _time.monotonic()

    def call_soon(self, callback, *args, context=None):
        handle = _Handle(None, callback, args)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        handle = _Handle(when, callback, args)
        import heapq

        heapq.heappush(self._timers, handle)
        return handle

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        return Task(coro, loop=self, name=name)

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def _run_once(self):
        import heapq

        if not self._ready and self._timers:
            delay = self._timers[0].when - self.time()
            if delay > 0:
                _time.sleep(delay)
        now = self.time()
        while self._timers and self._timers[0].when <= now:
            handle = heapq.heappop(self._timers)
            if not handle.cancelled_:
                self._ready.append(handle)
        ready = self._ready
        self._ready = []
        for handle in ready:
            if not handle.cancelled_:
                handle.callback(*handle.args)

    def run_until_complete(self, future):
        global _running_loop
        if self._closed:
            raise RuntimeError("Event loop is closed")
        if self._running:
            raise RuntimeError("This event loop is already running")
        future = ensure_future(future, loop=self)
        previous = _running_loop
        _running_loop = self
        self._running = True
        try:
            while not future.done():
                if not self._ready and not any(not t.cancelled_ for t in self._timers):
                    raise RuntimeError(
                        "asyncio: every task is waiting and nothing can wake them (CPython would wait forever)"
                    )
                self._run_once()
            self._tasks = [t for t in self._tasks if not t.done()]
        finally:
            self._running = False
            _running_loop = previous
        return future.result()

    def run_forever(self):
        raise RuntimeError("run_forever() is not available in the sandbox; use run_until_complete()")

    def stop(self):
        pass

    def shutdown_asyncgens(self):
        async def nothing():
            pass

        return nothing()


_default_loop = None


def get_running_loop():
    if _running_loop is None:
        raise RuntimeError("no running event loop")
    return _running_loop


def get_event_loop():
    global _default_loop
    if _running_loop is not None:
        return _running_loop
    if _default_loop is None or _default_loop.is_closed():
        _default_loop = _EventLoop()
    return _default_loop


def new_event_loop():
    return _EventLoop()


def set_event_loop(loop):
    global _default_loop
    _default_loop = loop


def iscoroutine(obj):
    return hasattr(obj, "send") and hasattr(obj, "throw")


def iscoroutinefunction(func):
    return getattr(func, "_is_coroutine", False)


def current_task(loop=None):
    return _current_task


def all_tasks(loop=None):
    loop = loop or get_running_loop()
    return {t for t in loop._tasks if not t.done()}


def ensure_future(coro_or_future, *, loop=None):
    if isinstance(coro_or_future, Future):
        return coro_or_future
    if iscoroutine(coro_or_future):
        return (loop or get_event_loop()).create_task(coro_or_future)
    if hasattr(coro_or_future, "__await__"):
        async def wrap(aw):
            return await aw

        return (loop or get_event_loop()).create_task(wrap(coro_or_future))
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name)


def run(main, *, debug=None):
    """Execute the coroutine and return the result (a new event loop, closed at the end)."""
    if _running_loop is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if not iscoroutine(main):
        raise ValueError("a coroutine was expected, got %r" % (main,))
    loop = new_event_loop()
    try:
        return loop.run_until_complete(main)
    finally:
        pending = [t for t in loop._tasks if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            try:
                loop.run_until_complete(gather(*pending, return_exceptions=True, loop=loop))
            except RuntimeError:
                pass
        loop.close()


class _Sleep:
    def __init__(self, delay, result):
        self.delay = delay
        self.result = result

    def __iter__(self):
        if self.delay <= 0:
            yield
            return self.result
        loop = get_running_loop()
        future = loop.create_future()
        handle = loop.call_later(self.delay, _set_result_unless_cancelled, future, self.result)
        try:
            return (yield from future)
        finally:
            handle.cancel()

    __await__ = __iter__


def _set_result_unless_cancelled(future, result):
    if not future.done():
        future.set_result(result)


def sleep(delay, result=None):
    """Coroutine that completes after a given time (in seconds)."""
    return _Sleep(delay, result)


def gather(*coros_or_futures, return_exceptions=False, loop=None):
    """Run awaitables concurrently; a future of the list of their results, in order."""
    loop = loop or get_event_loop()
    outer = loop.create_future()
    children = [ensure_future(c, loop=loop) for c in coros_or_futures]
    if not children:
        outer.set_result([])
        return outer
    state = {"left": len(children)}

    def done(child):
        state["left"] -= 1
        if outer.done():
            return
        if not return_exceptions:
            if child.cancelled():
                outer.set_exception(CancelledError())
                return
            if child.exception() is not None:
                outer.set_exception(child.exception())
                return
        if state["left"] == 0:
            results = []
            for c in children:
                if c.cancelled():
                    results.append(CancelledError())
                elif c.exception() is not None:
                    results.append(c.exception())
                else:
                    results.append(c.result())
            outer.set_result(results)

    for child in children:
        child.add_done_callback(done)

    def cancel_children(msg=None):
        cancelled = False
        for c in children:
            if c.cancel(msg):
                cancelled = True
        return cancelled

    outer_cancel = outer.cancel

    def cancel(msg=None):
        if outer.done():
            return False
        if cancel_children(msg):
            return True
        return outer_cancel(msg)

    outer.cancel = cancel
    return outer


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def copy(inner):
        if outer.cancelled():
            return
        if inner.cancelled():
            outer.cancel()
        elif inner.exception() is not None:
            outer.set_exception(inner.exception())
        else:
            outer.set_result(inner.result())

    inner.add_done_callback(copy)
    return outer


async def wait_for(fut, timeout):
    """Wait for the single awaitable to complete, with timeout (TimeoutError, and the task cancelled)."""
    loop = get_running_loop()
    fut = ensure_future(fut, loop=loop)
    if timeout is None:
        return await fut
    if timeout <= 0:
        if fut.done():
            return fut.result()
        fut.cancel()
        raise TimeoutError()
    waiter = loop.create_future()
    handle = loop.call_later(timeout, _set_result_unless_cancelled, waiter, None)
    fut.add_done_callback(lambda f: _set_result_unless_cancelled(waiter, None))
    try:
        try:
            await waiter
        except CancelledError:
            fut.cancel()
            raise
        if fut.done():
            return fut.result()
        fut.cancel()
        try:
            await fut
        except CancelledError:
            pass
        raise TimeoutError()
    finally:
        handle.cancel()


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the Futures/Tasks in fs; returns (done, pending) sets."""
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError("expect a list of futures, not %s" % type(fs).__name__)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    loop = get_running_loop()
    fs = {ensure_future(f, loop=loop) for f in fs}
    waiter = loop.create_future()
    handle = None
    if timeout is not None:
        handle = loop.call_later(timeout, _set_result_unless_cancelled, waiter, None)

    def check(f):
        if waiter.done():
            return
        done_now = [x for x in fs if x.done()]
        if (
            return_when == FIRST_COMPLETED
            or len(done_now) == len(fs)
            or (return_when == FIRST_EXCEPTION and not f.cancelled() and f.exception() is not None)
        ):
            waiter.set_result(None)

    for f in fs:
        f.add_done_callback(check)
    if not any(f.done() for f in fs) or return_when == ALL_COMPLETED and not all(f.done() for f in fs):
        try:
            await waiter
        finally:
            if handle is not None:
                handle.cancel()
    done = {f for f in fs if f.done()}
    return done, fs - done


def as_completed(fs, *, timeout=None):
    """An iterator of coroutines, each returning the next result as the futures complete."""
    loop = get_event_loop()
    todo = [ensure_future(f, loop=loop) for f in fs]
    finished = Queue()
    for f in todo:
        f.add_done_callback(finished.put_nowait)

    async def next_done():
        f = await finished.get()
        return f.result()

    for _ in range(len(todo)):
        yield next_done()


class Event:
    """An asynchronous event: set() wakes every wait()."""

    __module__ = "asyncio.locks"  # as CPython names it

    def __init__(self):
        self._waiters = []
        self._value = False

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Lock:
    """A mutual exclusion lock for tasks (async with lock: ...)."""

    __module__ = "asyncio.locks"  # as CPython names it

    def __init__(self):
        self._locked = False
        self._waiters = []

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and not self._waiters:
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
        finally:
            self._waiters.remove(fut)
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
                break

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Semaphore:
    """A counter of available slots for tasks (async with sem: ...)."""

    __module__ = "asyncio.locks"  # as CPython names it

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._value = value
        self._waiters = []

    def locked(self):
        return self._value == 0

    async def acquire(self):
        while self._value <= 0:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        self._value -= 1
        return True

    def release(self):
        self._value += 1
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
                break

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Queue:
    """A first in, first out queue for tasks."""

    __module__ = "asyncio.queues"  # as CPython names it

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._init()
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()

    def _init(self):
        self._queue = []

    def _get(self):
        return self._queue.pop(0)

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return "<%s maxsize=%r>" % (type(self).__name__, self._maxsize)

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            await putter
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            await getter
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    """A Queue that retrieves entries in priority order (lowest first)."""

    __module__ = "asyncio.queues"  # as CPython names it

    def _put(self, item):
        import heapq

        heapq.heappush(self._queue, item)

    def _get(self):
        import heapq

        return heapq.heappop(self._queue)


class LifoQueue(Queue):
    """A Queue that retrieves most recently added entries first."""

    __module__ = "asyncio.queues"  # as CPython names it

    def _get(self):
        return self._queue.pop()


class TaskGroup:
    """async with TaskGroup() as tg: tg.create_task(...) -- waits for all; the first error cancels the rest."""

    __module__ = "asyncio.taskgroups"  # as CPython names it

    def __init__(self):
        self._tasks = []
        self._errors = []

    async def __aenter__(self):
        return self

    def create_task(self, coro, *, name=None, context=None):
        task = get_running_loop().create_task(coro, name=name)
        self._tasks.append(task)
        task.add_done_callback(self._on_done)
        return task

    def _on_done(self, task):
        if not task.cancelled() and task.exception() is not None:
            self._errors.append(task.exception())
            for t in self._tasks:
                if not t.done():
                    t.cancel()

    async def __aexit__(self, exc_type, exc, tb):
        if exc is not None and not isinstance(exc, CancelledError):
            for t in self._tasks:
                if not t.done():
                    t.cancel()
        while any(not t.done() for t in self._tasks):
            await wait([t for t in self._tasks if not t.done()])
        if self._errors:
            raise ExceptionGroup("unhandled errors in a TaskGroup", self._errors)  # noqa: F821
        return False


class _Timeout:
    __module__ = "asyncio.timeouts"  # as CPython names it: <class 'asyncio.timeouts.Timeout'>
    __qualname__ = "Timeout"

    def __init__(self, delay):
        self._delay = delay
        self._handle = None
        self._task = None
        self._expired = False

    async def __aenter__(self):
        self._task = current_task()
        if self._delay is not None:
            self._handle = get_running_loop().call_later(self._delay, self._expire)
        return self

    def _expire(self):
        self._expired = True
        self._task.cancel()

    def expired(self):
        return self._expired

    async def __aexit__(self, exc_type, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
        if self._expired and exc_type is CancelledError:
            raise TimeoutError()
        return False


def timeout(delay):
    """async with asyncio.timeout(seconds): ... -- TimeoutError when the block takes longer."""
    return _Timeout(delay)
