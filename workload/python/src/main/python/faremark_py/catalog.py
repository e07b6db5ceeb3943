"""The Python models, as declared in ``models.json`` beside this file: the one list, which the
orchestrator's Java side (PythonCatalog) reads too. Each entry: id, module
(``python3 -m faremark_py.<module>``), the libraries it imports, what it is, its report colour and
its parallelism (for the orchestrator's estimate).

``MODELS`` keeps the shape the launcher and the tests use: (id, module, imports, description)
tuples, the file's entries in its order, then each one's variant on every other interpreter it
lists under ``implementations`` (default cpython only): the same module under the id
``variant()`` gives (py-threads on PyPy is pypy-threads), as the orchestrator's PythonCatalog
derives them. ``IMPLEMENTATION`` maps each id to its interpreter (``cpython``, ``pypy``).
``DECLARATIONS`` has the file's entries with every field, as dicts.
"""
import json
import os

IMPLEMENTATIONS = ("cpython", "pypy")
RUNTIME_NAMES = {"cpython": "CPython", "pypy": "PyPy"}

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
        implementations = m.get("implementations", ["cpython"])
        if not isinstance(implementations, list) or "cpython" not in implementations or \
                any(i not in IMPLEMENTATIONS for i in implementations):
            raise ValueError("%s: field 'implementations': expected a list of %s holding cpython,"
                             " got %r" % (where, ", ".join(IMPLEMENTATIONS), implementations))
        if m["id"] in seen:
            raise ValueError("%s: id '%s' is declared twice" % (where, m["id"]))
        seen.add(m["id"])
    return models


def variant(declared_id, implementation):
    """The id of the model declared as ``declared_id`` on ``implementation``: itself on CPython;
    on PyPy ``py-`` becomes ``pypy-`` (an id without it gets ``pypy-`` in front)."""
    if implementation == "cpython":
        return declared_id
    stem = declared_id[3:] if declared_id.startswith("py-") else declared_id
    return implementation + "-" + stem


def _models(declarations):
    out, implementation = [], {}
    for impl in IMPLEMENTATIONS:
        for m in declarations:
            if impl in m.get("implementations", ["cpython"]):
                model_id = variant(m["id"], impl)
                description = m["description"] if impl == "cpython" \
                    else "%s, on %s" % (m["description"], RUNTIME_NAMES[impl])
                out.append((model_id, m["module"], tuple(m["imports"]), description))
                implementation[model_id] = impl
    return tuple(out), implementation


DECLARATIONS = tuple(load())
MODELS, IMPLEMENTATION = _models(DECLARATIONS)
