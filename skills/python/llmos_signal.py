"""Signals: waveform generation, radix-2 FFT, spectra and smoothing.

Why pure Python: numpy is not available offline in the browser runtime.
An iterative radix-2 FFT is O(n log n) and fast enough for the few
thousand samples a node handles; longer inputs are zero-padded to a power
of two.
"""

import cmath
import math
import random

WAVEFORMS = ("sine", "square", "saw", "triangle", "noise")


def generate(waveform="sine", frequency=5.0, sample_rate=100.0, duration=1.0,
             amplitude=1.0, phase=0.0, offset=0.0, noise=0.0, seed=0):
    """(times, values) of a sampled waveform.

    phase is in radians; `noise` adds Gaussian noise of that standard
    deviation (seeded, so a workflow re-run gives identical data).
    """
    if sample_rate <= 0 or duration <= 0:
        raise ValueError("sample_rate and duration must be positive")
    if waveform not in WAVEFORMS:
        raise ValueError("waveform must be one of %s" % ", ".join(WAVEFORMS))
    count = int(round(duration * sample_rate))
    if count > 1000000:
        raise ValueError("too many samples (%d); lower duration or sample_rate" % count)
    rng = random.Random(seed)
    times, values = [], []
    for i in range(count):
        t = i / float(sample_rate)
        cycle = (frequency * t + phase / (2 * math.pi)) % 1.0
        if waveform == "sine":
            v = math.sin(2 * math.pi * frequency * t + phase)
        elif waveform == "square":
            v = 1.0 if cycle < 0.5 else -1.0
        elif waveform == "saw":
            v = 2.0 * cycle - 1.0
        elif waveform == "triangle":
            v = 4.0 * abs(cycle - 0.5) - 1.0
        else:
            v = rng.gauss(0.0, 1.0)
        v = offset + amplitude * v
        if noise:
            v += rng.gauss(0.0, noise)
        times.append(t)
        values.append(v)
    return times, values


def next_power_of_two(n):
    return 1 if n <= 1 else 1 << (n - 1).bit_length()


def fft(values):
    """Discrete Fourier transform; len(values) must be a power of two."""
    n = len(values)
    if n & (n - 1):
        raise ValueError("fft length must be a power of two, got %d" % n)
    a = [complex(v) for v in values]
    # Bit-reversal permutation, then butterflies of growing size.
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    size = 2
    while size <= n:
        w_step = cmath.exp(-2j * math.pi / size)
        half = size // 2
        for start in range(0, n, size):
            w = 1 + 0j
            for k in range(start, start + half):
                u, v = a[k], a[k + half] * w
                a[k], a[k + half] = u + v, u - v
                w *= w_step
        size *= 2
    return a


def ifft(values):
    n = len(values)
    return [c.conjugate() / n for c in fft([v.conjugate() for v in map(complex, values)])]


def window(name, n):
    if name in (None, "none", "rectangular"):
        return [1.0] * n
    if name == "hann":
        return [0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1)) for i in range(n)] if n > 1 else [1.0]
    if name == "hamming":
        return [0.54 - 0.46 * math.cos(2 * math.pi * i / (n - 1)) for i in range(n)] if n > 1 else [1.0]
    raise ValueError("unknown window '%s' (none, hann, hamming)" % name)


def magnitude_spectrum(values, sample_rate, window_name="hann", remove_mean=True):
    """(frequencies, amplitudes) for 0..Nyquist.

    Amplitudes are scaled so a sine of amplitude A shows a peak of about A
    (divided by the window's coherent gain); the mean is removed first so
    the DC bin does not hide small signals.
    """
    n = len(values)
    if n < 2:
        raise ValueError("need at least two samples")
    mean = sum(values) / n if remove_mean else 0.0
    w = window(window_name, n)
    gain = sum(w) / n
    size = next_power_of_two(n)
    padded = [(v - mean) * wk for v, wk in zip(values, w)] + [0.0] * (size - n)
    spectrum = fft(padded)
    freqs, mags = [], []
    for k in range(size // 2 + 1):
        scale = (1.0 if k in (0, size // 2) else 2.0) / (n * gain)
        freqs.append(k * sample_rate / size)
        mags.append(abs(spectrum[k]) * scale)
    return freqs, mags


def peak_frequency(freqs, mags):
    """Frequency of the largest bin, refined by a parabola through its
    neighbours (zero padding and windowing put true peaks between bins)."""
    k = max(range(1, len(mags)), key=lambda i: mags[i]) if len(mags) > 1 else 0
    if 0 < k < len(mags) - 1:
        a, b, c = mags[k - 1], mags[k], mags[k + 1]
        denom = a - 2 * b + c
        shift = 0.5 * (a - c) / denom if denom else 0.0
        step = freqs[1] - freqs[0]
        return freqs[k] + shift * step, k
    return freqs[k], k


def moving_average(values, window_size, mode="trailing"):
    """Average of the last (trailing) or surrounding (centered) samples.

    The result has the input's length: near the edges the window shrinks to
    the samples that exist, so no made-up values are averaged in.
    """
    w = int(window_size)
    if w < 1:
        raise ValueError("window must be >= 1")
    if mode not in ("trailing", "centered"):
        raise ValueError("mode must be trailing or centered")
    n = len(values)
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    out = []
    for i in range(n):
        if mode == "trailing":
            lo, hi = max(0, i - w + 1), i + 1
        else:
            lo, hi = max(0, i - (w - 1) // 2), min(n, i + w // 2 + 1)
        out.append((prefix[hi] - prefix[lo]) / (hi - lo))
    return out
