"""The Python side of the one model list: catalog.py reads models.json (which the orchestrator's
PythonCatalog reads too), run_model.py starts whatever it declares, and a new model is its module
plus one entry in that file (docs/extending.md, "Add a model") - nothing else changes."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from faremark_py import catalog
from faremark_py.interpreter import implementation
from fixture import FareFixture, dates, expected, spec
from libs import needs

SOURCES = os.path.join(os.path.dirname(__file__), "..", "..", "main", "python")

# The recipe's worked example (docs/extending.md): a model is a class with id, prepare(), run()
# and close(), and a module that hands it to runner.main.
RECIPE_MODULE = '''"""py-recipe: one requests call after another (the recipe's example)."""
from . import runner
from .blocking import RequestsClient
from .recorder import Recorder

ID = "py-recipe"


class RecipeModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.recorder = Recorder()
        self.client = RequestsClient(spec, self.recorder)

    def prepare(self):
        self.client.warm_up()

    def run(self):
        for date in self.spec.dates():
            self.client.fetch(date)
        return self.recorder.result(ID, self.spec.days, self.client.details())

    def close(self):
        self.client.close()


if __name__ == "__main__":
    runner.main(ID, RecipeModel)
'''
RECIPE_ENTRY = {"id": "py-recipe", "module": "recipe", "imports": ["requests"],
                "description": "the recipe's example: one requests call after another",
                "colour": None, "parallelism": "one", "implementations": ["cpython", "pypy"]}


class CatalogTest(unittest.TestCase):
    def test_models_are_the_declarations_in_the_file_order(self):
        with open(os.path.join(SOURCES, "faremark_py", "models.json"), encoding="utf-8") as f:
            declared = json.load(f)["models"]
        self.assertEqual([m["id"] for m in declared], [m[0] for m in catalog.MODELS[:len(declared)]])
        pypy = [m["id"].replace("py-", "pypy-", 1) for m in declared
                if "pypy" in m.get("implementations", [])]
        self.assertEqual(pypy, [m[0] for m in catalog.MODELS[len(declared):]])
        self.assertEqual(["pypy-sequential", "pypy-threads", "pypy-gevent", "pypy-asyncio",
                          "pypy-multiprocessing"], pypy[:5])
        self.assertEqual(("pypy-threads", "threads", ("requests",),
                          "ThreadPoolExecutor of blocking requests calls, workers = concurrency,"
                          " on PyPy"), catalog.MODELS[len(declared) + 1])
        self.assertEqual(("cpython", "pypy"), (catalog.IMPLEMENTATION["py-threads"],
                                               catalog.IMPLEMENTATION["pypy-threads"]))
        self.assertEqual(["py-sequential", "py-threads", "py-gevent", "py-asyncio",
                          "py-multiprocessing"], [m[0] for m in catalog.MODELS[:5]])
        self.assertEqual(("py-gevent", "gevent_pool", ("gevent", "requests"),
                          "monkey-patched requests on a gevent pool of size concurrency"),
                         catalog.MODELS[2])
        for _, module, _, _ in catalog.MODELS:
            self.assertTrue(os.path.isfile(os.path.join(SOURCES, "faremark_py", module + ".py")),
                            module)

    def test_a_wrong_file_is_refused_naming_the_entry_and_the_field(self):
        cases = [({"models": {}}, "expected an object with a 'models' list"),
                 ({"models": [{"id": "py-x", "module": "", "description": "x", "imports": []}]},
                  "models[0]: field 'module'"),
                 ({"models": [{"id": "py-x", "module": "x", "description": "x",
                               "imports": "requests"}]}, "models[0]: field 'imports'"),
                 ({"models": [dict(RECIPE_ENTRY, implementations=["pypy"])]},
                  "models[0]: field 'implementations': expected a list of cpython, pypy holding"),
                 ({"models": [dict(RECIPE_ENTRY), dict(RECIPE_ENTRY)]},
                  "models[1]: id 'py-recipe' is declared twice")]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "models.json")
            for document, message in cases:
                with self.subTest(message=message):
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(document, f)
                    with self.assertRaises(ValueError) as raised:
                        catalog.load(path)
                    self.assertIn(path, str(raised.exception))
                    self.assertIn(message, str(raised.exception))

    def test_the_launcher_refuses_an_id_it_does_not_know_listing_the_declared_ones(self):
        p = subprocess.run([sys.executable, os.path.join(SOURCES, "run_model.py"), "py-trio"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(2, p.returncode)
        self.assertEqual("", p.stdout)
        self.assertIn("|".join(m[0] for m in catalog.MODELS), p.stderr)

    @needs("requests")
    def test_a_new_model_is_its_module_and_one_entry(self):
        with tempfile.TemporaryDirectory() as d:
            tree = os.path.join(d, "python")
            shutil.copytree(SOURCES, tree, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            with open(os.path.join(tree, "faremark_py", "recipe.py"), "w", encoding="utf-8") as f:
                f.write(RECIPE_MODULE)
            declarations = os.path.join(tree, "faremark_py", "models.json")
            with open(declarations, encoding="utf-8") as f:
                document = json.load(f)
            document["models"].append(RECIPE_ENTRY)
            with open(declarations, "w", encoding="utf-8") as f:
                json.dump(document, f, indent=2)
            spec_file = os.path.join(d, "spec.json")
            model = catalog.variant("py-recipe", implementation())  # pypy-recipe on PyPy
            with FareFixture() as fixture:
                with open(spec_file, "w", encoding="utf-8") as f:
                    json.dump(spec(model, fixture.url, days=5), f)
                p = subprocess.run([sys.executable, os.path.join(tree, "run_model.py"),
                                    model, "--spec", spec_file],
                                   capture_output=True, text=True, timeout=60)
            self.assertEqual(0, p.returncode, p.stderr)
            events = [json.loads(line) for line in p.stdout.splitlines()]
            self.assertEqual(["ready", "done"], [e["event"] for e in events])
            self.assertEqual(model, events[0]["model"])
            self.assertEqual([expected(day) for day in dates(5)], events[1]["result"]["aggregate"])


if __name__ == "__main__":
    unittest.main()
