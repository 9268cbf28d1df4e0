"""rankledger's HTTP layer and CLI: Litestar app, controllers, wire schemas, queries, exporters."""

import os

_ALLOCATOR_OPTIONS = "_RJEM_MALLOC_CONF"
_FREED_PAGES_BACK_AT_ONCE = "dirty_decay_ms:0,muzzy_decay_ms:0"


def _import_polars_handing_freed_pages_back_at_once() -> None:
    """polars allocates through its own jemalloc, built to hand freed pages back to the system from
    a background thread. The API's workers are forked (``service/server.py``) and a forked process
    has no such thread, so what a worker freed stayed resident: reading a generation's served index
    takes about three times what the index keeps, ~65 MB more per worker (bench/peers.py prints
    the workers' memory). So polars' allocator hands freed pages back at once.

    jemalloc reads its options from the environment once, when polars is imported (polars puts
    its defaults before what the variable holds; the last of an option wins). granian's own
    jemalloc reads the same variable and serves every request: at once, there, cost 30% of the
    cached path's throughput. So the variable holds the option only while polars is imported."""
    held = os.environ.get(_ALLOCATOR_OPTIONS)
    os.environ[_ALLOCATOR_OPTIONS] = ",".join(filter(None, (held, _FREED_PAGES_BACK_AT_ONCE)))
    try:
        import polars  # noqa: F401 - its allocator reads the options now
    finally:
        if held is None:
            del os.environ[_ALLOCATOR_OPTIONS]
        else:
            os.environ[_ALLOCATOR_OPTIONS] = held


_import_polars_handing_freed_pages_back_at_once()
