"""The Python half of the Pyodide worker (web/runtimes/python-worker.js).

run() executes one skill: its code block compiled under the skill file's
path and line numbers, execute(inputs) called, the outputs returned as JSON
text. Between nodes, after_node() puts back what a skill may have changed in
the interpreter the nodes share, so one node cannot change what the next one
imports or runs (docs/RUNTIMES.md lists what is checked):

- every module loaded at start-up (stdlib, Pyodide's, the helper modules of
  skills/python, this runner): which object each name of its namespace
  refers to, by identity; a rebound or added name is put back;
- the helper modules and the stdlib modules they use, deeper: their classes'
  attributes, their functions' code and defaults, their module-level lists,
  dicts and sets (e.g. llmos_plot.PALETTE); if any changed, every helper
  module is rebuilt from its source for the next node;
- sys.path, sys.meta_path, sys.path_hooks, the trace/profile hooks, the SIGINT
  handler, the recursion limit, the working directory and /tmp;
- modules a skill imported that were not loaded at start-up are unloaded.

Skills reach JavaScript only through `js`, `pyodide_js` and `pyodide`; those
imports (and ctypes) are refused unless the skill's permissions.network
lists an origin. The worker has already closed the JavaScript side (no
network but the gated fetch, no messages to the page), so this gate gives a
clear error rather than being the only wall.
"""

import builtins
import json
import operator
import os
import shutil
import signal
import sys
import traceback
import types
from itertools import chain
from json import dumps as _dumps, loads as _loads  # bound once: a skill rebinding json.dumps does not reach the runner

_is = operator.is_
_CONTAINERS = (list, dict, set, bytearray)
_NETWORK_MODULES = ("js", "pyodide_js", "pyodide", "_pyodide", "pyodide_http")
_NEVER_MODULES = ("ctypes", "_ctypes", "micropip")
_NODE_DIR = "/tmp/llmos-node"
_COMMON_STDLIB = ("array", "base64", "bisect", "cmath", "collections", "colorsys", "copy", "csv", "dataclasses",
                  "datetime", "decimal", "fractions", "functools", "hashlib", "heapq", "io", "itertools", "json",
                  "math", "operator", "random", "re", "statistics", "string", "struct", "textwrap", "time",
                  "typing", "zlib")

_helpers = {}  # module name -> code object, compiled once from the bundle

class _State:
    """What seal() took; replaced only as a whole attribute (the module's own
    namespace must not change between nodes: it is checked like the rest)."""
    baseline = ()  # (name, module, namespace, keys, values) per start-up module
    deep = ()  # (object, kind, ...) for helper internals and their stdlib
    sys_lists = ()  # (list, items)
    builtins_items = {}


_state = _State()
# Counters and the file lists live on the instance, which is not checked.
_state.stats = {"repairs": 0, "helper_rebuilds": 0}
_state.home_entries = set()
_state.tmp_entries = set()
_network_allowed = [False]
_skill_running = [False]

_limits = {"output_bytes": 32 * 1024 * 1024, "memory_bytes": 1024 * 1024 * 1024}


def _refused(name):
    def matches(blocked):
        return name == blocked or name.startswith(blocked + ".")

    if any(matches(blocked) for blocked in _NEVER_MODULES):
        return "module '%s' is not available to skills" % name
    if not _network_allowed[0] and any(matches(blocked) for blocked in _NETWORK_MODULES):
        return ("module '%s' is not available to skills without network permission "
                "(permissions.network in the skill's front matter)" % name)
    return None


class PermissionDenied(ImportError):
    """An import a skill may not make; the node fails with python.permission."""


def _gated_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0:
        reason = _refused(name)
        if reason:
            raise PermissionDenied(reason)
    return _real_import(name, globals, locals, fromlist, level)


_real_import = builtins.__import__


