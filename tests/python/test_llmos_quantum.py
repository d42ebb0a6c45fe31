"""Tests of the pure-Python circuit simulator, Pauli operators, QASM export,
the text drawer and the circuit text parser."""

import cmath
import math
import unittest

import helpers_path  # noqa: F401

from llmos_angle import format_angle  # noqa: E402
from llmos_circuit_text import circuit_from_text, eval_angle  # noqa: E402
from llmos_quantum import (Pauli, QuantumCircuit, SparsePauliOp, Statevector,  # noqa: E402
                           sample_counts, simulate)

R = 1 / math.sqrt(2)


def assert_amplitudes(test, state, expected, places=12):
    test.assertEqual(len(state.data), len(expected))
    for got, want in zip(state.data, expected):
        test.assertAlmostEqual(abs(got - want), 0.0, places=places, msg="%r != %r" % (state.data, expected))


class GateTest(unittest.TestCase):
    def test_little_endian_order(self):
        qc = QuantumCircuit(2)
        qc.x(0)
        state = simulate(qc)
        assert_amplitudes(self, state, [0, 1, 0, 0])
        self.assertEqual(state.probabilities_dict(), {"01": 1.0})

    def test_single_qubit_gates(self):
        cases = {
            "h": [R, R], "x": [0, 1], "y": [0, 1j], "z": [1, 0],
            "s": [1, 0], "t": [1, 0],
        }
        for name, want in cases.items():
            with self.subTest(gate=name):
                qc = QuantumCircuit(1)
                getattr(qc, name)(0)
                assert_amplitudes(self, simulate(qc), want)
        # Phase gates act on |1>: H then S gives (|0> + i|1>)/sqrt2.
        for name, phase in (("s", 1j), ("sdg", -1j), ("t", cmath.exp(1j * math.pi / 4)),
                            ("tdg", cmath.exp(-1j * math.pi / 4)), ("z", -1)):
            with self.subTest(phase_gate=name):
                qc = QuantumCircuit(1)
                qc.h(0)
                getattr(qc, name)(0)
                assert_amplitudes(self, simulate(qc), [R, R * phase])

    def test_rotations(self):
        theta = 0.7
        qc = QuantumCircuit(1)
        qc.rx(theta, 0)
        assert_amplitudes(self, simulate(qc), [math.cos(theta / 2), -1j * math.sin(theta / 2)])
        qc = QuantumCircuit(1)
        qc.ry(theta, 0)
        assert_amplitudes(self, simulate(qc), [math.cos(theta / 2), math.sin(theta / 2)])
        qc = QuantumCircuit(1)
        qc.h(0)
        qc.rz(theta, 0)
        assert_amplitudes(self, simulate(qc), [R * cmath.exp(-0.5j * theta), R * cmath.exp(0.5j * theta)])

    def test_two_and_three_qubit_gates(self):
        qc = QuantumCircuit(3)
        qc.x(0)
        qc.cx(0, 2)                      # |101>
        assert_amplitudes(self, simulate(qc), [0, 0, 0, 0, 0, 1, 0, 0])
        qc.swap(0, 1)                    # |110>
        assert_amplitudes(self, simulate(qc), [0, 0, 0, 0, 0, 0, 1, 0])
        qc.ccx(1, 2, 0)                  # |111>
        assert_amplitudes(self, simulate(qc), [0, 0, 0, 0, 0, 0, 0, 1])
        qc.cz(0, 1)                      # phase -1
        assert_amplitudes(self, simulate(qc), [0, 0, 0, 0, 0, 0, 0, -1])
        qc.cp(math.pi / 2, 0, 2)         # times i
        assert_amplitudes(self, simulate(qc), [0, 0, 0, 0, 0, 0, 0, -1j])
        # CX with control 0 does nothing when qubit 0 is |0>.
        qc = QuantumCircuit(2)
        qc.x(1)
        qc.cx(0, 1)
        assert_amplitudes(self, simulate(qc), [0, 0, 1, 0])

    def test_mcx_flips_only_when_all_controls_set(self):
        for start in range(16):
            qc = QuantumCircuit(4)
            for q in range(4):
                if start >> q & 1:
                    qc.x(q)
            qc.mcx([0, 1, 2], 3)
            want = start ^ 8 if start & 7 == 7 else start
            self.assertEqual(simulate(qc).probabilities_dict(), {format(want, "04b"): 1.0})

    def test_hzh_is_x_and_norm_is_kept(self):
        qc = QuantumCircuit(1)
        qc.h(0)
        qc.z(0)
        qc.h(0)
        assert_amplitudes(self, simulate(qc), [0, 1])
        qc = QuantumCircuit(3)
        for q in range(3):
            qc.h(q)
            qc.ry(0.3 * (q + 1), q)
        qc.cx(0, 1)
        qc.ccx(0, 1, 2)
        self.assertAlmostEqual(sum(simulate(qc).probabilities()), 1.0, places=12)

    def test_invalid_circuits_are_rejected(self):
        qc = QuantumCircuit(2)
        with self.assertRaises(ValueError):
            qc.h(2)
        with self.assertRaises(ValueError):
            qc.cx(1, 1)
        with self.assertRaises(ValueError):
            qc.measure(0, 0)  # no classical bits
        with self.assertRaises(ValueError):
            QuantumCircuit(0)


