"""Every python-wasm / qiskit skill, as the C++ core reads it (`llmos skills
list --json --code`): complete metadata, runs with its
defaults, returns every declared output with the declared type, and gives
the right numbers on cases with known answers."""

import base64
import cmath
import json
import math
import os
import re
import statistics
import time
import unittest

from skill_runner import HELPERS_DIR, output_type_errors, python_skills

from llmos_png import decode_rgb

REQUIRED_KEYS = ("skill_id", "name", "description", "node_type", "execution_mode", "category",
                 "version", "inputs", "outputs")

SKILLS = python_skills()


def skill(skill_id):
    return SKILLS[skill_id]


class FrontMatterTest(unittest.TestCase):
    def test_enough_skills_of_both_types(self):
        types = [s.meta["node_type"] for s in SKILLS.values()]
        self.assertGreaterEqual(len(SKILLS), 11)
        self.assertGreaterEqual(types.count("qiskit"), 4)
        self.assertGreaterEqual(types.count("python-wasm"), 4)
        for required in ("quantum-vqe-node", "plot-data-node"):
            self.assertIn(required, SKILLS)

    def test_metadata_is_complete_and_consistent(self):
        for sid, s in SKILLS.items():
            with self.subTest(skill=sid):
                for key in REQUIRED_KEYS:
                    self.assertIn(key, s.meta)
                self.assertRegex(sid, r"^[a-z0-9]+(-[a-z0-9]+)*$")
                self.assertEqual(os.path.basename(s.path), sid + ".md")
                self.assertEqual(os.path.basename(os.path.dirname(s.path)), s.meta["category"])
                self.assertEqual(s.meta["execution_mode"], "browser-wasm")
                self.assertIsNotNone(s.code, "no ```python block")
                self.assertIn("def execute(inputs)", s.code)
                for module in s.meta.get("requires") or []:
                    self.assertTrue(os.path.exists(os.path.join(HELPERS_DIR, module + ".py")),
                                    "requires unknown module %s" % module)

    def test_requires_lists_every_helper_module_imported(self):
        # The Pyodide runner may load only what `requires` names, so it must
        # cover the skill's imports and the helpers' own top-level imports.
        pattern = re.compile(r"^(?:from|import) (llmos(?:_\w+)?)\b", re.M)

        def closure(module, seen):
            if module not in seen:
                seen.add(module)
                with open(os.path.join(HELPERS_DIR, module + ".py"), encoding="utf-8") as f:
                    for dep in pattern.findall(f.read()):
                        closure(dep, seen)
            return seen

        for sid, s in SKILLS.items():
            with self.subTest(skill=sid):
                needed = set()
                for module in pattern.findall(s.code):
                    closure(module, needed)
                self.assertEqual(needed - set(s.meta.get("requires") or []), set())

    def test_every_input_has_a_default(self):
        # Port types, duplicate names and whether a default fits its type and
        # range are the core's checks: library_json() fails on any error.
        for sid, s in SKILLS.items():
            for port in s.inputs:
                with self.subTest(skill=sid, input=port["name"]):
                    self.assertIn("default", port)


class RunWithDefaultsTest(unittest.TestCase):
    def test_every_skill_returns_every_declared_output(self):
        outputs = {}
        for sid, s in SKILLS.items():
            with self.subTest(skill=sid):
                start = time.time()
                out = s.run()
                elapsed = time.time() - start
                self.assertIsInstance(out, dict)
                self.assertEqual(sorted(out), sorted(port["name"] for port in s.outputs))
                # Must cross the worker boundary as strict JSON (no NaN/inf).
                json.dumps(out, allow_nan=False)
                self.assertLess(elapsed, 1.5, "execute took %.2fs" % elapsed)
                for port in s.outputs:
                    if port["type"] == "image":
                        self.assertEqual(base64.b64decode(out[port["name"]], validate=True)[:8], b"\x89PNG\r\n\x1a\n")
                outputs[sid] = out
        # Each output a value of its declared type, by the core's validator.
        self.assertEqual(output_type_errors(outputs), [])

    def test_the_output_check_catches_a_wrong_type(self):
        errors = output_type_errors({"quantum-vqe-node": {"eigenvalue": "low", "convergence_data": [1, 2]}})
        self.assertTrue(any("error[workflow.value.type]: input 'eigenvalue' expects float" in e for e in errors), errors)
        self.assertTrue(any("input 'convergence_data' expects series" in e for e in errors), errors)


