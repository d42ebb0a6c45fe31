"""Variational Quantum Eigensolver on the llmos_quantum simulator.

The energy E(theta) = <psi(theta)|H|psi(theta)> of a parameterised circuit
(the ansatz) is minimised with Nelder-Mead; by the variational principle it
is an upper bound of the lowest eigenvalue of H. Small Hamiltonians are
also diagonalised exactly so callers can show how close VQE got.
"""

import math
import random

from llmos_linalg import hermitian_eigh
from llmos_optimize import nelder_mead
from llmos_quantum import QuantumCircuit, SparsePauliOp, simulate

# H2 at 0.735 Angstrom, STO-3G basis, parity mapping with two-qubit
# reduction: the standard 2-qubit Hamiltonian (Hartree). The lowest
# eigenvalue is the electronic energy; add the nuclear repulsion for the
# total (Born-Oppenheimer) energy, -1.137306 Ha.
H2_COEFFS = [
    ("II", -1.052373245772859),
    ("IZ", 0.39793742484318045),
    ("ZI", -0.39793742484318045),
    ("ZZ", -0.01128010425623538),
    ("XX", 0.18093119978423156),
]
H2_NUCLEAR_REPULSION = 0.7199689944489797

ANSATZE = ("ry", "ry_cz", "hardware_efficient", "uccsd")

# Exact diagonalisation cost grows as 8^n; beyond this it would be too slow
# for a node that should answer in well under a second.
MAX_EXACT_QUBITS = 5


def h2_hamiltonian():
    return SparsePauliOp.from_list(H2_COEFFS)


def resolve_hamiltonian(spec):
    """(SparsePauliOp, energy offset, name) from 'h2', text, dict or pairs."""
    if spec is None or (isinstance(spec, str) and spec.strip().lower() in ("", "h2", "h2_sto3g", "h2-0.735")):
        return h2_hamiltonian(), H2_NUCLEAR_REPULSION, "H2 (0.735 Å, STO-3G, parity, 2 qubits)"
    op = SparsePauliOp.parse(spec)
    if not op.is_hermitian():
        raise ValueError("Hamiltonian coefficients must be real (Hermitian operator)")
    return op, 0.0, "user Hamiltonian (%d qubits, %d terms)" % (op.num_qubits, len(op.paulis))


def num_parameters(ansatz, num_qubits, reps=1):
    if ansatz == "uccsd":
        return 1
    if ansatz in ("ry", "ry_cz", "hardware_efficient"):
        return num_qubits * (reps + 1)
    raise ValueError("unknown ansatz '%s' (choose from %s)" % (ansatz, ", ".join(ANSATZE)))


def build_ansatz(ansatz, num_qubits, params, reps=1):
    """The parameterised circuit for the given angles.

    - ry: RY on every qubit, then `reps` times (CX chain, RY layer); a
      real-amplitude ansatz, like qiskit's RealAmplitudes.
    - ry_cz / hardware_efficient: the same with CZ entanglers.
    - uccsd: the single-excitation ansatz for 2-qubit H2: it rotates
      between the two one-electron-per-orbital states with one angle.
    """
    params = list(params)
    if len(params) != num_parameters(ansatz, num_qubits, reps):
        raise ValueError("ansatz '%s' needs %d parameters" % (ansatz, num_parameters(ansatz, num_qubits, reps)))
    qc = QuantumCircuit(num_qubits, name="ansatz")
    if ansatz == "uccsd":
        if num_qubits != 2:
            raise ValueError("the uccsd ansatz is defined for 2-qubit (H2) Hamiltonians only")
        # cos(t/2)|10> + sin(t/2)|01>: the Hartree-Fock state plus its excitation.
        qc.ry(params[0], 0)
        qc.cx(0, 1)
        qc.x(1)
        return qc
    k = 0
    for q in range(num_qubits):
        qc.ry(params[k], q)
        k += 1
    for _ in range(reps):
        for q in range(num_qubits - 1):
            if ansatz == "ry":
                qc.cx(q, q + 1)
            else:
                qc.cz(q, q + 1)
        for q in range(num_qubits):
            qc.ry(params[k], q)
            k += 1
    return qc


def exact_ground_energy(op):
    """Lowest eigenvalue of the operator, or None when too large to do here."""
    if op.num_qubits > MAX_EXACT_QUBITS:
        return None
    return hermitian_eigh(op.to_matrix())[0][0]


def run_vqe(hamiltonian="h2", ansatz="ry", iterations=100, seed=7, reps=1, initial_point=None,
            on_iteration=None):
    """Run VQE and return a JSON-friendly dict.

    eigenvalue / exact include the energy offset (nuclear repulsion for the
    built-in H2); history[i] is the best total energy after iteration i.
    on_iteration(iteration, best_energy), if given, is called after every
    optimiser iteration (the skill reports progress with it).
    """
    op, offset, name = resolve_hamiltonian(hamiltonian)
    ansatz = "ry_cz" if ansatz == "hardware_efficient" else ansatz
    n = op.num_qubits
    count = num_parameters(ansatz, n, reps)
    if initial_point is None:
        rng = random.Random(seed)
        # Small random angles: near |0..0>, away from symmetric saddle points.
        initial_point = [rng.uniform(-0.3, 0.3) for _ in range(count)]

    def energy(theta):
        return op.expectation(simulate(build_ansatz(ansatz, n, theta, reps)))

    callback = None
    if on_iteration is not None:
        def callback(iteration, best_x, best_f):
            on_iteration(iteration, best_f + offset)
    result = nelder_mead(energy, initial_point, max_iter=max(1, int(iterations)),
                         initial_step=math.pi / 4, callback=callback)
    exact = exact_ground_energy(op)
    best = build_ansatz(ansatz, n, result["x"], reps)
    return {
        "eigenvalue": result["fun"] + offset,
        "electronic_energy": result["fun"],
        "offset": offset,
        "exact": None if exact is None else exact + offset,
        "parameters": result["x"],
        "history": [h + offset for h in result["history"]],
        "iterations": result["nit"],
        "evaluations": result["nfev"],
        "optimizer_converged": result["converged"],
        "circuit": best,
        "hamiltonian_name": name,
        "num_qubits": n,
    }