class StatevectorTest(unittest.TestCase):
    def test_from_label_and_marginals(self):
        state = Statevector.from_label("10")
        self.assertEqual(state.probabilities(), [0, 0, 1, 0])
        self.assertEqual(state.probabilities([1]), [0, 1])
        self.assertEqual(state.probabilities([0]), [1, 0])

    def test_amplitudes_table(self):
        qc = QuantumCircuit(1)
        qc.x(0)
        qc.s(0)
        row = simulate(qc).amplitudes_table(threshold=1e-12)[0]
        self.assertEqual(row["basis"], "1")
        self.assertAlmostEqual(row["phase"], math.pi / 2, places=12)
        self.assertEqual(row["probability"], 1.0)


class BlochVectorTest(unittest.TestCase):
    def vectors(self, program, n):
        return simulate(circuit_from_text(program, n)).bloch_vectors()

    def test_pure_single_qubit_states_point_along_the_axes(self):
        self.assertEqual(self.vectors("h 0", 1), [[1.0, 0.0, 0.0]])
        self.assertEqual(self.vectors("h 0; s 0", 1), [[0.0, 1.0, 0.0]])
        self.assertEqual(self.vectors("x 0", 1), [[0.0, 0.0, -1.0]])
        self.assertEqual(self.vectors("id 0", 1), [[0.0, 0.0, 1.0]])

    def test_angles_match_the_parametrisation(self):
        theta, phi = 1.1, 0.7
        x, y, z = Statevector([math.cos(theta / 2), cmath.exp(1j * phi) * math.sin(theta / 2)]).bloch_vectors()[0]
        self.assertAlmostEqual(x, math.sin(theta) * math.cos(phi), places=12)
        self.assertAlmostEqual(y, math.sin(theta) * math.sin(phi), places=12)
        self.assertAlmostEqual(z, math.cos(theta), places=12)

    def test_each_qubit_is_its_own_reduced_state(self):
        # qubit 0 in |+>, qubit 1 in |1>: a product state, both vectors of length 1.
        self.assertEqual(self.vectors("h 0; x 1", 2), [[1.0, 0.0, 0.0], [0.0, 0.0, -1.0]])
        # A Bell pair: each half alone is maximally mixed, the centre of the sphere.
        self.assertEqual(self.vectors("h 0; cx 0 1", 2), [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])

    def test_matches_pauli_expectations(self):
        state = simulate(circuit_from_text("ry(0.4) 0; cx 0 1; rx(1.3) 1; t 2; h 2; cp(pi/3) 1 2", 3))
        for q, vector in enumerate(state.bloch_vectors()):
            for axis, value in zip("XYZ", vector):
                label = "".join(axis if k == q else "I" for k in reversed(range(3)))
                self.assertAlmostEqual(value, SparsePauliOp([label]).expectation(state), places=11)


