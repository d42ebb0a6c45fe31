"""Derivative-free minimisation (Nelder-Mead) for variational algorithms.

Why Nelder-Mead: VQE energies from a simulator are cheap, smooth and have
no gradient available without extra circuits; a simplex method needs only
function values and is fully deterministic for a given starting point.
The adaptive coefficients of Gao and Han (2012) keep it effective as the
number of parameters grows.
"""


def nelder_mead(fun, x0, max_iter=200, initial_step=0.5, xatol=1e-7, fatol=1e-10,
                callback=None):
    """Minimise fun(list of floats) -> float starting from x0.

    Returns a dict: x (best point), fun (best value), nit (iterations run),
    nfev (function evaluations), converged (tolerances met), history (best
    value after each iteration, history[0] is the starting simplex).
    `callback(iteration, best_x, best_f)` is called after every iteration.
    """
    n = len(x0)
    if n == 0:
        value = fun([])
        return {"x": [], "fun": value, "nit": 0, "nfev": 1, "converged": True, "history": [value]}
    alpha, gamma = 1.0, 1.0 + 2.0 / n
    rho, sigma = 0.75 - 1.0 / (2.0 * n), 1.0 - 1.0 / n
    nfev = [0]

    def f(x):
        nfev[0] += 1
        return float(fun(x))

    simplex = [list(map(float, x0))]
    for i in range(n):
        point = list(map(float, x0))
        point[i] += initial_step
        simplex.append(point)
    values = [f(p) for p in simplex]
    history = [min(values)]
    converged = False
    nit = 0
    while nit < max_iter:
        order = sorted(range(n + 1), key=lambda k: values[k])
        simplex = [simplex[k] for k in order]
        values = [values[k] for k in order]
        spread_f = values[-1] - values[0]
        spread_x = max(abs(simplex[k][j] - simplex[0][j]) for k in range(1, n + 1) for j in range(n))
        if spread_f <= fatol and spread_x <= xatol:
            converged = True
            break
        nit += 1
        centroid = [sum(simplex[k][j] for k in range(n)) / n for j in range(n)]
        worst = simplex[-1]
        xr = [c + alpha * (c - w) for c, w in zip(centroid, worst)]
        fr = f(xr)
        if fr < values[0]:
            xe = [c + gamma * (r - c) for c, r in zip(centroid, xr)]
            fe = f(xe)
            simplex[-1], values[-1] = (xe, fe) if fe < fr else (xr, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = xr, fr
        else:
            outside = fr < values[-1]
            if outside:
                xc = [c + rho * (r - c) for c, r in zip(centroid, xr)]
            else:
                xc = [c + rho * (w - c) for c, w in zip(centroid, worst)]
            fc = f(xc)
            if fc < (fr if outside else values[-1]):
                simplex[-1], values[-1] = xc, fc
            else:
                best = simplex[0]
                for k in range(1, n + 1):
                    simplex[k] = [b + sigma * (p - b) for b, p in zip(best, simplex[k])]
                    values[k] = f(simplex[k])
        k_best = min(range(n + 1), key=lambda k: values[k])
        history.append(values[k_best])
        if callback is not None:
            callback(nit, list(simplex[k_best]), values[k_best])
    k_best = min(range(n + 1), key=lambda k: values[k])
    return {"x": list(simplex[k_best]), "fun": values[k_best], "nit": nit,
            "nfev": nfev[0], "converged": converged, "history": history}
