"""A loopback fare server for the tests: pages in the fare server's format with a known
aggregate, and per-test faults (status codes, first attempts failing, resets, silence)."""
import datetime
import http.server
import json
import socket
import struct
import threading
import time


def page(date, frm="PRG", to="BRQ", prices=("12.90", "9.69", "9.69", "30.00")):
    """A day's page; the cheapest fare is the first 9.69 one, id <date>-1 (ties: smaller id)."""
    fares = []
    for i, price in enumerate(prices):
        fares.append(
            '{"id":"%s-%d","carrier":"RegioJet","from":"%s","to":"%s",'
            '"departure":"%sT06:10","arrival":"%sT08:40","durationMinutes":150,"price":%s,'
            '"currency":"EUR","seatsLeft":3,"vehicle":"coach","amenities":["wifi"]}'
            % (date, i, frm, to, date, date, price))
    return ('{"from":"%s","to":"%s","date":"%s","currency":"EUR","fares":[%s]}'
            % (frm, to, date, ",".join(fares))).encode()


def expected(date, prices=("12.90", "9.69", "9.69", "30.00")):
    cents = [round(float(p) * 100) for p in prices]
    best = min(range(len(prices)), key=lambda i: (cents[i], "%s-%d" % (date, i)))
    return {"date": str(date), "fares": len(prices), "cheapestCents": cents[best],
            "cheapestFareId": "%s-%d" % (date, best), "currency": "EUR"}


class FareFixture:
    """behaviour(date, attempt) -> "ok" | int status | "reset" | "close" | "silent".

    ``gather``: each request is held until that many are in flight at once (or ``gather_wait``
    seconds passed), so a model allowed that many concurrent requests is seen reaching them on
    any machine, however loaded; a gate, not a clock, for a correct model. ``peak_in_flight`` is
    the most requests the server held at once: a request stops counting when its answer starts
    to leave, since the client may send its next one as soon as the answer arrives.
    """

    def __init__(self, behaviour=lambda date, attempt: "ok", gather=1, gather_wait=1.0):
        self.behaviour = behaviour
        self.attempts = {}
        self.lock = threading.Lock()
        self.gate = threading.Condition(self.lock)
        self.gather = gather
        self.gather_wait = gather_wait
        self.in_flight = 0
        self.peak_in_flight = 0
        self.arrived = 0
        self.open_through = 0
        self.connections = set()
        fixture = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                with fixture.lock:
                    fixture.connections.add(self.client_address)

            def do_GET(self):
                query = dict(p.split("=", 1) for p in self.path.split("?", 1)[1].split("&"))
                date = datetime.date.fromisoformat(query["date"])
                with fixture.lock:
                    attempt = fixture.attempts.get(date, 0)
                    fixture.attempts[date] = attempt + 1
                    fixture.in_flight += 1
                    fixture.peak_in_flight = max(fixture.peak_in_flight, fixture.in_flight)
                    fixture.arrived += 1
                    ticket = fixture.arrived
                    if fixture.in_flight >= fixture.gather:
                        fixture.open_through = ticket  # everyone waiting, and this one, goes
                        fixture.gate.notify_all()
                    deadline = time.monotonic() + fixture.gather_wait
                    while ticket > fixture.open_through and time.monotonic() < deadline:
                        fixture.gate.wait(max(0.0, deadline - time.monotonic()))
                    fixture.in_flight -= 1
                what = fixture.behaviour(date, attempt)
                if what == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if what == "close":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if what == "silent":
                    threading.Event().wait(5)
                    self.close_connection = True
                    return
                status = 200 if what == "ok" else what
                body = page(date, query["from"], query["to"]) if status == 200 else b"{}"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def spec(model, url, days=6, **overrides):
    s = {"model": model, "target": url, "route": {"from": "PRG", "to": "BRQ"},
         "startDate": "2018-06-01", "days": days, "concurrency": 3, "connections": "shared",
         "poolSize": 3, "connectTimeoutMs": 2000, "requestTimeoutMs": 2000, "processes": 2,
         "options": {}}
    s.update(overrides)
    return s


def dates(days, start=datetime.date(2018, 6, 1)):
    return [start + datetime.timedelta(days=i) for i in range(days)]


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