class SamplingTest(unittest.TestCase):
    def bell(self):
        qc = QuantumCircuit(2, 2)
        qc.h(0)
        qc.cx(0, 1)
        qc.measure([0, 1], [0, 1])
        return qc

    def test_bell_counts_are_seeded_and_balanced(self):
        a = sample_counts(self.bell(), 10000, seed=5)
        b = sample_counts(self.bell(), 10000, seed=5)
        self.assertEqual(a, b)
        self.assertEqual(set(a), {"00", "11"})
        self.assertAlmostEqual(a["00"] / 10000.0, 0.5, delta=0.02)
        self.assertNotEqual(a, sample_counts(self.bell(), 10000, seed=6))

    def test_clbit_mapping(self):
        # Qubit 0 (set) measured into clbit 2, qubit 1 (clear) into clbit 0.
        qc = QuantumCircuit(2, 3)
        qc.x(0)
        qc.measure(0, 2)
        qc.measure(1, 0)
        self.assertEqual(sample_counts(qc, 50, seed=1), {"100": 50})

    def test_measure_all_and_unmeasured_circuits(self):
        qc = QuantumCircuit(3)
        qc.x(1)
        self.assertEqual(sample_counts(qc, 10, seed=0), {"010": 10})
        qc.measure_all()
        self.assertEqual(qc.num_clbits, 3)
        self.assertEqual(sample_counts(qc, 10, seed=0), {"010": 10})

    def test_biased_distribution(self):
        qc = QuantumCircuit(1)
        qc.ry(2 * math.asin(math.sqrt(0.2)), 0)  # P(1) = 0.2
        counts = sample_counts(qc, 20000, seed=3)
        self.assertAlmostEqual(counts["1"] / 20000.0, 0.2, delta=0.01)


