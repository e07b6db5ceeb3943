import dataclasses
import datetime
import unittest

from faremark_py import fares
from faremark_py.spec import from_json
from fixture import expected, page, spec
import json

DAY = datetime.date(2018, 6, 1)


class FaresTest(unittest.TestCase):
    def setUp(self):
        self.spec = from_json(json.dumps(spec("py-sequential", "http://127.0.0.1:1")), "s")

    def test_aggregate_is_cheapest_in_cents_ties_by_id(self):
        self.assertEqual(expected(DAY), fares.parse(page(DAY)).aggregate())
        self.assertEqual(("ok", expected(DAY)), fares.check(self.spec, DAY, 200, page(DAY)))

    def test_prices_are_exact_decimals(self):
        # 0.29 * 100 is 28.999999999999996 in floating point; cents must still be 29
        agg = fares.parse(page(DAY, prices=("0.29", "1.10"))).aggregate()
        self.assertEqual(29, agg["cheapestCents"])

    def test_every_fare_is_materialised_with_types(self):
        p = fares.parse(page(DAY))
        self.assertIsInstance(p.fares[0].departure, datetime.datetime)
        self.assertEqual(4, len(p.fares))

    def test_page_objects_have_slots_not_dicts(self):
        # what @dataclass(slots=True) gave, written out so that Python 3.9 (PyPy) loads it
        page = fares.parse(page_of_one())
        for obj in (page, page.fares[0]):
            with self.subTest(cls=type(obj).__name__):
                self.assertEqual(tuple(f.name for f in dataclasses.fields(obj)),
                                 type(obj).__slots__)
                self.assertFalse(hasattr(obj, "__dict__"))
                with self.assertRaises(AttributeError):
                    obj.unexpected = 1

    def test_empty_day(self):
        body = b'{"from":"PRG","to":"BRQ","date":"2018-06-01","currency":"EUR","fares":[]}'
        self.assertEqual({"date": "2018-06-01", "fares": 0, "cheapestCents": 0,
                          "cheapestFareId": "", "currency": "EUR"}, fares.parse(body).aggregate())

    def test_faults(self):
        self.assertEqual(("failed", "http-503"), fares.check(self.spec, DAY, 503, b"")[:2])
        self.assertEqual("bad-body", fares.check(self.spec, DAY, 200, b"{not json")[1])
        self.assertEqual("bad-body", fares.check(self.spec, DAY, 200, page(DAY)[:-40])[1])
        other_day = fares.check(self.spec, DAY, 200, page(DAY + datetime.timedelta(days=1)))
        self.assertEqual("bad-body", other_day[1])
        self.assertIn("asked for PRG-BRQ 2018-06-01, got PRG-BRQ 2018-06-02", other_day[2])
        self.assertEqual("bad-body", fares.check(self.spec, DAY, 200, page(DAY, to="VIE"))[1])


def page_of_one():
    return page(DAY, prices=("12.90",))


if __name__ == "__main__":
    unittest.main()
