"""VQE on the built-in H2 Hamiltonian and on user Hamiltonians, checked
against exact diagonalisation."""

import math
import unittest

import helpers_path  # noqa: F401

from llmos_linalg import hermitian_eigh  # noqa: E402
from llmos_quantum import SparsePauliOp, simulate  # noqa: E402
from llmos_vqe import (H2_NUCLEAR_REPULSION, build_ansatz, exact_ground_energy,  # noqa: E402
                       h2_hamiltonian, resolve_hamiltonian, run_vqe)

H2_TOTAL = -1.137306035753
H2_ELECTRONIC = -1.857275030202


class H2HamiltonianTest(unittest.TestCase):
    def test_exact_diagonalisation(self):
        values, vectors = hermitian_eigh(h2_hamiltonian().to_matrix())
        self.assertAlmostEqual(values[0], H2_ELECTRONIC, places=10)
        self.assertAlmostEqual(values[0] + H2_NUCLEAR_REPULSION, H2_TOTAL, places=10)
        # Ground state lives in the |01>, |10> block (one electron per orbital).
        weights = [abs(a) ** 2 for a in vectors[0]]
        self.assertAlmostEqual(weights[1] + weights[2], 1.0, places=12)
        # Trace is preserved: 4 * coefficient of II.
        self.assertAlmostEqual(sum(values), 4 * -1.052373245772859, places=10)

    def test_text_and_builtin_agree(self):
        op, offset, _ = resolve_hamiltonian("h2")
        self.assertEqual(offset, H2_NUCLEAR_REPULSION)
        text = ("-1.052373245772859*II + 0.39793742484318045*IZ - 0.39793742484318045*ZI"
                " - 0.01128010425623538*ZZ + 0.18093119978423156*XX")
        user, user_offset, _ = resolve_hamiltonian(text)
        self.assertEqual(user_offset, 0.0)
        self.assertAlmostEqual(exact_ground_energy(user), exact_ground_energy(op), places=12)

    def test_non_hermitian_is_refused(self):
        with self.assertRaises(ValueError):
            resolve_hamiltonian({"ZZ": 1j})


class VqeTest(unittest.TestCase):
    def test_default_run_reaches_ground_energy(self):
        result = run_vqe("h2", "ry", iterations=100)
        self.assertAlmostEqual(result["eigenvalue"], H2_TOTAL, delta=1e-4)
        self.assertAlmostEqual(result["exact"], H2_TOTAL, places=9)
        # Variational principle: never below the exact energy.
        self.assertGreaterEqual(result["eigenvalue"], H2_TOTAL - 1e-9)
        self.assertEqual(len(result["history"]), result["iterations"] + 1)

    def test_each_ansatz(self):
        for ansatz in ("ry", "ry_cz", "uccsd"):
            with self.subTest(ansatz=ansatz):
                result = run_vqe("h2", ansatz, iterations=300)
                self.assertAlmostEqual(result["eigenvalue"], H2_TOTAL, delta=1e-6)
                # The returned circuit's state really has that energy: <psi|H|psi>
                # with the dense matrix, not the Pauli-term path VQE itself used.
                psi = simulate(result["circuit"]).data
                h = h2_hamiltonian().to_matrix()
                energy = sum(psi[i].conjugate() * h[i][j] * psi[j] for i in range(4) for j in range(4))
                self.assertAlmostEqual(energy.real + H2_NUCLEAR_REPULSION, result["eigenvalue"], places=12)
                self.assertAlmostEqual(energy.imag, 0.0, places=12)

    def test_deterministic(self):
        a = run_vqe("h2", "ry_cz", iterations=40, seed=3)
        b = run_vqe("h2", "ry_cz", iterations=40, seed=3)
        self.assertEqual(a["history"], b["history"])
        self.assertEqual(a["parameters"], b["parameters"])

    def test_user_hamiltonians(self):
        # Ground energies worked out by hand:
        # - ZZ + (XI + IX)/2: in the symmetric sector {|00>, |11>, |01>+|10>} the
        #   lowest eigenvalue of [[1, 0, 1/sqrt2], [0, 1, 1/sqrt2], [1/sqrt2, 1/sqrt2, -1]]
        #   is -sqrt(2);
        # - ZI - 2 IZ is diagonal: -1 - 2 = -3;
        # - -Z2 Z1 - Z1 Z0 + 0.3 X2 (qubit 0 rightmost): Z1 Z0 = 1 gives -1, and
        #   spin 2 alone sees -z1 Z + 0.3 X, lowest -sqrt(1 + 0.09).
        cases = [
            ("1.0*ZZ + 0.5*XI + 0.5*IX", -math.sqrt(2)),
            ({"ZI": 1.0, "IZ": -2.0}, -3.0),
            ([("ZZI", -1.0), ("IZZ", -1.0), ("XII", 0.3)], -1 - math.sqrt(1.09)),
        ]
        for spec, known in cases:
            with self.subTest(spec=spec):
                result = run_vqe(spec, "ry", iterations=600)
                self.assertAlmostEqual(result["exact"], known, places=9)
                self.assertAlmostEqual(result["eigenvalue"], known, delta=1e-4)

    def test_uccsd_needs_two_qubits(self):
        with self.assertRaises(ValueError):
            run_vqe("ZZZ", "uccsd", iterations=5)
        with self.assertRaises(ValueError):
            build_ansatz("nope", 2, [])


class JacobiTest(unittest.TestCase):
    def check(self, matrix):
        values, vectors = hermitian_eigh(matrix)
        n = len(matrix)
        for lam, vec in zip(values, vectors):
            for i in range(n):
                av = sum(matrix[i][j] * vec[j] for j in range(n))
                self.assertAlmostEqual(abs(av - lam * vec[i]), 0.0, places=10)
            self.assertAlmostEqual(sum(abs(a) ** 2 for a in vec), 1.0, places=12)
        self.assertEqual(values, sorted(values))
        return values

    def test_real_symmetric(self):
        self.assertEqual([round(v, 12) for v in self.check([[2, 1], [1, 2]])], [1.0, 3.0])

    def test_complex_hermitian(self):
        values = self.check([[1, 1j], [-1j, 1]])
        self.assertAlmostEqual(values[0], 0.0, places=12)
        self.assertAlmostEqual(values[1], 2.0, places=12)
        op = SparsePauliOp.from_text("0.3*XYZ - 0.7*YZI + 0.2*ZXY + 0.4*IIY + 0.9*ZZX")
        values = self.check(op.to_matrix())
        self.assertAlmostEqual(sum(values), 0.0, places=10)  # traceless

    def test_rejects_non_hermitian(self):
        with self.assertRaises(ValueError):
            hermitian_eigh([[1, 2], [0, 1]])


if __name__ == "__main__":
    unittest.main()
