"""The workload spec (contract.WorkloadSpec as JSON), read and checked field by field.

Same rules and messages as the Java models' SpecReader: a wrong spec names the field, what was
expected and what was got, and the workload exits 2 without sending a request. Unknown fields
are tolerated (the contract may grow) and reported on stderr. ``retries`` and ``warmup`` (the
passes of the job made before ``ready``, see runner.py) are optional (0).
"""
import datetime
import json
import re
import sys
import urllib.parse
from dataclasses import dataclass, field

CONNECTIONS = ("shared", "per-request")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
KNOWN = {"model", "target", "route", "startDate", "days", "concurrency", "connections",
         "poolSize", "connectTimeoutMs", "requestTimeoutMs", "processes", "retries", "options",
         "warmup"}
USAGE = "usage: python3 -m faremark_py.<model> --spec <file.json> | --spec-json '<json>'"


class SpecError(Exception):
    """A spec that cannot be run: exit code 2, nothing started."""


@dataclass(frozen=True)
class Spec:
    model: str
    target: str
    route_from: str
    route_to: str
    start_date: datetime.date
    days: int
    concurrency: int
    connections: str
    pool_size: int
    connect_timeout_ms: int
    request_timeout_ms: int
    processes: int = 0
    retries: int = 0
    warmup: int = 0
    options: dict = field(default_factory=dict)

    @property
    def shared(self):
        return self.connections == "shared"

    @property
    def connect_timeout_s(self):
        return self.connect_timeout_ms / 1000.0

    @property
    def request_timeout_s(self):
        return self.request_timeout_ms / 1000.0

    def dates(self):
        return [self.start_date + datetime.timedelta(days=i) for i in range(self.days)]

    def fares_url(self, date):
        base = self.target[:-1] if self.target.endswith("/") else self.target
        return "%s/fares?from=%s&to=%s&date=%s" % (base, self.route_from, self.route_to,
                                                    date.isoformat())

    def option(self, name, default):
        value = self.options.get(name)
        return default if value is None else value

    def slice(self, first, count):
        """The same job restricted to ``count`` days from ``first`` (a worker's share)."""
        d = dict(self.__dict__)
        d.update(start_date=first, days=count)
        return Spec(**d)


def from_args(argv):
    if len(argv) != 2:
        raise SpecError("expected exactly one of --spec <file.json> or --spec-json '<json>'\n"
                        + USAGE)
    option, value = argv
    if option == "--spec":
        try:
            with open(value, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            raise SpecError("spec file not found: " + value) from None
        except OSError as e:
            raise SpecError("cannot read spec file %s: %s" % (value, e)) from None
        return from_json(text, value)
    if option == "--spec-json":
        return from_json(value, "--spec-json")
    raise SpecError("unknown option '%s'\n%s" % (option, USAGE))


def from_json(text, source, known_models=None):
    try:
        root = json.loads(text)
    except ValueError as e:
        raise SpecError("%s: not valid JSON: %s" % (source, e)) from None
    if not isinstance(root, dict):
        raise SpecError("%s: expected a JSON object, got %s" % (source, _describe(root, True)))
    model = _text(root, "model", source, "a model id")
    if known_models is not None and model not in known_models:
        raise SpecError("%s: field 'model': unknown model '%s', expected one of %s"
                        % (source, model, ", ".join(known_models)))
    target = _text(root, "target", source, "an http:// URL such as http://127.0.0.1:8080")
    parsed = urllib.parse.urlsplit(target)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise SpecError("%s: field 'target': expected an http:// URL with a host, got '%s'"
                        % (source, target))
    route = root.get("route")
    if not isinstance(route, dict):
        raise SpecError("%s: field 'route': expected an object {\"from\": ..., \"to\": ...}, got %s"
                        % (source, _describe(route, "route" in root)))
    codes = []
    for side in ("from", "to"):
        code = _text(route, side, source + ": route", "a station code")
        if not _CODE.fullmatch(code):
            raise SpecError("%s: field 'route.%s': expected 1-32 letters, digits, '-' or '_', got '%s'"
                            % (source, side, code))
        codes.append(code)
    start = _text(root, "startDate", source, "an ISO date such as 2018-06-01")
    try:
        start_date = datetime.date.fromisoformat(start)
    except ValueError:
        raise SpecError("%s: field 'startDate': expected an ISO date such as 2018-06-01, got '%s'"
                        % (source, start)) from None
    ints = {name: _whole(root, name, source, 1, required=True)
            for name in ("days", "concurrency", "poolSize", "connectTimeoutMs", "requestTimeoutMs")}
    connections = _text(root, "connections", source, "one of " + ", ".join(CONNECTIONS))
    if connections not in CONNECTIONS:
        raise SpecError("%s: field 'connections': expected one of %s, got '%s'"
                        % (source, ", ".join(CONNECTIONS), connections))
    processes = _whole(root, "processes", source, 0, required=False,
                       expected="a whole number >= 0 (0 = model default)")
    retries = _whole(root, "retries", source, 0, required=False,
                     expected="a whole number >= 0 (0 = no retries)")
    warmup = _whole(root, "warmup", source, 0, required=False,
                    expected="a whole number >= 0 (0 = no warm-up pass)")
    options = root.get("options")
    if options is None:
        options = {}
    elif not isinstance(options, dict):
        raise SpecError("%s: field 'options': expected an object, got %s"
                        % (source, _describe(options, True)))
    for name in root:
        if name not in KNOWN:
            print("faremark: %s: ignoring unknown spec field '%s'" % (source, name),
                  file=sys.stderr)
    return Spec(model=model, target=target, route_from=codes[0], route_to=codes[1],
                start_date=start_date, days=ints["days"], concurrency=ints["concurrency"],
                connections=connections, pool_size=ints["poolSize"],
                connect_timeout_ms=ints["connectTimeoutMs"],
                request_timeout_ms=ints["requestTimeoutMs"], processes=processes,
                retries=retries, warmup=warmup, options=dict(options))


def int_option(spec, name, default, minimum):
    """A model knob from ``options``: a whole number >= minimum, else a SpecError."""
    value = spec.options.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SpecError("field 'options.%s': expected a whole number >= %d, got %s"
                        % (name, minimum, _describe(value, True)))
    return value


def bool_option(spec, name, default):
    value = spec.options.get(name)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SpecError("field 'options.%s': expected true or false, got %s"
                        % (name, _describe(value, True)))
    return value


def choice_option(spec, name, default, choices):
    value = spec.options.get(name)
    if value is None:
        return default
    if value not in choices:
        raise SpecError("field 'options.%s': expected one of %s, got %s"
                        % (name, ", ".join(choices), _describe(value, True)))
    return value


def _text(node, name, source, expected):
    value = node.get(name)
    if not isinstance(value, str) or not value.strip():
        raise SpecError("%s: field '%s': expected %s, got %s"
                        % (source, name, expected, _describe(value, name in node)))
    return value


def _whole(node, name, source, minimum, required, expected=None):
    expected = expected or "a whole number >= %d" % minimum
    if name not in node or node[name] is None:
        if required:
            raise SpecError("%s: field '%s': expected %s, got nothing (the field is missing)"
                            % (source, name, expected))
        return 0
    value = node[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum \
            or value > 2 ** 31 - 1:
        raise SpecError("%s: field '%s': expected %s, got %s"
                        % (source, name, expected, _describe(value, True)))
    return value


def _describe(value, present):
    if not present:
        return "nothing (the field is missing)"
    text = json.dumps(value)
    kind = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)
    return "%s %s" % (kind, text if len(text) <= 80 else text[:80] + "...")