class PauliTest(unittest.TestCase):
    def test_pauli_matrices(self):
        self.assertEqual(Pauli("Y").to_matrix(), [[0, -1j], [1j, 0]])
        self.assertEqual(Pauli("Z").to_matrix(), [[1, 0], [0, -1]])
        # 'ZI' is Z on qubit 1: diag(1, 1, -1, -1).
        m = Pauli("ZI").to_matrix()
        self.assertEqual([m[i][i] for i in range(4)], [1, 1, -1, -1])

    def test_expectations(self):
        plus = simulate(QuantumCircuit(1).h(0))
        self.assertAlmostEqual(SparsePauliOp(["X"]).expectation(plus), 1.0, places=12)
        self.assertAlmostEqual(SparsePauliOp(["Z"]).expectation(plus), 0.0, places=12)
        plus_i = simulate(QuantumCircuit(1).h(0).s(0))
        self.assertAlmostEqual(SparsePauliOp(["Y"]).expectation(plus_i), 1.0, places=12)
        one_zero = Statevector.from_label("10")  # qubit 1 is |1>
        op = SparsePauliOp.from_list([("ZI", 2.0), ("IZ", 0.5)])
        self.assertAlmostEqual(op.expectation(one_zero), -2.0 + 0.5, places=12)

    def test_expectation_matches_matrix(self):
        qc = QuantumCircuit(2)
        qc.ry(0.4, 0).rx(1.1, 1).cx(0, 1).rz(0.3, 1).h(0)
        state = simulate(qc)
        op = SparsePauliOp.from_text("0.3*XY - 0.7 YZ + 0.2*ZX + IY + 0.5*II")
        m = op.to_matrix()
        v = state.data
        direct = sum(v[i].conjugate() * m[i][j] * v[j] for i in range(4) for j in range(4))
        self.assertAlmostEqual(op.expectation(state), direct.real, places=12)
        self.assertAlmostEqual(direct.imag, 0.0, places=12)

    def test_parsing_forms(self):
        text = SparsePauliOp.from_text("-1.05*II + 0.39*IZ - 0.01 * ZZ + XX - 2e-1 YY")
        self.assertEqual(text.to_list(), [("II", -1.05), ("IZ", 0.39), ("ZZ", -0.01),
                                          ("XX", 1.0), ("YY", -0.2)])
        self.assertEqual(SparsePauliOp.parse({"ZZ": 1.5}).to_list(), [("ZZ", 1.5)])
        self.assertEqual(SparsePauliOp.parse([("XI", -1)]).to_list(), [("XI", -1)])
        for bad in ("", "1.0*AB", "0.5*XX + 0.5*X", "XX +"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                SparsePauliOp.from_text(bad)


class QasmTest(unittest.TestCase):
    def test_export(self):
        qc = QuantumCircuit(2, 2)
        qc.h(0)
        qc.rz(math.pi / 2, 1)
        qc.ry(0.25, 0)
        qc.cx(0, 1)
        qc.cp(math.pi / 4, 0, 1)
        qc.barrier()
        qc.measure([0, 1], [0, 1])
        self.assertEqual(qc.qasm(), "\n".join([
            "OPENQASM 2.0;",
            'include "qelib1.inc";',
            "qreg q[2];",
            "creg c[2];",
            "h q[0];",
            "rz(pi/2) q[1];",
            "ry(0.25) q[0];",
            "cx q[0],q[1];",
            "cu1(pi/4) q[0],q[1];",
            "barrier q[0],q[1];",
            "measure q[0] -> c[0];",
            "measure q[1] -> c[1];",
        ]) + "\n")

    def test_format_angle(self):
        self.assertEqual(format_angle(math.pi), "π")
        self.assertEqual(format_angle(-math.pi / 2), "-π/2")
        self.assertEqual(format_angle(3 * math.pi / 4), "3π/4")
        self.assertEqual(format_angle(0.5), "0.5")


class DrawTest(unittest.TestCase):
    def test_bell_with_measurements_matches_qiskit_layout(self):
        qc = QuantumCircuit(2, 2)
        qc.h(0)
        qc.cx(0, 1)
        qc.measure([0, 1], [0, 1])
        self.assertEqual(qc.draw(), "\n".join([
            "     ┌───┐     ┌─┐   ",
            "q_0: ┤ H ├──■──┤M├───",
            "     └───┘┌─┴─┐└╥┘┌─┐",
            "q_1: ─────┤ X ├─╫─┤M├",
            "          └───┘ ║ └╥┘",
            "c: 2/═══════════╩══╩═",
            "                0  1 ",
        ]))

    def test_parallel_gates_share_a_column(self):
        qc = QuantumCircuit(2)
        qc.h(0)
        qc.h(1)
        self.assertEqual(qc.draw(), "\n".join([
            "     ┌───┐",
            "q_0: ┤ H ├",
            "     ├───┤",
            "q_1: ┤ H ├",
            "     └───┘",
        ]))

    def test_rows_have_equal_width_and_labels(self):
        qc = QuantumCircuit(3)
        qc.ry(math.pi / 2, 2)
        qc.cz(0, 2)
        qc.swap(0, 1)
        qc.barrier()
        lines = qc.draw().split("\n")
        self.assertEqual(len(lines), 7)
        self.assertEqual(len(set(len(l) for l in lines)), 1)
        self.assertIn("Ry(π/2)", lines[5])
        self.assertIn("┼", lines[3])  # cz passes over qubit 1
        self.assertEqual(lines[1].count("░"), 1)


class CircuitTextTest(unittest.TestCase):
    def test_program(self):
        qc = circuit_from_text("h 0; cx 0 1\n# comment\nry(pi/2) q[2]; measure_all")
        self.assertEqual(qc.num_qubits, 3)
        self.assertEqual([i.name for i in qc.data][:3], ["h", "cx", "ry"])
        self.assertAlmostEqual(qc.data[2].params[0], math.pi / 2, places=15)

    def test_angles_are_arithmetic_only(self):
        self.assertAlmostEqual(eval_angle("-3*pi/4"), -3 * math.pi / 4, places=15)
        self.assertAlmostEqual(eval_angle("1e-3"), 0.001, places=15)
        for bad in ("__import__('os')", "pi**pi**pi", "open", ""):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                eval_angle(bad)

    def test_errors(self):
        for bad in ("cx 0", "foo 1", "rx 0", "cp 0 1"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                circuit_from_text(bad)


if __name__ == "__main__":
    unittest.main()
