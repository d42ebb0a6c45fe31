"""A small, pure-Python subset of a qiskit-like API for quantum circuits.

Why this exists: skills run in Pyodide offline, where qiskit and numpy are
not available, so the circuits, the statevector simulator, Pauli operators,
OpenQASM 2 export and the text drawer are written here with the stdlib only.

Conventions follow qiskit so that skills read like qiskit code:
- qubit k is bit k of a basis-state index (little-endian);
- bitstrings and Pauli labels are written with qubit 0 on the RIGHT
  ("01" = qubit 0 in |1>, qubit 1 in |0>);
- measurement counts use the classical bits, clbit 0 rightmost.

Public names: QuantumCircuit, Statevector, Pauli, SparsePauliOp, simulate,
sample_counts. QASM export and the text drawer live in llmos_qasm and
llmos_circuit_draw (used by QuantumCircuit.qasm() and .draw()); they read
circuits without importing this module, so the imports run one way only.
"""

import bisect
import cmath
import math
import random
import re

from llmos_circuit_draw import draw_text
from llmos_qasm import circuit_to_qasm

_SQRT1_2 = 1.0 / math.sqrt(2.0)

# Fixed one-qubit gate matrices, rows then columns, as ((a, b), (c, d)).
_FIXED_1Q = {
    "id": ((1, 0), (0, 1)),
    "h": ((_SQRT1_2, _SQRT1_2), (_SQRT1_2, -_SQRT1_2)),
    "x": ((0, 1), (1, 0)),
    "y": ((0, -1j), (1j, 0)),
    "z": ((1, 0), (0, -1)),
    "s": ((1, 0), (0, 1j)),
    "sdg": ((1, 0), (0, -1j)),
    "t": ((1, 0), (0, cmath.exp(1j * math.pi / 4))),
    "tdg": ((1, 0), (0, cmath.exp(-1j * math.pi / 4))),
    "sx": ((0.5 + 0.5j, 0.5 - 0.5j), (0.5 - 0.5j, 0.5 + 0.5j)),
}


def _rotation_matrix(name, theta):
    """Matrices of the parameterised one-qubit gates (qiskit's definitions)."""
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    if name == "rx":
        return ((c, -1j * s), (-1j * s, c))
    if name == "ry":
        return ((c, -s), (s, c))
    if name == "rz":
        return ((cmath.exp(-0.5j * theta), 0), (0, cmath.exp(0.5j * theta)))
    if name == "p":
        return ((1, 0), (0, cmath.exp(1j * theta)))
    raise ValueError("unknown rotation gate '%s'" % name)


class Instruction(object):
    """One circuit operation: name, qubits, classical bits, parameters."""

    __slots__ = ("name", "qubits", "clbits", "params")

    def __init__(self, name, qubits, clbits=(), params=()):
        self.name = name
        self.qubits = tuple(qubits)
        self.clbits = tuple(clbits)
        self.params = tuple(float(p) for p in params)

    def __repr__(self):
        return "Instruction(%r, %r, %r, %r)" % (self.name, self.qubits, self.clbits, self.params)


