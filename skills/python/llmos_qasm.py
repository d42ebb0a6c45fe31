"""OpenQASM 2.0 export for llmos_quantum.QuantumCircuit.

Why a separate file: QASM is an interchange format with its own rules
(register declarations, qelib1 gate names); keeping it apart keeps the
simulator readable.
"""

from llmos_angle import format_angle

# Our gate names that qelib1.inc spells differently.
_QASM_NAMES = {"cp": "cu1", "p": "u1"}


def _param(value):
    text = format_angle(value, pi_symbol="pi")
    return text if "pi" in text else repr(float(value))


def circuit_to_qasm(circuit):
    lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', "qreg q[%d];" % circuit.num_qubits]
    if circuit.num_clbits:
        lines.append("creg c[%d];" % circuit.num_clbits)
    for ins in circuit.data:
        qargs = ",".join("q[%d]" % q for q in ins.qubits)
        if ins.name == "measure":
            lines.append("measure q[%d] -> c[%d];" % (ins.qubits[0], ins.clbits[0]))
        elif ins.name == "mcx":
            if len(ins.qubits) == 2:
                lines.append("cx %s;" % qargs)
            elif len(ins.qubits) == 3:
                lines.append("ccx %s;" % qargs)
            else:
                # qelib1 has no n-controlled X; say so rather than emit bad QASM.
                raise ValueError("OpenQASM 2 export does not support mcx with %d controls"
                                 % (len(ins.qubits) - 1))
        else:
            name = _QASM_NAMES.get(ins.name, ins.name)
            if ins.params:
                name += "(%s)" % ",".join(_param(p) for p in ins.params)
            lines.append("%s %s;" % (name, qargs))
    return "\n".join(lines) + "\n"
