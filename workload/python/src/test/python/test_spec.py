import json
import unittest

from faremark_py.spec import SpecError, from_json, int_option
from fixture import spec


class SpecTest(unittest.TestCase):
    def read(self, **overrides):
        return from_json(json.dumps(spec("py-threads", "http://127.0.0.1:1", **overrides)), "s.json")

    def test_reads_the_contract_fields(self):
        s = self.read(days=3, connections="per-request", retries=2)
        self.assertEqual(3, len(s.dates()))
        self.assertFalse(s.shared)
        self.assertEqual(2, s.retries)
        self.assertEqual(2.0, s.request_timeout_s)
        self.assertEqual("http://127.0.0.1:1/fares?from=PRG&to=BRQ&date=2018-06-02",
                         s.fares_url(s.dates()[1]))

    def test_retries_and_warmup_default_to_zero_when_absent(self):
        self.assertEqual((0, 0), (self.read().retries, self.read().warmup))
        self.assertEqual(2, self.read(warmup=2).warmup)

    def test_errors_name_the_field_and_what_was_got(self):
        cases = {
            "days": (0, "field 'days': expected a whole number >= 1, got number 0"),
            "connections": ("pooled", "field 'connections': expected one of shared, per-request"),
            "startDate": ("June", "field 'startDate': expected an ISO date"),
            "target": ("ftp://x", "field 'target': expected an http:// URL"),
            "retries": (-1, "field 'retries': expected a whole number >= 0"),
            "warmup": (-1, "field 'warmup': expected a whole number >= 0 (0 = no warm-up pass)"),
            "options": ([], "field 'options': expected an object, got array []"),
            "poolSize": (1.5, "field 'poolSize': expected a whole number >= 1, got number 1.5"),
        }
        for field, (value, message) in cases.items():
            with self.subTest(field=field):
                with self.assertRaises(SpecError) as e:
                    self.read(**{field: value})
                self.assertIn(message, str(e.exception))
                self.assertTrue(str(e.exception).startswith("s.json: "))

    def test_missing_field(self):
        s = spec("py-threads", "http://127.0.0.1:1")
        del s["concurrency"]
        with self.assertRaises(SpecError) as e:
            from_json(json.dumps(s), "s.json")
        self.assertIn("field 'concurrency': expected a whole number >= 1, got nothing", str(e.exception))

    def test_not_json(self):
        with self.assertRaises(SpecError) as e:
            from_json("{", "s.json")
        self.assertIn("s.json: not valid JSON", str(e.exception))

    def test_options_are_checked_when_used(self):
        s = self.read(options={"aiohttpLimitPerHost": "ten"})
        with self.assertRaises(SpecError) as e:
            int_option(s, "aiohttpLimitPerHost", 0, 0)
        self.assertIn("options.aiohttpLimitPerHost", str(e.exception))
        self.assertEqual(7, int_option(self.read(options={"x": 7}), "x", 0, 0))


if __name__ == "__main__":
    unittest.main()