class QuantumSkillsTest(unittest.TestCase):
    def test_vqe_default_reaches_h2_energy(self):
        out = skill("quantum-vqe-node").run()
        self.assertAlmostEqual(out["eigenvalue"], -1.137306035753, delta=1e-4)
        data = out["convergence_data"]
        self.assertTrue(data["converged"])
        self.assertAlmostEqual(data["exact"], -1.137306035753, places=9)
        self.assertEqual(data["x"][0], 0)
        self.assertEqual(data["y"][-1], out["eigenvalue"])
        # Best-so-far energy never increases.
        self.assertTrue(all(b <= a + 1e-15 for a, b in zip(data["y"], data["y"][1:])))
        self.assertIn("q_0:", out["circuit_diagram"])
        self.assertIn("Ry(", out["circuit_diagram"])

    def test_vqe_state_counts_bloch_and_qasm_are_of_the_optimised_circuit(self):
        out = skill("quantum-vqe-node").run(shots=2000)
        amps = [complex(re, im) for re, im in out["statevector"]]
        self.assertAlmostEqual(sum(abs(a) ** 2 for a in amps), 1.0, places=10)
        # The energy of the returned state, from the Hamiltonian the skill's text
        # gives (rounded to 1e-6): Z terms are diagonal, XX swaps 00<->11, 01<->10.
        def z(index, qubit):
            return -1.0 if index >> qubit & 1 else 1.0
        energy = 0.719969
        for i, a in enumerate(amps):
            diagonal = -1.052373 + 0.397937 * z(i, 0) - 0.397937 * z(i, 1) - 0.011280 * z(i, 0) * z(i, 1)
            energy += diagonal * abs(a) ** 2 + 0.180931 * (a.conjugate() * amps[i ^ 3]).real
        self.assertAlmostEqual(energy, out["eigenvalue"], delta=1e-5)
        counts = out["counts"]
        self.assertEqual(sum(counts.values()), 2000)
        for bits, n in counts.items():
            self.assertAlmostEqual(n / 2000.0, abs(amps[int(bits, 2)]) ** 2, delta=0.04)
        for qubit, (x, y, zz) in enumerate(out["bloch_vectors"]):
            self.assertAlmostEqual(zz, sum(z(i, qubit) * abs(a) ** 2 for i, a in enumerate(amps)), places=10)
            self.assertAlmostEqual(y, 0.0, places=10)  # a real ansatz: no Y component
            self.assertLessEqual(x * x + y * y + zz * zz, 1 + 1e-9)
        qasm = out["qasm"].splitlines()
        self.assertEqual(qasm[:3], ["OPENQASM 2.0;", 'include "qelib1.inc";', "qreg q[2];"])
        self.assertEqual(sum(line.startswith("ry(") for line in qasm), 4)
        self.assertEqual(sum(line.startswith("measure ") for line in qasm), 2)

    def test_vqe_every_ansatz_and_user_hamiltonian(self):
        s = skill("quantum-vqe-node")
        for ansatz in ("ry", "ry_cz", "hardware_efficient", "uccsd"):
            with self.subTest(ansatz=ansatz):
                out = s.run(ansatz_type=ansatz, iterations=300)
                self.assertAlmostEqual(out["eigenvalue"], -1.137306035753, delta=1e-6)
        out = s.run(hamiltonian="1.0*ZZ + 0.5*XI + 0.5*IX", iterations=400)
        self.assertAlmostEqual(out["eigenvalue"], out["convergence_data"]["exact"], delta=1e-4)
        self.assertAlmostEqual(out["convergence_data"]["exact"], -math.sqrt(2), places=9)

    def test_vqe_few_iterations_is_not_converged(self):
        out = skill("quantum-vqe-node").run(iterations=3)
        self.assertFalse(out["convergence_data"]["converged"])
        self.assertEqual(len(out["convergence_data"]["y"]), 4)
        self.assertGreater(out["eigenvalue"], -1.137306035753)

    def test_bell_counts_are_correlated_and_balanced(self):
        out = skill("bell-state-node").run(shots=4000, seed=3)
        counts = out["counts"]
        self.assertEqual(sum(counts.values()), 4000)
        self.assertEqual(set(counts), {"00", "11"})
        self.assertAlmostEqual(counts["00"] / 4000.0, 0.5, delta=0.03)
        r = 1 / math.sqrt(2)
        for (re, im), want in zip(out["statevector"], [r, 0, 0, r]):
            self.assertAlmostEqual(re, want, places=12)
            self.assertAlmostEqual(im, 0.0, places=12)
        self.assertEqual(out["counts"], skill("bell-state-node").run(shots=4000, seed=3)["counts"])
        self.assertIn("cx q[0],q[1];", out["qasm"])
        self.assertEqual(out["bloch_vectors"], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])

    def test_bell_variants(self):
        s = skill("bell-state-node")
        psi_minus = s.run(variant="psi_minus")
        self.assertEqual(set(psi_minus["counts"]), {"01", "10"})
        amps = psi_minus["statevector"]
        self.assertAlmostEqual(amps[1][0], -amps[2][0], places=12)
        self.assertAlmostEqual(abs(amps[1][0]), 1 / math.sqrt(2), places=12)
        phi_minus = s.run(variant="phi_minus")["statevector"]
        self.assertAlmostEqual(phi_minus[3][0], -phi_minus[0][0], places=12)

    def test_ghz(self):
        out = skill("ghz-state-node").run(num_qubits=5, shots=2000, seed=1)
        self.assertEqual(set(out["counts"]), {"00000", "11111"})
        self.assertEqual(out["correlation"], 1.0)
        self.assertAlmostEqual(out["parity_expectation"], 1.0, places=12)
        self.assertAlmostEqual(out["counts"]["00000"] / 2000.0, 0.5, delta=0.04)

    def test_grover_finds_the_marked_item(self):
        out = skill("grover-search-node").run(num_qubits=3, marked_item=5)
        self.assertEqual(out["iterations_used"], 2)
        self.assertAlmostEqual(out["success_probability"], 0.9453125, places=9)
        self.assertGreater(out["success_probability"], 0.9)
        self.assertEqual(out["found"], "101")
        self.assertEqual(out["found_index"], 5)
        four = skill("grover-search-node").run(num_qubits=4, marked_item=11)
        self.assertAlmostEqual(four["success_probability"], 0.9613189697265625, places=9)
        self.assertEqual(four["found_index"], 11)
        # Starting probability is 1/N.
        self.assertAlmostEqual(four["probability_by_iteration"]["y"][0], 1 / 16.0, places=12)

    def test_qft_phases(self):
        out = skill("qft-node").run(num_qubits=3, basis_state=5)
        for k, turn in enumerate(out["phases"]["y"]):
            want = (5 * k / 8.0) % 1.0
            self.assertAlmostEqual(min(abs(turn - want), 1 - abs(turn - want)), 0.0, places=9)
        for row in out["amplitudes"]:
            self.assertAlmostEqual(row["probability"], 1 / 8.0, places=12)

    def test_qft_amplitudes_match_the_definition(self):
        # QFT|x> = sum_k exp(2 pi i x k / N) |k> / sqrt(N), computed here from
        # the definition and compared with the simulated circuit's amplitudes
        # (the skill's own `verified` flag is its opinion, not evidence).
        for n, x in ((3, 5), (4, 3), (5, 22)):
            with self.subTest(num_qubits=n, basis_state=x):
                out = skill("qft-node").run(num_qubits=n, basis_state=x)
                size = 1 << n
                rows = {row["index"]: complex(row["re"], row["im"]) for row in out["amplitudes"]}
                self.assertEqual(sorted(rows), list(range(size)))
                worst = max(abs(rows[k] - cmath.exp(2j * math.pi * x * k / size) / math.sqrt(size))
                            for k in range(size))
                self.assertLess(worst, 1e-9)
                self.assertTrue(out["verified"])
                self.assertLess(out["max_error"], 1e-9)

    def test_bloch_sphere_from_angles_and_gates(self):
        s = skill("bloch-sphere-node")
        out = s.run(theta=math.pi / 2, phi=0.0)
        for got, want in zip(out["bloch_vector"], [1, 0, 0]):
            self.assertAlmostEqual(got, want, places=9)
        out = s.run(gates="h; s")
        for got, want in zip(out["bloch_vector"], [0, 1, 0]):
            self.assertAlmostEqual(got, want, places=9)
        out = s.run()  # theta = pi/3, phi = pi/4
        x, y, z = out["bloch_vector"]
        # (sin t cos p, sin t sin p, cos t) at t = pi/3, p = pi/4.
        xy = math.sqrt(6) / 4
        for got, want in zip((x, y, z), (xy, xy, 0.5)):
            self.assertAlmostEqual(got, want, places=9)
        self.assertAlmostEqual(out["state"]["p0"], 0.75, places=9)
        objects = {o["id"]: o for o in out["scene"]["objects"]}
        self.assertEqual(out["scene"]["version"], 1)
        self.assertEqual(objects["sphere"]["geometry"]["type"], "sphere")
        self.assertEqual(len(objects["equator"]["positions"]), 64 * 3)
        # Scene is Y-up: Bloch (x, y, z) is drawn at (x, z, -y).
        tip = objects["state"]["positions"][3:]
        for got, want in zip(tip, [xy, 0.5, -xy]):
            self.assertAlmostEqual(got, want, places=9)
        for got, want in zip(objects["state-tip"]["position"], [xy, 0.5, -xy]):
            self.assertAlmostEqual(got, want, places=9)
        for o in out["scene"]["objects"]:
            self.assertIn(o["kind"], ("mesh", "line"))

    def test_statevector_inspector(self):
        out = skill("statevector-inspector-node").run(circuit="h 0; cx 0 1; x 2")
        self.assertEqual(sorted(out["probabilities"]), ["100", "111"])
        self.assertAlmostEqual(out["probabilities"]["111"], 0.5, places=12)
        self.assertEqual(out["marginals"], [0.5, 0.5, 1.0])
        self.assertEqual(len(out["probability_chart"]["y"]), 8)
        out = skill("statevector-inspector-node").run(circuit="x 0; rz(pi/2) 0")
        row = out["amplitudes"][0]
        self.assertEqual(row["basis"], "1")
        self.assertAlmostEqual(row["phase"], math.pi / 4, places=12)
        with self.assertRaises(ValueError):
            skill("statevector-inspector-node").run(circuit="frobnicate 0")


