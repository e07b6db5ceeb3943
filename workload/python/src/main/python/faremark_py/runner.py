"""The workload contract for the Python models, shared by all of them:
``python3 -m faremark_py.<model> --spec <file.json>`` (or ``--spec-json '<json>'``).

Stdout gets exactly a ``ready`` line, then a ``done`` line (the JSON that contract.WorkloadEvent
parses); everything else goes to stderr. Exit codes, as the Java models' WorkloadMain: 0 every
request succeeded, 1 some failed, 2 bad or missing spec (nothing was started), 3 the model itself
broke (no ``done``).

A model is an object with ``id``, ``prepare()`` (everything up to, not including, the first
request: libraries imported, pools and sessions made), ``run()`` returning the result dict and
``close()``.
"""
import json
import os
import sys
import traceback

from . import catalog, recorder, warmup
from .interpreter import implementation, runtime
from .spec import SpecError, from_args

EXIT_OK, EXIT_FAILED_REQUESTS, EXIT_BAD_SPEC, EXIT_CRASHED = 0, 1, 2, 3


def event_stream():
    """The contract's channel is the real stdout. From here on fd 1 is stderr, so nothing else
    (a library's print, a C extension, a child process) can corrupt the event stream."""
    sys.stdout.flush()
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def emit(stream, event):
    stream.write(json.dumps(event, separators=(",", ":"), ensure_ascii=False) + "\n")
    stream.flush()


def exit_code(result):
    return EXIT_OK if result["ok"] == result["requested"] and not result["failed"] \
        else EXIT_FAILED_REQUESTS


def run(model_id, create, argv, events):
    """Runs one model under the contract; returns the exit code. ``model_id`` is the model's
    declared (CPython) id; on another interpreter the model is that interpreter's variant
    (py-threads on PyPy is pypy-threads), and its events and result carry that id."""
    model_id = catalog.variant(model_id, implementation())
    try:
        spec = from_args(argv)
        if spec.model != model_id:
            raise SpecError("field 'model': this program runs '%s', the spec asks for '%s'"
                            % (model_id, spec.model))
        model = create(spec)
    except SpecError as e:
        print("faremark workload: bad spec: %s" % e, file=sys.stderr)
        return EXIT_BAD_SPEC
    except BaseException as e:  # noqa: B902 - a model that cannot even be built crashed
        print("faremark workload: model %s failed: %r" % (model_id, e), file=sys.stderr)
        traceback.print_exc()
        return EXIT_CRASHED
    try:
        passes = warmup.run_passes(spec, create, model)  # throw-away instances, before ready
        model.prepare()
        emit(events, {"event": "ready", "model": model_id, "pid": os.getpid(),
                      "runtime": runtime(), "at": recorder.utc_now_text()})
        result = warmup.add_to(model.run(), passes)
        result["model"] = model_id  # the module names its declared id; this run is the variant
        result.setdefault("details", {})["retries"] = spec.retries  # the allowance, as in Java
        emit(events, {"event": "done", "result": result, "at": recorder.utc_now_text()})
        return exit_code(result)
    except SpecError as e:  # a model knob checked in prepare()
        print("faremark workload: bad spec: %s" % e, file=sys.stderr)
        return EXIT_BAD_SPEC
    except BaseException as e:  # noqa: B902 - the contract: any crash is exit 3, never a hang
        print("faremark workload: model %s failed: %r" % (model_id, e), file=sys.stderr)
        traceback.print_exc()
        return EXIT_CRASHED
    finally:
        try:
            model.close()
        except Exception as e:  # closing must not hide the run's own outcome
            print("faremark workload: closing %s: %r" % (model_id, e), file=sys.stderr)


def raise_open_files():
    """One socket per request in flight: raise the soft open-file limit to the hard one, as a JVM
    does on its own (HotSpot's -XX:+MaxFDLimit), so that the orchestrator's file budget (which
    counts a workload's hard limit as its allowance) holds for Python models too. An unlimited
    hard limit cannot be a soft one on Linux (fs.nr_open caps it): then nothing is changed."""
    try:
        import resource
    except ImportError:  # not a Unix
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError) as e:
            print("faremark workload: open-file limit stays %d: %s" % (soft, e), file=sys.stderr)


def main(model_id, create):
    raise_open_files()
    events = event_stream()
    code = run(model_id, create, sys.argv[1:], events)
    events.close()
    sys.stderr.flush()
    sys.exit(code)
