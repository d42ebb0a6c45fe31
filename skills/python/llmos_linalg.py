"""Eigenvalues of small Hermitian matrices by cyclic Jacobi rotations.

Why Jacobi: it is short, unconditionally stable and accurate to machine
precision, and the matrices we need (Hamiltonians of up to ~5 qubits,
32 x 32) are small enough that its O(n^3) per sweep does not matter.
For a complex Hermitian matrix each rotation first removes the phase of the
off-diagonal element (a diagonal unitary), then applies a real rotation.
"""

import cmath
import math


def hermitian_eigh(matrix, tol=1e-14, max_sweeps=64):
    """Return (eigenvalues ascending, eigenvectors as columns-list).

    `matrix` is a list of rows of numbers (complex allowed) and must be
    Hermitian. eigenvectors[k] is the normalised eigenvector of eigenvalue k.
    """
    n = len(matrix)
    a = [[complex(v) for v in row] for row in matrix]
    for i in range(n):
        if len(a[i]) != n:
            raise ValueError("matrix must be square")
        for j in range(i, n):
            if abs(a[i][j] - a[j][i].conjugate()) > 1e-9 * (1 + abs(a[i][j])):
                raise ValueError("matrix is not Hermitian at (%d, %d)" % (i, j))
    v = [[1 + 0j if i == j else 0j for j in range(n)] for i in range(n)]
    scale = max([abs(x) for row in a for x in row] + [1e-300])
    for _ in range(max_sweeps):
        off = math.sqrt(sum(abs(a[i][j]) ** 2 for i in range(n) for j in range(n) if i != j))
        if off <= tol * scale:
            break
        for p in range(n - 1):
            for q in range(p + 1, n):
                apq = a[p][q]
                if abs(apq) <= 1e-300:
                    continue
                # Phase step: scale basis vector q by e^{-i phi} so a[p][q] is real.
                phi = cmath.phase(apq)
                if phi != 0.0:
                    ph = cmath.exp(-1j * phi)
                    for k in range(n):
                        a[k][q] *= ph
                    phc = ph.conjugate()
                    for k in range(n):
                        a[q][k] *= phc
                    for k in range(n):
                        v[k][q] *= ph
                    a[q][q] = complex(a[q][q].real, 0.0)
                b = a[p][q].real
                app, aqq = a[p][p].real, a[q][q].real
                theta = (aqq - app) / (2.0 * b)
                t = (1.0 if theta >= 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1.0))
                c = 1.0 / math.sqrt(t * t + 1.0)
                s = t * c
                for k in range(n):
                    if k != p and k != q:
                        akp, akq = a[k][p], a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                        a[p][k] = a[k][p].conjugate()
                        a[q][k] = a[k][q].conjugate()
                a[p][p] = complex(app - t * b)
                a[q][q] = complex(aqq + t * b)
                a[p][q] = a[q][p] = 0j
                for k in range(n):
                    vkp, vkq = v[k][p], v[k][q]
                    v[k][p] = c * vkp - s * vkq
                    v[k][q] = s * vkp + c * vkq
    order = sorted(range(n), key=lambda i: a[i][i].real)
    values = [a[i][i].real for i in order]
    vectors = [[v[k][i] for k in range(n)] for i in order]
    return values, vectors


def hermitian_eigenvalues(matrix):
    """Eigenvalues only, ascending."""
    return hermitian_eigh(matrix)[0]


def ground_state(matrix):
    """(lowest eigenvalue, its eigenvector)."""
    values, vectors = hermitian_eigh(matrix)
    return values[0], vectors[0]
