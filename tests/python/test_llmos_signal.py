"""FFT, spectra, waveforms and moving averages against known answers."""

import cmath
import math
import unittest

import helpers_path  # noqa: F401

from llmos_signal import (fft, generate, ifft, magnitude_spectrum,  # noqa: E402
                          moving_average, peak_frequency)


class FftTest(unittest.TestCase):
    def test_matches_direct_dft(self):
        data = [complex(math.sin(0.3 * i) + 0.1 * i, math.cos(1.7 * i)) for i in range(16)]
        fast = fft(data)
        for k in range(16):
            direct = sum(data[n] * cmath.exp(-2j * math.pi * k * n / 16) for n in range(16))
            self.assertAlmostEqual(abs(fast[k] - direct), 0.0, places=9)
        back = ifft(fast)
        for a, b in zip(back, data):
            self.assertAlmostEqual(abs(a - b), 0.0, places=12)

    def test_length_must_be_power_of_two(self):
        with self.assertRaises(ValueError):
            fft([1, 2, 3])

    def test_peak_of_a_sine(self):
        t, y = generate("sine", frequency=37.0, sample_rate=500.0, duration=1.0, amplitude=2.0)
        freqs, mags = magnitude_spectrum(y, 500.0)
        peak, k = peak_frequency(freqs, mags)
        self.assertAlmostEqual(peak, 37.0, delta=0.1)
        self.assertAlmostEqual(mags[k], 2.0, delta=0.2)
        self.assertAlmostEqual(freqs[-1], 250.0, places=9)

    def test_square_wave_has_odd_harmonics(self):
        _, y = generate("square", frequency=8.0, sample_rate=1024.0, duration=1.0)
        freqs, mags = magnitude_spectrum(y, 1024.0, "none")
        at = {f: m for f, m in zip(freqs, mags)}
        self.assertAlmostEqual(at[8.0], 4 / math.pi, delta=0.02)
        self.assertAlmostEqual(at[24.0], 4 / (3 * math.pi), delta=0.02)
        self.assertLess(at[16.0], 0.01)


class WaveformTest(unittest.TestCase):
    def test_shapes(self):
        _, saw = generate("saw", frequency=1.0, sample_rate=4.0, duration=1.0)
        self.assertEqual(saw, [-1.0, -0.5, 0.0, 0.5])
        _, tri = generate("triangle", frequency=1.0, sample_rate=4.0, duration=1.0)
        self.assertEqual(tri, [1.0, 0.0, -1.0, 0.0])
        with self.assertRaises(ValueError):
            generate("chirp")


class MovingAverageTest(unittest.TestCase):
    def test_trailing_and_centered(self):
        self.assertEqual(moving_average([1, 2, 3, 4], 2), [1.0, 1.5, 2.5, 3.5])
        self.assertEqual(moving_average([3, 6, 9], 3, "centered"), [4.5, 6.0, 7.5])
        self.assertEqual(moving_average([5], 10), [5.0])
        with self.assertRaises(ValueError):
            moving_average([1], 0)


if __name__ == "__main__":
    unittest.main()
