"""Angles written the way people read them (pi/2, not 1.5707963267948966).

A leaf module: the QASM exporter and the circuit drawer both print angles,
and neither needs the simulator to do it.
"""

import math


def format_angle(value, pi_symbol="π"):
    """Show an angle as a multiple of pi when it is a simple fraction.

    Why: qiskit's drawer and QASM exporter print pi/2 rather than
    1.5707963267948966, which is what people expect to read.
    """
    if value == 0:
        return "0"
    ratio = value / math.pi
    for den in (1, 2, 3, 4, 6, 8, 16):
        num = ratio * den
        if abs(num - round(num)) < 1e-9 and abs(round(num)) <= 64:
            num = int(round(num))
            sign = "-" if num < 0 else ""
            num = abs(num)
            head = pi_symbol if num == 1 else "%d%s" % (num, pi_symbol)
            if pi_symbol == "pi" and num != 1:
                head = "%d*pi" % num
            return sign + head if den == 1 else "%s%s/%d" % (sign, head, den)
    return "%.4g" % value
