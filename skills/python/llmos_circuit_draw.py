"""Text diagrams of circuits in the style of qiskit's text drawer.

     ┌───┐     ┌─┐
q_0: ┤ H ├──■──┤M├
     └───┘┌─┴─┐└╥┘
q_1: ─────┤ X ├─╫─
          └───┘ ║
c: 2/═══════════╩═
                0

Each qubit owns three text rows (top, wire, bottom); the bottom row of one
qubit and the top row of the next are the same line of text, merged
character by character, which is how qiskit gets its compact look.
Gates are placed in columns greedily (a gate goes in the first column after
everything it spans), and every element is an odd width so that vertical
connectors line up at the column centre.
"""

from llmos_angle import format_angle

_LABELS = {"h": "H", "x": "X", "y": "Y", "z": "Z", "s": "S", "sdg": "Sdg",
           "t": "T", "tdg": "Tdg", "sx": "√X", "id": "I",
           "rx": "Rx", "ry": "Ry", "rz": "Rz", "p": "P"}

# How two characters that meet on a shared row combine.
_MERGE = {
    ("└", "┌"): "├", ("┘", "┐"): "┤", ("─", "┌"): "┬", ("─", "┐"): "┬",
    ("└", "─"): "┴", ("┘", "─"): "┴", ("┬", "│"): "┬", ("│", "┴"): "┴",
    ("┬", "┴"): "┼", ("╥", "║"): "╥", ("│", "┌"): "├", ("┐", "│"): "┤",
}


def _merge(a, b):
    if a == " ":
        return b
    if b == " " or a == b:
        return a
    if (a, b) in _MERGE:
        return _MERGE[(a, b)]
    return b if a == "─" else a


def _odd(text):
    return text if len(text) % 2 else text + " "


def _box(label, up=False, down=False):
    label = _odd(label)
    inner = len(label) + 2
    top = list("┌" + "─" * inner + "┐")
    bot = list("└" + "─" * inner + "┘")
    centre = (inner + 2) // 2
    if up:
        top[centre] = "┴"
    if down:
        bot[centre] = "┬"
    return ("".join(top), "┤ " + label + " ├", "".join(bot))


def _wire(symbol, up, down):
    return (" │ " if up else "   ", "─" + symbol + "─", " │ " if down else "   ")


def _gate_label(ins):
    label = _LABELS.get(ins.name, ins.name.upper())
    if ins.params:
        label += "(" + ",".join(format_angle(p) for p in ins.params) + ")"
    return label


def _elements(ins, num_qubits):
    """(span of qubit rows, {qubit: (top, mid, bot)}, classical (mid, idx) or None)."""
    name, qs = ins.name, ins.qubits
    if name == "measure":
        q, c = qs[0], ins.clbits[0]
        cells = {q: ("┌─┐", "┤M├", "└╥┘")}
        for below in range(q + 1, num_qubits):
            cells[below] = (" ║ ", "─╫─", " ║ ")
        idx = _odd(str(c))
        half = "═" * ((len(idx) - 1) // 2)
        return range(q, num_qubits), cells, (half + "╩" + half, idx)
    if name == "barrier":
        cells = {q: (" ░ ", "─░─", " ░ ") for q in qs}
        return range(min(qs), max(qs) + 1), cells, None
    if len(qs) == 1:
        return range(qs[0], qs[0] + 1), {qs[0]: _box(_gate_label(ins))}, None
    lo, hi = min(qs), max(qs)
    cells = {}
    for q in range(lo, hi + 1):
        up, down = q > lo, q < hi
        if q not in qs:
            cells[q] = _wire("┼", up, down)
        elif name == "swap":
            cells[q] = _wire("X", up, down)
        elif name == "cz" or q != qs[-1]:
            cells[q] = _wire("■", up, down)
        elif name in ("cx", "ccx", "mcx"):
            cells[q] = _box("X", up, down)
        elif name == "cy":
            cells[q] = _box("Y", up, down)
        else:  # cp and other controlled rotations: label on the target
            base = ins.name[1:] if ins.name.startswith("c") else ins.name
            cells[q] = _box(_LABELS.get(base, base.upper()) + (
                "(" + ",".join(format_angle(p) for p in ins.params) + ")" if ins.params else ""),
                up, down)
    return range(lo, hi + 1), cells, None


def _layout(circuit):
    """Group instructions into columns; returns a list of (cells, classical)."""
    n = circuit.num_qubits
    level = [0] * n
    clevel = 0
    columns = []
    for ins in circuit.data:
        span, cells, classical = _elements(ins, n)
        col = max(level[q] for q in span)
        if classical is not None:
            col = max(col, clevel)
            clevel = col + 1
        for q in span:
            level[q] = col + 1
        while len(columns) <= col:
            columns.append(({}, None))
        merged, old_classical = columns[col]
        merged.update(cells)
        columns[col] = (merged, classical or old_classical)
    return columns


def _pad(text, width, fill):
    left = (width - len(text)) // 2
    return fill * left + text + fill * (width - len(text) - left)


def draw_text(circuit):
    n = circuit.num_qubits
    has_clbits = circuit.num_clbits > 0
    # rows[2k+1] is qubit k's wire; rows[2k] and rows[2k+2] are shared edges.
    rows = [[] for _ in range(2 * n + 1)]
    crow, irow = [], []
    for cells, classical in _layout(circuit):
        width = max([len(c[1]) for c in cells.values()] + [len(classical[1]) if classical else 1])
        for q in range(n):
            top, mid, bot = cells.get(q, ("", "", ""))
            top, mid, bot = _pad(top, width, " "), _pad(mid, width, "─"), _pad(bot, width, " ")
            rows[2 * q + 1].append(mid)
            # Shared edge rows: merge with what the qubit above wrote there.
            if q == 0:
                rows[0].append(top)
            else:
                above = rows[2 * q].pop()
                rows[2 * q].append("".join(_merge(a, b) for a, b in zip(above, top)))
            rows[2 * q + 2].append(bot)
        if has_clbits:
            cmid, idx = classical if classical else ("", "")
            crow.append(_pad(cmid, width, "═"))
            irow.append(_pad(idx, width, " "))
    names = ["q_%d: " % q for q in range(n)]
    cname = "c: %d/" % circuit.num_clbits
    margin = max(len(s) for s in names + ([cname] if has_clbits else []))
    out = []
    for r, parts in enumerate(rows):
        head = names[(r - 1) // 2].rjust(margin) if r % 2 else " " * margin
        wire = "".join(parts)
        out.append(head + (wire if wire or r % 2 == 0 else ""))
    if has_clbits:
        out.append(cname.rjust(margin) + "".join(crow))
        out.append(" " * margin + "".join(irow))
    # A circuit with no gates still shows its wires, like qiskit does.
    if not circuit.data:
        out = [(" " * margin if r % 2 == 0 else names[(r - 1) // 2].rjust(margin))
               + ("" if r % 2 == 0 else "─") for r in range(2 * n + 1)]
    return "\n".join(out)