class QuantumCircuit(object):
    """A list of instructions on `num_qubits` qubits and `num_clbits` bits."""

    def __init__(self, num_qubits, num_clbits=0, name="circuit"):
        if num_qubits < 1:
            raise ValueError("a circuit needs at least one qubit")
        if num_qubits > 16:
            # 2^16 complex amplitudes is already slow in pure Python.
            raise ValueError("at most 16 qubits are supported (got %d)" % num_qubits)
        self.num_qubits = int(num_qubits)
        self.num_clbits = int(num_clbits)
        self.name = name
        self.data = []

    # -- building -------------------------------------------------------
    def _check_qubits(self, qubits):
        for q in qubits:
            if not isinstance(q, int) or q < 0 or q >= self.num_qubits:
                raise ValueError("qubit index %r out of range 0..%d" % (q, self.num_qubits - 1))
        if len(set(qubits)) != len(qubits):
            raise ValueError("a gate cannot use the same qubit twice: %r" % (qubits,))

    def append(self, name, qubits, clbits=(), params=()):
        qubits = tuple(qubits)
        self._check_qubits(qubits)
        for c in clbits:
            if c < 0 or c >= self.num_clbits:
                raise ValueError("clbit index %r out of range" % c)
        self.data.append(Instruction(name, qubits, clbits, params))
        return self

    def h(self, q): return self.append("h", [q])
    def x(self, q): return self.append("x", [q])
    def y(self, q): return self.append("y", [q])
    def z(self, q): return self.append("z", [q])
    def s(self, q): return self.append("s", [q])
    def sdg(self, q): return self.append("sdg", [q])
    def t(self, q): return self.append("t", [q])
    def tdg(self, q): return self.append("tdg", [q])
    def sx(self, q): return self.append("sx", [q])
    def id(self, q): return self.append("id", [q])
    def rx(self, theta, q): return self.append("rx", [q], params=[theta])
    def ry(self, theta, q): return self.append("ry", [q], params=[theta])
    def rz(self, theta, q): return self.append("rz", [q], params=[theta])
    def p(self, theta, q): return self.append("p", [q], params=[theta])
    def cx(self, c, t): return self.append("cx", [c, t])
    def cy(self, c, t): return self.append("cy", [c, t])
    def cz(self, c, t): return self.append("cz", [c, t])
    def cp(self, theta, c, t): return self.append("cp", [c, t], params=[theta])
    def swap(self, a, b): return self.append("swap", [a, b])
    def ccx(self, c1, c2, t): return self.append("ccx", [c1, c2, t])

    def mcx(self, controls, target):
        """Multi-controlled X (used by Grover's diffuser on many qubits)."""
        return self.append("mcx", list(controls) + [target])

    def barrier(self, *qubits):
        qs = list(qubits) if qubits else list(range(self.num_qubits))
        return self.append("barrier", qs)

    def measure(self, qubit, clbit):
        qubits = qubit if isinstance(qubit, (list, tuple, range)) else [qubit]
        clbits = clbit if isinstance(clbit, (list, tuple, range)) else [clbit]
        if len(qubits) != len(clbits):
            raise ValueError("measure needs as many clbits as qubits")
        for q, c in zip(qubits, clbits):
            self.append("measure", [q], clbits=[c])
        return self

    def measure_all(self):
        """Barrier, then measure qubit k into a new clbit.

        Why new clbits: qiskit adds a fresh 'meas' register too, so the
        counts keys are n-bit strings of all qubits.
        """
        first = self.num_clbits
        self.num_clbits += self.num_qubits
        self.barrier()
        for q in range(self.num_qubits):
            self.append("measure", [q], clbits=[first + q])
        return self

    def compose(self, other):
        """Append every instruction of `other` (same or fewer qubits)."""
        if other.num_qubits > self.num_qubits or other.num_clbits > self.num_clbits:
            raise ValueError("cannot compose a larger circuit")
        for ins in other.data:
            self.append(ins.name, ins.qubits, ins.clbits, ins.params)
        return self

    def copy(self):
        out = QuantumCircuit(self.num_qubits, self.num_clbits, self.name)
        out.data = list(self.data)
        return out

    # -- inspection -----------------------------------------------------
    def count_ops(self):
        counts = {}
        for ins in self.data:
            counts[ins.name] = counts.get(ins.name, 0) + 1
        return counts

    def depth(self):
        """Longest chain of gates touching a common qubit (barriers excluded)."""
        level = [0] * self.num_qubits
        for ins in self.data:
            if ins.name == "barrier":
                continue
            d = max(level[q] for q in ins.qubits) + 1
            for q in ins.qubits:
                level[q] = d
        return max(level) if level else 0

    def measurement_map(self):
        """qubit -> clbit for every measure (the last one on a clbit wins)."""
        mapping = {}
        for ins in self.data:
            if ins.name == "measure":
                for q, c in zip(ins.qubits, ins.clbits):
                    for k in [k for k, v in mapping.items() if v == c]:
                        del mapping[k]
                    mapping[q] = c
        return mapping

    def qasm(self):
        """OpenQASM 2.0 text of the circuit."""
        return circuit_to_qasm(self)

    def draw(self, output="text"):
        """Text diagram in the style of qiskit's text drawer."""
        if output != "text":
            raise ValueError("only the 'text' drawer is available")
        return draw_text(self)

    def __str__(self):
        return self.draw()


