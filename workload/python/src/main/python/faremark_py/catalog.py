"""The Python models, as declared in ``models.json`` beside this file: the one list, which the
orchestrator's Java side (PythonCatalog) reads too. Each entry: id, module
(``python3 -m faremark_py.<module>``), the libraries it imports, what it is, its report colour and
its parallelism (for the orchestrator's estimate).

``MODELS`` keeps the shape the launcher and the tests use: (id, module, imports, description)
tuples, in the file's order. ``DECLARATIONS`` has every field, as dicts.
"""
import json
import os

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models.json")


def load(path=PATH):
    """The entries of a models.json, checked for the fields the launcher needs."""
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    models = document.get("models") if isinstance(document, dict) else None
    if not isinstance(models, list):
        raise ValueError("%s: expected an object with a 'models' list" % path)
    seen = set()
    for i, m in enumerate(models):
        where = "%s: models[%d]" % (path, i)
        if not isinstance(m, dict):
            raise ValueError("%s: expected an object, got %r" % (where, m))
        for field in ("id", "module", "description"):
            if not isinstance(m.get(field), str) or not m[field]:
                raise ValueError("%s: field '%s': expected a non-empty string, got %r"
                                 % (where, field, m.get(field)))
        imports = m.get("imports")
        if not isinstance(imports, list) or not all(isinstance(x, str) for x in imports):
            raise ValueError("%s: field 'imports': expected a list of module names, got %r"
                             % (where, imports))
        if m["id"] in seen:
            raise ValueError("%s: id '%s' is declared twice" % (where, m["id"]))
        seen.add(m["id"])
    return models


DECLARATIONS = tuple(load())
MODELS = tuple((m["id"], m["module"], tuple(m["imports"]), m["description"])
               for m in DECLARATIONS)