class DataSkillsTest(unittest.TestCase):
    def test_signal_generator(self):
        out = skill("signal-generator-node").run(frequency=10.0, sample_rate=1000.0, duration=0.5)
        self.assertEqual(out["samples"], 500)
        self.assertAlmostEqual(out["rms"], 1 / math.sqrt(2), places=6)
        self.assertAlmostEqual(out["signal"]["y"][25], 1.0, places=9)  # quarter period
        square = skill("signal-generator-node").run(waveform="square", amplitude=2.0)
        self.assertEqual(set(square["signal"]["y"]), {2.0, -2.0})
        a = skill("signal-generator-node").run(waveform="noise", seed=4)["signal"]["y"]
        b = skill("signal-generator-node").run(waveform="noise", seed=4)["signal"]["y"]
        self.assertEqual(a, b)

    def test_fft_finds_generated_frequency(self):
        gen = skill("signal-generator-node").run(frequency=12.0, sample_rate=256.0, duration=2.0,
                                                 amplitude=3.0, noise=0.2, seed=9)
        out = skill("fft-spectrum-node").run(signal=gen["signal"])
        self.assertAlmostEqual(out["peak_frequency"], 12.0, delta=0.1)
        self.assertAlmostEqual(out["peak_magnitude"], 3.0, delta=0.3)
        self.assertAlmostEqual(out["spectrum"]["x"][-1], 128.0, places=9)
        # Rate inferred from x spacing when the series has no sample_rate key.
        bare = {"x": gen["signal"]["x"], "y": gen["signal"]["y"]}
        self.assertAlmostEqual(skill("fft-spectrum-node").run(signal=bare)["peak_frequency"], 12.0, delta=0.1)
        default = skill("fft-spectrum-node").run()
        self.assertAlmostEqual(default["peak_frequency"], 12.5, delta=0.1)

    def test_statistics_summary(self):
        out = skill("statistics-summary-node").run()  # [2, 4, 4, 4, 5, 5, 7, 9]
        self.assertEqual(out["mean"], 5.0)
        self.assertEqual(out["median"], 4.5)
        self.assertAlmostEqual(out["summary"]["population_std"], 2.0, places=12)
        self.assertAlmostEqual(out["std"], math.sqrt(32 / 7.0), places=12)
        self.assertEqual((out["summary"]["q1"], out["summary"]["q3"]), (4.0, 5.5))
        # The same answers from Python's own statistics module.
        data = [3.5, -1.25, 8.0, 2.0, 2.0, 11.5, 0.25, 6.75, 4.0]
        ours = skill("statistics-summary-node").run(data=data)["summary"]
        q1, q2, q3 = statistics.quantiles(data, n=4, method="inclusive")
        for key, want in (("mean", statistics.mean(data)), ("median", q2), ("std", statistics.stdev(data)),
                          ("population_std", statistics.pstdev(data)), ("q1", q1), ("q3", q3)):
            self.assertAlmostEqual(ours[key], want, places=12, msg=key)
        series = skill("statistics-summary-node").run(data={"x": [0, 1, 2], "y": [1, None, 3]})
        self.assertEqual(series["summary"]["count"], 2)
        self.assertEqual(series["summary"]["ignored"], 1)

    def test_linear_regression(self):
        out = skill("linear-regression-node").run(data={"x": [0, 1, 2, 3], "y": [1, 3, 5, 7]})
        self.assertAlmostEqual(out["slope"], 2.0, places=12)
        self.assertAlmostEqual(out["intercept"], 1.0, places=12)
        self.assertAlmostEqual(out["r2"], 1.0, places=12)
        self.assertEqual(out["fitted"]["y"], [1.0, 3.0, 5.0, 7.0])
        noisy = skill("linear-regression-node").run()
        # Python's statistics module on the default points.
        points = skill("linear-regression-node").defaults()["data"]
        x, y = points["x"], points["y"]
        reference = statistics.linear_regression(x, y)
        self.assertAlmostEqual(noisy["slope"], reference.slope, places=12)
        self.assertAlmostEqual(noisy["intercept"], reference.intercept, places=12)
        self.assertAlmostEqual(noisy["r2"], statistics.correlation(x, y) ** 2, places=12)

    def test_moving_average(self):
        out = skill("moving-average-node").run()
        want = [1, 2, 2, 10 / 3.0, 11 / 3.0, 5, 6, 7, 8, 28 / 3.0]
        for got, w in zip(out["smoothed"]["y"], want):
            self.assertAlmostEqual(got, w, places=12)
        centred = skill("moving-average-node").run(data=[0, 0, 9, 0, 0], mode="centered")
        self.assertEqual(centred["smoothed"]["y"], [0.0, 3.0, 3.0, 3.0, 0.0])

    def test_csv_parse(self):
        out = skill("csv-parse-node").run()
        self.assertEqual(out["row_count"], 5)
        self.assertEqual(out["column_names"], ["time", "temperature", "humidity"])
        self.assertEqual([s["label"] for s in out["series"]], ["temperature", "humidity"])
        self.assertEqual(out["series"][0]["x"], [0.0, 1.0, 2.0, 3.0, 4.0])
        self.assertEqual(out["series"][0]["y"][2], 21.8)
        text = 'name;score\n"Smith; J";7\nLee;\n'
        semi = skill("csv-parse-node").run(text=text)
        self.assertEqual(semi["table"]["columns"]["name"], ["Smith; J", "Lee"])
        self.assertEqual(semi["table"]["columns"]["score"], [7.0, None])
        self.assertEqual(semi["series"][0]["x"], [0, 1])

    def test_plot_of_vqe_convergence(self):
        vqe = skill("quantum-vqe-node").run()
        out = skill("plot-data-node").run(data=vqe["convergence_data"], width=500, height=300)
        w, h, pixels = decode_rgb(base64.b64decode(out["plot_image"]))
        self.assertEqual((w, h), (500, 300))
        colours = set(tuple(pixels[i:i + 3]) for i in range(0, len(pixels), 3))
        self.assertIn((0x1f, 0x77, 0xb4), colours)  # first series colour
        self.assertIn((0x55, 0x55, 0x55), colours)  # dashed 'exact' reference line

    def test_plot_accepts_number_lists_and_series_lists(self):
        s = skill("plot-data-node")
        for data in ([1, 4, 9, 16], [{"y": [1, 2]}, {"x": [0, 1], "y": [2, 1], "label": "b"}], []):
            with self.subTest(data=data):
                png = base64.b64decode(s.run(data=data)["plot_image"])
                w, h, _ = decode_rgb(png)
                self.assertEqual((w, h), (640, 400))


if __name__ == "__main__":
    unittest.main()