# -- simulation --------------------------------------------------------
def _apply_1q(amps, matrix, q, controls=()):
    (a, b), (c, d) = matrix
    bit = 1 << q
    cmask = 0
    for cq in controls:
        cmask |= 1 << cq
    for i in range(len(amps)):
        if i & bit or (i & cmask) != cmask:
            continue
        j = i | bit
        u, v = amps[i], amps[j]
        amps[i] = a * u + b * v
        amps[j] = c * u + d * v


def _apply_instruction(amps, ins):
    name = ins.name
    if name in ("barrier", "measure"):
        # Measurements are treated as terminal: sampling happens afterwards.
        return
    if name in _FIXED_1Q:
        _apply_1q(amps, _FIXED_1Q[name], ins.qubits[0])
    elif name in ("rx", "ry", "rz", "p"):
        _apply_1q(amps, _rotation_matrix(name, ins.params[0]), ins.qubits[0])
    elif name in ("cx", "ccx", "mcx"):
        _apply_1q(amps, _FIXED_1Q["x"], ins.qubits[-1], ins.qubits[:-1])
    elif name == "cy":
        _apply_1q(amps, _FIXED_1Q["y"], ins.qubits[1], ins.qubits[:1])
    elif name in ("cz", "cp"):
        phase = -1 if name == "cz" else cmath.exp(1j * ins.params[0])
        mask = (1 << ins.qubits[0]) | (1 << ins.qubits[1])
        for i in range(len(amps)):
            if i & mask == mask:
                amps[i] *= phase
    elif name == "swap":
        a, b = 1 << ins.qubits[0], 1 << ins.qubits[1]
        for i in range(len(amps)):
            if i & a and not i & b:
                j = (i & ~a) | b
                amps[i], amps[j] = amps[j], amps[i]
    else:
        raise ValueError("cannot simulate gate '%s'" % name)


def _bits(index, n):
    return format(index, "0%db" % n) if n else ""


class Statevector(object):
    """A normalised vector of 2^n complex amplitudes (qiskit bit order)."""

    def __init__(self, data):
        data = [complex(a) for a in data]
        n = len(data).bit_length() - 1
        if n < 0 or len(data) != 1 << n:
            raise ValueError("statevector length must be a power of two")
        self.data = data
        self.num_qubits = n

    @classmethod
    def from_int(cls, index, num_qubits):
        amps = [0j] * (1 << num_qubits)
        amps[index] = 1 + 0j
        return cls(amps)

    @classmethod
    def from_label(cls, label):
        """'01' -> |q1=0, q0=1>; labels read like qiskit (qubit 0 rightmost)."""
        if not label or any(ch not in "01" for ch in label):
            raise ValueError("label must be a string of 0 and 1")
        return cls.from_int(int(label, 2), len(label))

    @classmethod
    def from_circuit(cls, circuit):
        return cls.from_int(0, circuit.num_qubits).evolve(circuit)

    def evolve(self, circuit):
        if circuit.num_qubits != self.num_qubits:
            raise ValueError("circuit and state have different qubit counts")
        amps = list(self.data)
        for ins in circuit.data:
            _apply_instruction(amps, ins)
        return Statevector(amps)

    def probabilities(self, qargs=None):
        """Probabilities of basis states; with qargs, marginal over those qubits
        (qargs[0] becomes the least-significant bit of the result index)."""
        probs = [abs(a) ** 2 for a in self.data]
        if qargs is None:
            return probs
        out = [0.0] * (1 << len(qargs))
        for i, p in enumerate(probs):
            k = 0
            for pos, q in enumerate(qargs):
                if i >> q & 1:
                    k |= 1 << pos
            out[k] += p
        return out

    def probabilities_dict(self, qargs=None, decimals=None, threshold=1e-12):
        probs = self.probabilities(qargs)
        width = self.num_qubits if qargs is None else len(qargs)
        out = {}
        for i, p in enumerate(probs):
            if p > threshold:
                out[_bits(i, width)] = round(p, decimals) if decimals is not None else p
        return out

    def sample_counts(self, shots, seed=None, qargs=None):
        probs = self.probabilities(qargs)
        width = self.num_qubits if qargs is None else len(qargs)
        hits = _sample_indices(probs, shots, seed)
        return {_bits(i, width): c for i, c in sorted(hits.items())}

    def expectation_value(self, operator):
        if isinstance(operator, Pauli):
            operator = SparsePauliOp([operator.label], [1.0])
        return operator.expectation(self)

    def inner(self, other):
        return sum(a.conjugate() * b for a, b in zip(self.data, other.data))

    def fidelity(self, other):
        return abs(self.inner(other)) ** 2

    def bloch_vectors(self):
        """[<X>, <Y>, <Z>] of each qubit's reduced state, qubit 0 first.

        Why reduced states: an entangled qubit has no pure state of its own;
        its vector is shorter than 1 (zero for each half of a Bell pair),
        which is what a per-qubit Bloch sphere should show.
        """
        vectors = []
        for q in range(self.num_qubits):
            bit = 1 << q
            coherence, z = 0j, 0.0
            for i, a in enumerate(self.data):
                if i & bit:
                    z -= abs(a) ** 2
                else:
                    z += abs(a) ** 2
                    coherence += a.conjugate() * self.data[i | bit]
            vectors.append([_clean(2 * coherence.real), _clean(2 * coherence.imag), _clean(z)])
        return vectors

    def to_list(self):
        """JSON-friendly [[re, im], ...]."""
        return [[a.real, a.imag] for a in self.data]

    def amplitudes_table(self, threshold=0.0):
        """Rows describing each basis state (for inspectors and previews)."""
        rows = []
        for i, a in enumerate(self.data):
            p = abs(a) ** 2
            if p < threshold:
                continue
            rows.append({
                "basis": _bits(i, self.num_qubits),
                "index": i,
                "re": _clean(a.real),
                "im": _clean(a.imag),
                "magnitude": _clean(abs(a)),
                "phase": _clean(cmath.phase(a)) if p > 1e-24 else 0.0,
                "probability": _clean(p),
            })
        return rows

    def __len__(self):
        return len(self.data)