class _HelperFinder:
    """Imports the skills/python helpers from code compiled at start-up, so
    files written by a skill never change what the next one imports."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in _helpers:
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(name, cls, origin="/llmos/python/%s.py" % name)

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        module.__file__ = module.__spec__.origin
        exec(_helpers[module.__name__], module.__dict__)


# llmos.progress() reaches the page through this Python function, so the
# sealed interpreter holds no JavaScript object (a memory snapshot cannot
# hold one); the worker hands its callback over after start-up.
_progress_sink = [None]


def _report_progress(fraction, message):
    sink = _progress_sink[0]
    if sink is not None:
        sink(fraction, message)


def set_progress_sink(sink):
    _progress_sink[0] = sink


def _import_helpers():
    for name in sorted(_helpers):
        __import__(name)
    if "llmos" in _helpers:
        sys.modules["llmos"]._reporter = _report_progress


def install_helpers(sources):
    """sources: {module name: source text}. Compiles and imports every helper."""
    for name, text in sources.items():
        _helpers[name] = compile(text, "/llmos/python/%s.py" % name, "exec")
    sys.meta_path.insert(0, _HelperFinder)
    _import_helpers()
    # Loaded once here, they are part of what every node finds as it was
    # (and importing them costs a node nothing).
    for name in _COMMON_STDLIB:
        try:
            __import__(name)
        except ImportError:
            pass
    return len(_helpers)


def set_limits(output_bytes, memory_bytes):
    _limits["output_bytes"] = int(output_bytes)
    _limits["memory_bytes"] = int(memory_bytes)


def _namespace_snapshot(namespace):
    return tuple(namespace), tuple(namespace.values())


def _same(namespace, keys, values):
    return (len(namespace) == len(keys) and all(map(_is, namespace.values(), values))
            and all(map(_is, namespace, keys)))


def _deep_objects(module, seen, containers):
    """The mutable parts of a module that its functions read: its classes'
    attribute tables, its functions' code/defaults, and (for the helpers,
    whose data are constant tables; the stdlib keeps caches in its own)
    its lists, dicts and sets."""
    out = []
    own = module.__name__

    def visit(value, depth):
        if id(value) in seen or depth > 6:
            return
        if isinstance(value, type):
            if value.__module__ != own:
                return
            seen.add(id(value))
            table = value.__dict__
            out.append((value, None, tuple(table), tuple(table.values())))
            for item in tuple(table.values()):
                visit(item, depth + 1)
        elif isinstance(value, types.FunctionType):
            seen.add(id(value))
            out.append((value, "function", (value.__code__, value.__defaults__, value.__kwdefaults__,
                                            tuple(value.__dict__.items()))))
        elif isinstance(value, (staticmethod, classmethod)):
            visit(value.__func__, depth + 1)
        elif isinstance(value, property):
            for accessor in (value.fget, value.fset, value.fdel):
                if accessor is not None:
                    visit(accessor, depth + 1)
        elif isinstance(value, _CONTAINERS) and containers:
            seen.add(id(value))
            if isinstance(value, dict):
                out.append((value, "dict", tuple(value), tuple(value.values())))
                items = tuple(value.values())
            elif isinstance(value, bytearray):
                out.append((value, "bytes", bytes(value)))
                items = ()
            else:
                items = tuple(value)
                out.append((value, "items", items))
            for item in items:
                visit(item, depth + 1)
        elif isinstance(value, tuple):
            for item in value:
                visit(item, depth + 1)

    for value in tuple(module.__dict__.values()):
        visit(value, 0)
    return out


def _deep_intact(entry):
    target, kind = entry[0], entry[1]
    if kind is None:
        table = target.__dict__
        return len(table) == len(entry[2]) and all(map(_is, table.values(), entry[3])) and all(
            map(_is, table, entry[2]))
    if kind == "function":
        code, defaults, kwdefaults, attributes = entry[2]
        return (target.__code__ is code and target.__defaults__ is defaults
                and target.__kwdefaults__ is kwdefaults and tuple(target.__dict__.items()) == attributes)
    if kind == "dict":
        return _same(target, entry[2], entry[3])
    if kind == "bytes":
        return bytes(target) == entry[2]
    items = entry[2]
    return len(target) == len(items) and (
        all(map(_is, target, items)) if isinstance(target, list) else target == set(items))


def _deep_restore(entry):
    """Puts back a class's attributes or a function's code; returns False
    for what cannot be put back in place (a helper's container)."""
    target, kind = entry[0], entry[1]
    if kind is None:
        snapshot = dict(zip(entry[2], entry[3]))
        for name in tuple(target.__dict__):
            if name not in snapshot:
                delattr(target, name)
        for name, value in snapshot.items():
            if target.__dict__.get(name, _deep_restore) is not value:
                setattr(target, name, value)
        return True
    if kind == "function":
        target.__code__, target.__defaults__, target.__kwdefaults__, attributes = entry[2]
        target.__dict__.clear()
        target.__dict__.update(attributes)
        return True
    return False


_values = operator.methodcaller("values")
_code = operator.attrgetter("__code__")
_defaults = operator.attrgetter("__defaults__")
_kwdefaults = operator.attrgetter("__kwdefaults__")


def _fast_snapshot():
    """The same facts as baseline and deep, flattened so that checking them
    is a few loops in C (no Python call per name)."""
    s = _state
    names = tuple(entry[0] for entry in s.baseline)
    modules = tuple(entry[1] for entry in s.baseline)
    namespaces = tuple(entry[2] for entry in s.baseline)
    classes = tuple(entry[0] for entry in s.deep if entry[1] is None)
    functions = tuple(entry[0] for entry in s.deep if entry[1] == "function")
    lists = tuple(entry[0] for entry in s.deep if entry[1] == "items" and isinstance(entry[0], list))
    dicts = tuple(entry[0] for entry in s.deep if entry[1] == "dict")
    others = tuple((entry[0], entry[2]) for entry in s.deep
                   if entry[1] == "bytes" or (entry[1] == "items" and not isinstance(entry[0], list)))
    return {
        "names": names, "modules": modules, "namespaces": namespaces,
        "name_total": sum(map(len, namespaces)),
        "values": tuple(chain.from_iterable(map(_values, namespaces))),
        "keys": tuple(chain.from_iterable(namespaces)),
        "classes": classes, "class_total": sum(map(len, map(vars, classes))),
        "class_values": tuple(chain.from_iterable(map(_values, map(vars, classes)))),
        "class_keys": tuple(chain.from_iterable(map(vars, classes))),
        "functions": functions, "codes": tuple(map(_code, functions)),
        "defaults": tuple(map(_defaults, functions)), "kwdefaults": tuple(map(_kwdefaults, functions)),
        "lists": lists, "list_total": sum(map(len, lists)), "list_items": tuple(chain.from_iterable(lists)),
        "dicts": dicts, "dict_total": sum(map(len, dicts)),
        "dict_values": tuple(chain.from_iterable(map(_values, dicts))), "dict_keys": tuple(chain.from_iterable(dicts)),
        "others": others,
    }


def _fast_intact():
    f = _state.fast
    modules = sys.modules
    return (len(modules) == len(f["names"]) + ("__main__" in modules)
            and all(map(_is, map(modules.get, f["names"]), f["modules"]))
            and sum(map(len, f["namespaces"])) == f["name_total"]
            and all(map(_is, chain.from_iterable(map(_values, f["namespaces"])), f["values"]))
            and all(map(_is, chain.from_iterable(f["namespaces"]), f["keys"]))
            and sum(map(len, map(vars, f["classes"]))) == f["class_total"]
            and all(map(_is, chain.from_iterable(map(_values, map(vars, f["classes"]))), f["class_values"]))
            and all(map(_is, chain.from_iterable(map(vars, f["classes"])), f["class_keys"]))
            and all(map(_is, map(_code, f["functions"]), f["codes"]))
            and all(map(_is, map(_defaults, f["functions"]), f["defaults"]))
            and all(map(_is, map(_kwdefaults, f["functions"]), f["kwdefaults"]))
            and sum(map(len, f["lists"])) == f["list_total"]
            and all(map(_is, chain.from_iterable(f["lists"]), f["list_items"]))
            and sum(map(len, f["dicts"])) == f["dict_total"]
            and all(map(_is, chain.from_iterable(map(_values, f["dicts"])), f["dict_values"]))
            and all(map(_is, chain.from_iterable(f["dicts"]), f["dict_keys"]))
            and all(_deep_intact((target, "bytes" if isinstance(target, bytearray) else "items", snapshot))
                    for target, snapshot in f["others"]))


def seal():
    """Takes the snapshot after start-up: what after_node() restores to."""
    os.makedirs(_NODE_DIR, exist_ok=True)
    modules = []
    for name, module in tuple(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if isinstance(namespace, dict) and name != "__main__":  # the host's scratch space
            modules.append((name, module) + (namespace,) + _namespace_snapshot(namespace))
    _state.baseline = tuple(modules)
    deep_modules = {name: sys.modules[name] for name in _helpers}
    deep_modules[__name__] = sys.modules[__name__]
    for module in tuple(deep_modules.values()):
        for value in tuple(module.__dict__.values()):
            if isinstance(value, types.ModuleType):
                deep_modules.setdefault(value.__name__, value)
    for name in ("json", "json.encoder", "json.decoder", "traceback", "linecache", "random", "math"):
        if name in sys.modules:
            deep_modules.setdefault(name, sys.modules[name])
    seen = set()
    deep = []
    for name, module in deep_modules.items():
        deep.extend(_deep_objects(module, seen, name in _helpers))
    _state.deep = tuple(deep)
    _state.fast = _fast_snapshot()
    _state.sys_lists = tuple((items, tuple(items)) for items in (sys.path, sys.meta_path, sys.path_hooks))
    _state.builtins_items = dict(builtins.__dict__)
    if not _state.stats.get("sealed"):
        _prepare_files()
        sys.addaudithook(_audit)
        _state.stats["sealed"] = 1
    _state.summary = {"modules": len(_state.baseline), "names": sum(len(entry[3]) for entry in _state.baseline),
                      "deep_objects": len(_state.deep)}
    return _state.summary


def _prepare_files():
    """The file system's part of the seal (Pyodide's file system lives
    outside the wasm memory, so a restored snapshot needs it again)."""
    os.makedirs(_NODE_DIR, exist_ok=True)
    _state.home_entries = set(os.listdir(os.path.expanduser("~")))
    _state.tmp_entries = set(os.listdir("/tmp"))
    # Where imports look: a skill must not leave a module file for the next.
    for directory in sys.path:
        if sys.platform == "emscripten" and directory.startswith("/lib") and os.path.isdir(directory):
            _read_only(directory)


def after_restore():
    """After Pyodide restored a memory snapshot taken right after seal():
    the files seal() prepared, fresh random state (every restore starts
    from the snapshot's), and what Pyodide's own start-up changed put back
    (it adds '' to sys.path again). Returns what after_node() repaired."""
    _prepare_files()
    import random
    random.seed()
    return after_node()


def helper_count():
    return len(_helpers)


def seal_info():
    return _dumps(getattr(_state, "summary", {}))


def _audit(event, args):
    # Hooks cannot be removed: one added by a skill would watch every later
    # node. Imports the gate refuses are refused on every path (importlib too).
    if event == "sys.addaudithook":
        raise RuntimeError("skills cannot add audit hooks")
    if event == "import" and _skill_running[0]:
        reason = _refused(str(args[0]))
        if reason:
            raise PermissionDenied(reason)


def _read_only(directory):
    for root, directories, files in os.walk(directory):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        os.chmod(root, 0o555)


def _skill_builtins():
    table = dict(_state.builtins_items)
    table["__import__"] = _gated_import
    return table


def _line_of(error, path):
    line = 0
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == path:
            line = frame.lineno
            break
    if isinstance(error, SyntaxError) and error.filename == path:
        line = error.lineno or line
    return line


def _error(code, message, line=0, trace=None):
    error = {"code": code, "message": message}
    if line:
        error["line"] = line
    if trace:
        error["traceback"] = trace[-4000:]
    return "0" + _dumps(error)


def run(code, inputs_json, path, first_line, network, entry="execute"):
    """Runs one skill. Returns "1" + outputs JSON, or "0" + error JSON."""
    _network_allowed[0] = bool(network)
    os.makedirs(_NODE_DIR, exist_ok=True)
    os.chdir(_NODE_DIR)
    namespace = {"__name__": "__skill__", "__file__": path, "__builtins__": _skill_builtins()}
    _skill_running[0] = True
    try:
        source = "\n" * (int(first_line) - 1) + code
        exec(compile(source, path, "exec"), namespace)
        function = namespace.get(entry)
        if not callable(function):
            return _error("python.entrypoint", "the skill defines no %s(inputs) function" % entry)
        outputs = function(_loads(inputs_json))
        if not isinstance(outputs, dict):
            return _error("runtime.result", "%s() must return a dict of outputs, got %s" % (
                entry, type(outputs).__name__))
        try:
            text = _dumps(outputs, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError, RecursionError) as error:
            return _error("runtime.result", "outputs are not JSON: %s" % error)
        if len(text) > _limits["output_bytes"]:
            return _error("runtime.output_too_large", "outputs are %d bytes of JSON, more than the limit of %d" % (
                len(text), _limits["output_bytes"]))
        return "1" + text
    except KeyboardInterrupt:
        return _error("cancelled", "the node was stopped")
    except PermissionDenied as error:
        return _error("python.permission", "PermissionError: %s" % error, _line_of(error, path))
    except MemoryError as error:
        return _error("python.memory", "MemoryError: the skill ran out of memory (Python may use %d MiB)" % (
            _limits["memory_bytes"] // (1024 * 1024)), _line_of(error, path))
    except BaseException as error:
        trace = "".join(traceback.format_exception(error))
        return _error("python.exception", "%s: %s" % (type(error).__name__, error), _line_of(error, path), trace)
    finally:
        _skill_running[0] = False
        _network_allowed[0] = False
        namespace.clear()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass


def _restore_namespace(namespace, keys, values):
    snapshot = dict(zip(keys, values))
    for name in tuple(namespace):
        if name not in snapshot:
            del namespace[name]
    for name, value in snapshot.items():
        if namespace.get(name, _restore_namespace) is not value:
            namespace[name] = value


def _remove_new_files():
    """Files a node left in /tmp or the home directory go with it."""
    for directory, keep in (("/tmp", _state.tmp_entries), (os.path.expanduser("~"), _state.home_entries)):
        for name in os.listdir(directory):
            target = os.path.join(directory, name)
            if name in keep:
                if target == _NODE_DIR:
                    for inner in os.listdir(target):
                        _remove(os.path.join(target, inner))
                continue
            _remove(target)


def _remove(target):
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target, ignore_errors=True)
    else:
        try:
            os.unlink(target)
        except OSError:
            pass


def _rebuild_helpers():
    for name in _helpers:
        sys.modules.pop(name, None)
    _import_helpers()
    _state.stats["helper_rebuilds"] += 1


def after_node():
    """Puts the shared interpreter back as seal() found it. Returns the names
    of what had been changed (empty almost always)."""
    repaired = []
    sys.settrace(None)
    sys.setprofile(None)
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:
        for tool in range(6):
            if monitoring.get_tool(tool) is not None:
                monitoring.set_events(tool, 0)
                monitoring.free_tool_id(tool)
                repaired.append("sys.monitoring")
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (ValueError, OSError):
        pass
    sys.setrecursionlimit(1000)
    for items, snapshot in _state.sys_lists:
        if len(items) != len(snapshot) or not all(map(_is, items, snapshot)):
            items[:] = snapshot
            repaired.append("sys lists")
    if not _fast_intact():
        _repair(repaired)
    os.chdir("/")
    if sys.platform == "emscripten":  # Pyodide's own in-memory file system only
        _remove_new_files()
    if repaired:
        _state.stats["repairs"] += 1
    return repaired


def _repair(repaired):
    """The slow path: find and put back what changed. Modules a skill
    imported are dropped first: often that is all there is."""
    known = set(_state.fast["names"])
    known.add("__main__")
    modules = sys.modules
    for name in tuple(modules):
        if name not in known:
            del modules[name]
    if _fast_intact():
        return
    for name, module, namespace, keys, values in _state.baseline:
        if modules.get(name) is not module:
            modules[name] = module
            repaired.append(name)
        if module.__dict__ is not namespace or not _same(namespace, keys, values):
            _restore_namespace(namespace, keys, values)
            repaired.append(name)
    rebuild = False
    for entry in _state.deep:
        if not _deep_intact(entry):
            repaired.append(getattr(entry[0], "__qualname__", type(entry[0]).__name__))
            rebuild = not _deep_restore(entry) or rebuild
            owner = getattr(entry[0], "__module__", None)
            rebuild = rebuild or owner in _helpers
    if rebuild:
        repaired.append("helpers")
        _rebuild_helpers()
        seal()
    elif not _fast_intact():  # e.g. a class attribute put back: take the facts again
        _state.fast = _fast_snapshot()


def stats():
    return _dumps(_state.stats)
