"""The Python half of the Pyodide worker (web/runtimes/python-worker.js).

run() executes one skill: its code block compiled under the skill file's
path and line numbers, execute(inputs) called, the outputs returned as JSON
text. Between nodes, after_node() puts back what a skill may have changed in
the interpreter the nodes share, so one node cannot change what the next one
imports or runs (docs/RUNTIMES.md lists what is checked):

- every module loaded at start-up (stdlib, Pyodide's, the helper modules of
  skills/python, this runner): the module and its class, and which object
  each name of its namespace refers to, by identity, each name an exact str;
  a rebound, added or renamed name is put back;
- the helper modules and the stdlib modules they use, deeper: their classes'
  attributes, their functions' code, defaults and dict, their
  module-level lists,
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
from gc import get_referents as _referents
from itertools import chain, repeat
from json import dumps as _dumps, loads as _loads  # bound once: a skill rebinding json.dumps does not reach the runner

# The runner's own builtins, for every function defined below: a skill can
# reach the real builtins module (len.__self__) and rebind len or all there;
# the clean-up must not run on what it checks. Checked and put back too.
__builtins__ = dict(builtins.__dict__)
_own_builtins = __builtins__

# What the clean-up calls, bound once: a skill that rebinds sys.settrace,
# sys.modules or signal.signal must not have its function run (or its
# handler installed) by the clean-up that is about to find the change.
_modules = sys.modules
_settrace, _setprofile, _setrecursionlimit = sys.settrace, sys.setprofile, sys.setrecursionlimit
_monitoring = getattr(sys, "monitoring", None)
_monitoring_calls = (_monitoring.get_tool, _monitoring.set_events, _monitoring.free_tool_id) if _monitoring else None
_set_signal, _SIGINT, _default_int_handler = signal.signal, signal.SIGINT, signal.default_int_handler
_chdir = os.chdir

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
        return _matches(target.__dict__, entry[2], entry[3])
    if kind == "function":
        code, defaults, kwdefaults, attributes = entry[2]
        return (target.__code__ is code and target.__defaults__ is defaults
                and target.__kwdefaults__ is kwdefaults
                and _matches(target.__dict__, tuple(pair[0] for pair in attributes),
                             tuple(pair[1] for pair in attributes)))
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
        if not all(type(name) is str for name in target.__dict__):
            return False  # not a name setattr can take back
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


def _identical(current, saved):
    return len(current) == len(saved) and all(map(_is, current, saved))


def _fast_snapshot():
    """The same facts as baseline and deep, flattened so that checking them
    is a few loops in C (no Python call per name). gc.get_referents() of a
    dict whose keys are all exact str lists its values only (any other key
    kind lists keys and values), of a list its items, of a function its
    code, defaults, globals, closure, dict...: one C call per kind, with no
    attribute read (reading a function's __code__ runs the audit hook)."""
    s = _state
    names = tuple(entry[0] for entry in s.baseline)
    modules = tuple(entry[1] for entry in s.baseline)
    namespaces = tuple(entry[2] for entry in s.baseline)
    classes = tuple(entry[0] for entry in s.deep if entry[1] is None)
    class_dicts = tuple(_referents(*map(vars, classes)))  # the dicts behind the mappingproxies
    functions = tuple(entry[0] for entry in s.deep if entry[1] == "function")
    lists = tuple(entry[0] for entry in s.deep if entry[1] == "items" and isinstance(entry[0], list))
    dicts = tuple(entry[0] for entry in s.deep if entry[1] == "dict")
    others = tuple((entry[0], entry[2]) for entry in s.deep
                   if entry[1] == "bytes" or (entry[1] == "items" and not isinstance(entry[0], list)))
    tables = namespaces + class_dicts + dicts + (_own_builtins,)
    return {
        "names": names, "modules": modules, "module_types": tuple(map(type, modules)),
        "tables": tables, "table_lengths": tuple(map(len, tables)),
        "table_values": tuple(_referents(*tables)), "table_keys": tuple(chain.from_iterable(tables)),
        "functions": functions, "function_parts": tuple(_referents(*functions)),
        "lists": lists, "list_lengths": tuple(map(len, lists)), "list_items": tuple(_referents(*lists)),
        "others": others,
    }


def _fast_intact():
    """True if nothing seal() took has changed. Values are compared by
    identity (an object whose __eq__ says True must not pass for the one it
    replaced); keys with ==, but only after the tables' referents matched:
    then every key of a table whose keys were exact str is still an exact
    str (a str subclass or any other object as a key makes the dict list its
    keys among its referents), so the comparison runs no skill code and
    equal keys are the same names; other tables' keys were compared by
    identity among the referents."""
    f = _state.fast
    modules = _modules
    tables = f["tables"]
    return (len(modules) == len(f["names"]) + ("__main__" in modules)
            and all(map(_is, map(modules.get, f["names"]), f["modules"]))
            and all(map(_is, map(type, f["modules"]), f["module_types"]))
            and tuple(map(len, tables)) == f["table_lengths"]
            and _identical(_referents(*tables), f["table_values"])
            and tuple(chain.from_iterable(tables)) == f["table_keys"]
            and _identical(_referents(*f["functions"]), f["function_parts"])
            and tuple(map(len, f["lists"])) == f["list_lengths"]
            and _identical(_referents(*f["lists"]), f["list_items"])
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
    _state.own_builtins = (tuple(_own_builtins), tuple(_own_builtins.values()))
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
    if not all(type(key) is str for key in namespace):
        # A key of another type (or a str subclass) has its own __hash__ and
        # __eq__: rebuild the table rather than look anything up in it.
        namespace.clear()
        namespace.update(zip(keys, values))
        return
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
        _modules.pop(name, None)
    _import_helpers()
    _state.stats["helper_rebuilds"] += 1


def after_node():
    """Puts the shared interpreter back as seal() found it. Returns the names
    of what had been changed (empty almost always)."""
    repaired = []
    _settrace(None)
    _setprofile(None)
    if _monitoring_calls is not None:
        get_tool, set_events, free_tool_id = _monitoring_calls
        for tool in range(6):
            if get_tool(tool) is not None:
                set_events(tool, 0)
                free_tool_id(tool)
                repaired.append("sys.monitoring")
    try:
        _set_signal(_SIGINT, _default_int_handler)
    except (ValueError, OSError):
        pass
    _setrecursionlimit(1000)
    for items, snapshot in _state.sys_lists:
        if len(items) != len(snapshot) or not all(map(_is, items, snapshot)):
            items[:] = snapshot
            repaired.append("sys lists")
    if not _fast_intact():
        _repair(repaired)
    _chdir("/")
    if sys.platform == "emscripten":  # Pyodide's own in-memory file system only
        _remove_new_files()
    if repaired:
        _state.stats["repairs"] += 1
    return repaired


def _matches(table, keys, values):
    """Exact but in any order (a name put back goes to the end): the same
    names, each an exact str (no key's own __hash__/__eq__ runs here),
    bound to the same objects."""
    return (len(table) == len(keys) and all(type(key) is str for key in table)
            and all(map(_is, map(table.get, keys, repeat(_matches)), values)))


def _owner(target):
    owner = getattr(target, "__module__", None)
    return owner if type(owner) is str else None


def _problems(skip_helpers):
    """What is still not as seal() took it, checked name by name (after a
    repair, before the facts are taken again: a change the repair could not
    undo must never become the new baseline)."""
    problems = [] if _matches(_own_builtins, *_state.own_builtins) else ["the runner's builtins"]
    modules = _modules
    for (name, module, namespace, keys, values), kind in zip(_state.baseline, _state.fast["module_types"]):
        if skip_helpers and name in _helpers:
            continue
        if modules.get(name) is not module or type(module) is not kind or not _matches(namespace, keys, values):
            problems.append(name)
    for entry in _state.deep:
        if skip_helpers and (entry[1] not in (None, "function")  # containers are the helpers' only
                             or _owner(entry[0]) in _helpers):
            continue
        if not _deep_intact(entry):
            problems.append(getattr(entry[0], "__qualname__", type(entry[0]).__name__))
    return problems


def _repair(repaired):
    """The slow path: find and put back what changed. Modules a skill
    imported are dropped first: often that is all there is. Raises if
    something cannot be put back (the worker is then retired)."""
    known = set(_state.fast["names"])
    known.add("__main__")
    modules = _modules
    for name in tuple(modules):
        if name not in known:
            del modules[name]
    if _fast_intact():
        return
    for name, module, kind in zip(_state.fast["names"], _state.fast["modules"], _state.fast["module_types"]):
        if type(module) is not kind:  # before anything reads the module's attributes
            object.__setattr__(module, "__class__", kind)
            repaired.append(name)
    if not _matches(_own_builtins, *_state.own_builtins):
        _restore_namespace(_own_builtins, *_state.own_builtins)
        repaired.append("the runner's builtins")
    for name, module, namespace, keys, values in _state.baseline:
        if modules.get(name) is not module:
            modules[name] = module
            repaired.append(name)
        if not _matches(namespace, keys, values):
            _restore_namespace(namespace, keys, values)
            repaired.append(name)
    rebuild = False
    for entry in _state.deep:
        if not _deep_intact(entry):
            repaired.append(getattr(entry[0], "__qualname__", type(entry[0]).__name__))
            rebuild = not _deep_restore(entry) or rebuild
            rebuild = rebuild or _owner(entry[0]) in _helpers
    problems = _problems(skip_helpers=rebuild)
    if problems:
        raise RuntimeError("could not put back: %s" % ", ".join(problems[:10]))
    if rebuild:
        repaired.append("helpers")
        _rebuild_helpers()
        seal()
    else:  # e.g. a name or class attribute put back at the end of its table: take the facts again
        _state.fast = _fast_snapshot()


def stats():
    return _dumps(_state.stats)
