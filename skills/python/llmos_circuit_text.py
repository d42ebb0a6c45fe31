"""Build a circuit from a short text program, for nodes whose input is text.

    h 0; cx 0 1
    ry(pi/4) 2
    cp(pi/2) 0 2; measure_all

Statements are separated by ';' or newlines; '#' starts a comment. A
statement is a gate name, optional parameters in parentheses (numbers and
pi with + - * / and parentheses) and qubit indices (`0 1`, `0,1` or
`q[0], q[1]` all work). One-qubit gates default to qubit 0 when no index is
given, so a Bloch-sphere node can take just `h; t`.
"""

import math
import re

from llmos_quantum import QuantumCircuit

_ONE_QUBIT = {"h", "x", "y", "z", "s", "sdg", "t", "tdg", "sx", "id", "rx", "ry", "rz", "p"}
_ARITY = {"cx": 2, "cy": 2, "cz": 2, "cp": 2, "swap": 2, "ccx": 3}
_ALIASES = {"cnot": "cx", "toffoli": "ccx", "u1": "p", "phase": "p", "i": "id"}
_SAFE_EXPR = re.compile(r"^[0-9pie.+\-*/() ]*$")
_STATEMENT = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?:\(([^)]*(?:\([^)]*\)[^)]*)*)\))?\s*(.*)$")


def eval_angle(text):
    """Evaluate '3*pi/4', '-0.5', '(pi/2)' without running arbitrary code."""
    t = text.strip().lower()
    # '**' is refused: integer powers like 9**9**9 would never finish.
    if not t or not _SAFE_EXPR.match(t) or "**" in t:
        raise ValueError("invalid angle %r (use numbers, pi, + - * / and parentheses)" % text)
    t = t.replace("pi", "(%r)" % math.pi)
    if re.search(r"[a-df-z]", t):
        raise ValueError("invalid angle %r" % text)
    try:
        value = eval(t, {"__builtins__": {}}, {})  # the character whitelist above makes this arithmetic only
    except Exception:
        raise ValueError("invalid angle %r" % text)
    return float(value)


def parse_statements(text):
    """[(name, [params], [qubits])] from the program text."""
    out = []
    for raw in re.split(r"[;\n]", text or ""):
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        m = _STATEMENT.match(line)
        if not m:
            raise ValueError("cannot read gate statement %r" % raw.strip())
        name, params, rest = m.group(1), m.group(2), m.group(3)
        name = _ALIASES.get(name, name)
        values = [eval_angle(p) for p in params.split(",")] if params else []
        qubits = [int(q) for q in re.findall(r"\d+", rest)]
        out.append((name, values, qubits))
    return out


def circuit_from_text(text, num_qubits=None):
    """QuantumCircuit for the program; num_qubits defaults to what it uses."""
    statements = parse_statements(text)
    used = [q for _, _, qs in statements for q in qs]
    n = num_qubits if num_qubits else (max(used) + 1 if used else 1)
    qc = QuantumCircuit(int(n))
    for name, params, qubits in statements:
        if name == "measure_all":
            qc.measure_all()
        elif name == "barrier":
            qc.barrier(*qubits)
        elif name in _ONE_QUBIT:
            wanted = 1 if name in ("rx", "ry", "rz", "p") else 0
            if len(params) != wanted:
                raise ValueError("%s takes %d parameter(s)" % (name, wanted))
            for q in (qubits or [0]):
                qc.append(name, [q], params=params)
        elif name in _ARITY:
            if len(qubits) != _ARITY[name]:
                raise ValueError("%s needs %d qubits, got %d" % (name, _ARITY[name], len(qubits)))
            if (name == "cp") != bool(params):
                raise ValueError("cp takes one angle; %s takes none" % name)
            qc.append(name, qubits, params=params)
        else:
            raise ValueError("unknown gate '%s'" % name)
    return qc