def _clean(x, digits=12):
    """Round away floating noise (1e-17 etc.) so JSON results read cleanly."""
    x = round(x, digits)
    return 0.0 if x == 0 else x


def _sample_indices(probs, shots, seed):
    """Draw `shots` indices with the given probabilities, reproducibly."""
    if shots < 0:
        raise ValueError("shots must be >= 0")
    rng = random.Random(seed)
    cumulative, total = [], 0.0
    for p in probs:
        total += p
        cumulative.append(total)
    hits = {}
    for _ in range(int(shots)):
        k = bisect.bisect_right(cumulative, rng.random() * total)
        k = min(k, len(probs) - 1)
        while probs[k] == 0 and k > 0:  # never land on an impossible outcome
            k -= 1
        hits[k] = hits.get(k, 0) + 1
    return hits


def simulate(circuit):
    """Statevector of a circuit started in |0...0> (measurements ignored)."""
    return Statevector.from_circuit(circuit)


def sample_counts(circuit, shots=1024, seed=None):
    """Measurement counts like qiskit's Sampler/Aer result.get_counts().

    Keys are strings over the circuit's classical bits (clbit 0 rightmost).
    A circuit without measurements is sampled on all qubits.
    """
    state = simulate(circuit)
    mapping = circuit.measurement_map()
    if not mapping:
        return state.sample_counts(shots, seed)
    hits = _sample_indices(state.probabilities(), shots, seed)
    width = circuit.num_clbits
    counts = {}
    for index, c in hits.items():
        value = 0
        for q, clbit in mapping.items():
            if index >> q & 1:
                value |= 1 << clbit
        key = _bits(value, width)
        counts[key] = counts.get(key, 0) + c
    return dict(sorted(counts.items()))


# -- Pauli operators -----------------------------------------------------
class Pauli(object):
    """A Pauli string such as 'XZI' (qubit 0 is the rightmost letter)."""

    def __init__(self, label):
        label = label.strip().upper()
        if not label or any(ch not in "IXYZ" for ch in label):
            raise ValueError("invalid Pauli label %r" % label)
        self.label = label
        self.num_qubits = len(label)
        self.x_mask = 0
        self.z_mask = 0
        self.num_y = 0
        for k in range(self.num_qubits):
            ch = label[self.num_qubits - 1 - k]
            if ch in "XY":
                self.x_mask |= 1 << k
            if ch in "ZY":
                self.z_mask |= 1 << k
            if ch == "Y":
                self.num_y += 1

    def phase_of(self, index):
        """P|index> = phase * |index ^ x_mask>; Y = i*X*Z gives the i's."""
        sign = -1 if bin(index & self.z_mask).count("1") % 2 else 1
        return sign * (1j ** self.num_y)

    def to_matrix(self):
        dim = 1 << self.num_qubits
        m = [[0j] * dim for _ in range(dim)]
        for i in range(dim):
            m[i ^ self.x_mask][i] = self.phase_of(i)
        return m

    def __repr__(self):
        return "Pauli(%r)" % self.label


