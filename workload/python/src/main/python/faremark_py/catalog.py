"""The one list of Python models: id, module (``python3 -m faremark_py.<module>``), the
libraries it imports, and what it is. The orchestrator's Java catalog (PythonCatalog) lists the
same; a unit test checks they agree."""
MODELS = (
    ("py-sequential", "sequential", ("requests",),
     "one requests call after another (the article's baseline)"),
    ("py-threads", "threads", ("requests",),
     "ThreadPoolExecutor of blocking requests calls, workers = concurrency"),
    ("py-gevent", "gevent_pool", ("gevent", "requests"),
     "monkey-patched requests on a gevent pool of size concurrency"),
    ("py-asyncio", "asyncio_aiohttp", ("aiohttp",),
     "asyncio + aiohttp on one event loop, a semaphore of concurrency"),
    ("py-multiprocessing", "multiprocessing_pool", ("requests",),
     "multiprocessing.Pool of K processes, each one request at a time"),
)
