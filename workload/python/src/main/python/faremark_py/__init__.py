"""faremark's Python workloads: the article's concurrency models under the workload contract.

Deliberately empty: ``py-gevent`` must monkey-patch the standard library before anything else
imports ``socket``, ``threading`` or ``ssl``, and importing this package runs first.
"""
