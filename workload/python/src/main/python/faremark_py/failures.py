"""Python exceptions as contract.FailureCause ids, so that every model, in any language,
reports faults with the same words: connect-timeout, connect-refused, timeout,
connection-reset, connection-closed, bad-body, http-<status>, io-error, other.

requests and aiohttp wrap the real failure (requests: ConnectionError -> urllib3 MaxRetryError
-> NewConnectionError -> ConnectionRefusedError), so the whole chain is looked at: causes,
contexts, exceptions held in args and the libraries' own fields (``reason``, ``os_error``). The
most specific cause found anywhere in the chain wins. Library types are looked up in
sys.modules, never imported here: a model only ever sees its own library's exceptions.
"""
import asyncio
import socket
import sys

CONNECT_TIMEOUT = "connect-timeout"
CONNECT_REFUSED = "connect-refused"
TIMEOUT = "timeout"
RESET = "connection-reset"
CLOSED = "connection-closed"
BAD_BODY = "bad-body"
IO = "io-error"
OTHER = "other"


def http_status(status):
    return "http-%d" % status


class RequestTimeout(Exception):
    """Our own whole-request deadline passed (requests' timeouts are per socket operation)."""


def chain(exc, limit=16):
    """exc and everything it wraps, outermost first, each once."""
    seen, todo, out = set(), [exc], []
    while todo and len(out) < limit:
        e = todo.pop(0)
        if e is None or id(e) in seen or not isinstance(e, BaseException):
            continue
        seen.add(id(e))
        out.append(e)
        todo.extend([e.__cause__, e.__context__, getattr(e, "reason", None),
                     getattr(e, "os_error", None)])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    return out


def _types(module, *names):
    m = sys.modules.get(module)
    return tuple(t for t in (getattr(m, n, None) for n in names) if isinstance(t, type)) if m else ()


def classify(exc):
    """The FailureCause id of an exception raised while sending a request or reading its reply."""
    # urllib3 1.x makes NewConnectionError (any failed connect: refused, unreachable...) a
    # subclass of ConnectTimeoutError; it is a timeout only when a real timeout lies below it.
    new_connection = _types("urllib3.exceptions", "NewConnectionError")
    found = [e for e in chain(exc) if not (new_connection and isinstance(e, new_connection))]
    if any(isinstance(e, ConnectionRefusedError) for e in found):
        return CONNECT_REFUSED
    connect_timeouts = _types("requests.exceptions", "ConnectTimeout") \
        + _types("urllib3.exceptions", "ConnectTimeoutError") \
        + _types("aiohttp", "ConnectionTimeoutError", "ServerConnectionTimeoutError")
    timeouts = (RequestTimeout, TimeoutError, socket.timeout, asyncio.TimeoutError) \
        + _types("requests.exceptions", "Timeout") \
        + _types("urllib3.exceptions", "TimeoutError") \
        + _types("aiohttp", "ServerTimeoutError") + _types("gevent", "Timeout")
    closed = (EOFError, BrokenPipeError, ConnectionAbortedError) \
        + _types("http.client", "RemoteDisconnected", "IncompleteRead") \
        + _types("aiohttp", "ServerDisconnectedError", "ClientPayloadError") \
        + _types("requests.exceptions", "ChunkedEncodingError") \
        + _types("urllib3.exceptions", "IncompleteRead")
    connector_errors = _types("aiohttp", "ClientConnectorError")

    def any_of(types, message=None):
        return types and any(isinstance(e, types) and (message is None or message in str(e).lower())
                             for e in found)

    # aiohttp 3.8 reports a connect timeout as ServerTimeoutError("Connection timeout to host")
    if any_of(connect_timeouts) or any_of(timeouts, "connection timeout") \
            or (any_of(connector_errors) and any_of(timeouts)):
        return CONNECT_TIMEOUT
    if any(isinstance(e, ConnectionRefusedError) for e in found):
        return CONNECT_REFUSED
    if any_of(timeouts) or any_of(connect_timeouts):
        return TIMEOUT
    # RemoteDisconnected is a ConnectionResetError, but means "closed before any response"
    if any_of(closed):
        return CLOSED
    if any(isinstance(e, ConnectionResetError) for e in found):
        return RESET
    text = " ".join(str(e).lower() for e in found)
    if "reset" in text:
        return RESET
    if "closed" in text or "eof" in text or "broken pipe" in text or "disconnected" in text:
        return CLOSED
    if any(isinstance(e, OSError) for e in found) \
            or any_of(_types("requests.exceptions", "ConnectionError")) \
            or any_of(_types("aiohttp", "ClientError")):
        return IO
    return OTHER


def describe(exc):
    inner = chain(exc)[-1]
    return "%s: %s" % (type(exc).__name__, exc) if inner is exc else \
        "%s: %s (%s: %s)" % (type(exc).__name__, exc, type(inner).__name__, inner)
