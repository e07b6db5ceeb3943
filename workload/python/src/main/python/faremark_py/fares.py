"""The article's "parse" and "prepare for processing", as in contract.FarePage.

Parse: full data binding, every fare materialised as an object with real types (datetimes,
decimal prices), as a client of a fare API would do; that is part of what each model's memory
pays. Aggregate: fare count and cheapest fare of the day, price in cents, ties broken by fare id
- exactly contract.FarePage.aggregate(), so the Verifier compares like with like.
"""
import datetime
import json
from dataclasses import dataclass
from decimal import Decimal


# The page's objects carry __slots__ (no per-instance __dict__): thousands of fares are alive
# at once in the concurrent models, so their size is part of what each model's memory pays.
# Written out rather than @dataclass(slots=True), which needs Python 3.10, so the same classes,
# with the same layout on CPython, also load on Python 3.9 (PyPy 7.3); the field names are
# checked against the annotations by test_fares.


class BadBody(Exception):
    """A 200 whose body is not the day's fare page."""


@dataclass
class Fare:
    __slots__ = ("id", "carrier", "origin", "destination", "departure", "arrival",
                 "duration_minutes", "price", "currency", "seats_left", "vehicle", "amenities")
    id: str
    carrier: str
    origin: str
    destination: str
    departure: datetime.datetime
    arrival: datetime.datetime
    duration_minutes: int
    price: Decimal
    currency: str
    seats_left: int
    vehicle: str
    amenities: list

    @property
    def price_cents(self):
        cents = self.price.scaleb(2)
        if cents != cents.to_integral_value():
            raise BadBody("price %s of fare %s has more than two decimals" % (self.price, self.id))
        return int(cents)


@dataclass
class FarePage:
    __slots__ = ("origin", "destination", "date", "currency", "fares")
    origin: str
    destination: str
    date: datetime.date
    currency: str
    fares: list

    def aggregate(self):
        """One DayAggregate as JSON fields: {date, fares, cheapestCents, cheapestFareId, currency}."""
        if not self.fares:
            return {"date": self.date.isoformat(), "fares": 0, "cheapestCents": 0,
                    "cheapestFareId": "", "currency": self.currency}
        cents, fare_id = min((f.price_cents, f.id) for f in self.fares)
        return {"date": self.date.isoformat(), "fares": len(self.fares), "cheapestCents": cents,
                "cheapestFareId": fare_id, "currency": self.currency}


def parse(body):
    """Parses a response body into a FarePage; raises BadBody when it is not one."""
    try:
        # Decimal, not float: 19.99 must stay exactly 1999 cents.
        raw = json.loads(body, parse_float=Decimal)
        fares = [_fare(f) for f in (raw.get("fares") or [])]
        return FarePage(raw["from"], raw["to"], datetime.date.fromisoformat(raw["date"]),
                        raw.get("currency"), fares)
    except BadBody:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as e:
        raise BadBody("fare page did not parse: %s: %s" % (type(e).__name__, e)) from None


def _fare(f):
    return Fare(
        id=f["id"], carrier=f["carrier"], origin=f["from"], destination=f["to"],
        departure=datetime.datetime.fromisoformat(f["departure"]),
        arrival=datetime.datetime.fromisoformat(f["arrival"]),
        duration_minutes=int(f["durationMinutes"]), price=Decimal(f["price"]),
        currency=f["currency"], seats_left=int(f["seatsLeft"]), vehicle=f["vehicle"],
        amenities=list(f.get("amenities") or []))


def check(spec, date, status, body):
    """A response as an outcome: ("ok", aggregate) or ("failed", cause, detail)."""
    if status != 200:
        return ("failed", "http-%d" % status, "HTTP %d for %s" % (status, date))
    try:
        page = parse(body)
        aggregate = page.aggregate()
    except BadBody as e:
        return ("failed", "bad-body", "%s: %s" % (date, e))
    if page.date != date or page.origin != spec.route_from or page.destination != spec.route_to:
        return ("failed", "bad-body", "asked for %s-%s %s, got %s-%s %s" % (
            spec.route_from, spec.route_to, date, page.origin, page.destination, page.date))
    return ("ok", aggregate)


# A tiny page in the server's format: parsed before `ready` so that the parse path's modules
# and code are loaded into the baseline, not into the cost of the first request.
SAMPLE = (b'{"from":"PRG","to":"BRQ","date":"2018-06-01","currency":"EUR","fares":[{"id":"0-0",'
          b'"carrier":"RegioJet","from":"PRG","to":"BRQ","departure":"2018-06-01T06:10",'
          b'"arrival":"2018-06-01T08:40","durationMinutes":150,"price":12.90,"currency":"EUR",'
          b'"seatsLeft":3,"vehicle":"coach","amenities":["wifi"]}]}')


def warm_up():
    page = parse(SAMPLE)
    if page.aggregate()["cheapestCents"] != 1290:
        raise AssertionError("warm-up page aggregated wrongly: %s" % page.aggregate())