_TERM = re.compile(
    r"\s*([+-]?)\s*(\(?[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:[+-](?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?j)?\)?)?"
    r"\s*\*?\s*([IXYZ]+)\s*",
    re.IGNORECASE)


class SparsePauliOp(object):
    """A weighted sum of Pauli strings, e.g. -1.05*II + 0.18*XX."""

    def __init__(self, labels, coeffs=None):
        labels = [labels] if isinstance(labels, str) else list(labels)
        coeffs = [1.0] * len(labels) if coeffs is None else list(coeffs)
        if len(labels) != len(coeffs) or not labels:
            raise ValueError("need one coefficient per Pauli label")
        self.paulis = [Pauli(l) for l in labels]
        sizes = set(p.num_qubits for p in self.paulis)
        if len(sizes) != 1:
            raise ValueError("all Pauli labels must have the same length, got %s" % sorted(sizes))
        self.coeffs = [complex(c) for c in coeffs]
        self.num_qubits = sizes.pop()

    @classmethod
    def from_list(cls, pairs):
        pairs = list(pairs)
        return cls([p for p, _ in pairs], [c for _, c in pairs])

    @classmethod
    def from_dict(cls, mapping):
        return cls.from_list(mapping.items())

    @classmethod
    def from_text(cls, text):
        """Parse '-1.05*II + 0.39*IZ - 0.01 ZZ + XX' (coefficient optional)."""
        text = text.strip()
        pos, pairs = 0, []
        while pos < len(text):
            m = _TERM.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError("cannot parse Hamiltonian near %r" % text[pos:pos + 20])
            sign, number, label = m.groups()
            coeff = complex(number.strip("()")) if number else 1.0
            if coeff.imag == 0:
                coeff = coeff.real
            pairs.append((label.upper(), -coeff if sign == "-" else coeff))
            pos = m.end()
        if not pairs:
            raise ValueError("empty Hamiltonian")
        return cls.from_list(pairs)

    @classmethod
    def parse(cls, spec):
        """Accept a SparsePauliOp, dict, list of pairs, or text."""
        if isinstance(spec, SparsePauliOp):
            return spec
        if isinstance(spec, dict):
            return cls.from_dict(spec)
        if isinstance(spec, str):
            return cls.from_text(spec)
        return cls.from_list([(p, c) for p, c in spec])

    def to_list(self):
        return [(p.label, c) for p, c in zip(self.paulis, self.coeffs)]

    def to_text(self):
        parts = []
        for p, c in zip(self.paulis, self.coeffs):
            value = c.real if c.imag == 0 else c
            parts.append("%s*%s" % (repr(value), p.label))
        return " + ".join(parts).replace("+ -", "- ")

    def is_hermitian(self, tol=1e-12):
        return all(abs(c.imag) <= tol for c in self.coeffs)

    def to_matrix(self):
        dim = 1 << self.num_qubits
        m = [[0j] * dim for _ in range(dim)]
        for p, c in zip(self.paulis, self.coeffs):
            for i in range(dim):
                m[i ^ p.x_mask][i] += c * p.phase_of(i)
        return m

    def expectation(self, state):
        """<psi|H|psi> (real part) for a Statevector or a QuantumCircuit."""
        if isinstance(state, QuantumCircuit):
            state = simulate(state)
        if state.num_qubits != self.num_qubits:
            raise ValueError("operator has %d qubits, state has %d" % (self.num_qubits, state.num_qubits))
        amps = state.data
        total = 0j
        for p, c in zip(self.paulis, self.coeffs):
            acc = 0j
            for i, a in enumerate(amps):
                if a:
                    acc += amps[i ^ p.x_mask].conjugate() * p.phase_of(i) * a
            total += c * acc
        return total.real

    def __repr__(self):
        return "SparsePauliOp(%r)" % (self.to_list(),)
