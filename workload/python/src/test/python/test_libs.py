"""The strict switch the Python tests share with the Java tests (FAREMARK_REQUIRE): which names it
takes, and that a test needing a library that does not load fails under it instead of skipping."""
import io
import os
import unittest
from unittest import mock

import libs


class RequireTest(unittest.TestCase):
    def test_the_switch_of_this_build_names_only_known_dependencies(self):
        libs.required_modules()  # raises on a typo in CI's FAREMARK_REQUIRE

    def test_python_requires_every_library_and_python_module_only_that_one(self):
        self.assertEqual(set(), libs.required_modules(""))
        self.assertEqual({"requests", "aiohttp", "gevent"}, libs.required_modules("docker, python"))
        self.assertEqual({"requests"}, libs.required_modules("cgroup,python:requests"))
        self.assertEqual({"requests", "gevent"}, libs.required_modules("python:requests+gevent"))
        self.assertTrue(libs.python_required("chromium,python:requests"))
        self.assertFalse(libs.python_required("docker,cgroup"))
        with self.assertRaisesRegex(ValueError, "unknown dependency 'pyton'"):
            libs.required_modules("pyton")

    def test_a_library_that_does_not_load_skips_saying_why_or_fails_when_required(self):
        def attempt(switch):
            with mock.patch.object(libs, "problem", lambda m: "missing: apt-get install -y x"), \
                    mock.patch.dict(os.environ, {libs.VARIABLE: switch}), \
                    mock.patch("sys.stderr", new_callable=io.StringIO) as err:
                try:
                    libs.unavailable("SomeTest", "aiohttp")
                except (unittest.SkipTest, AssertionError) as e:
                    return type(e), str(e), err.getvalue()
            self.fail("neither skipped nor failed")

        self.assertEqual((unittest.SkipTest, "Python module aiohttp missing: apt-get install -y x",
                          "[faremark] SomeTest SKIPPED: Python module aiohttp missing:"
                          " apt-get install -y x\n"), attempt(""))
        self.assertEqual(unittest.SkipTest, attempt("python:requests")[0])  # requests only
        kind, message, printed = attempt("cgroup,python:aiohttp")
        self.assertEqual(AssertionError, kind)
        self.assertEqual("[faremark] SomeTest FAILED: FAREMARK_REQUIRE requires aiohttp, but Python"
                         " module aiohttp missing: apt-get install -y x", message)

if __name__ == "__main__":
    unittest.main()
