"""Descriptive statistics, least-squares regression and CSV to columns.

Why not the stdlib `statistics` module alone: we need quartiles that match
the common (numpy/Excel 'linear', type 7) definition, regression with r^2
and residual error, and tolerant number parsing for CSV cells.
"""

import csv
import io
import math


def _numbers(values):
    out = []
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def quantile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        raise ValueError("quantile of an empty list")
    pos = (len(sorted_values) - 1) * q
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def summary(values):
    """Count, mean, median, std (sample and population), min/max, quartiles."""
    data = _numbers(values)
    n = len(data)
    if n == 0:
        raise ValueError("no numeric values to summarise")
    s = sorted(data)
    mean = math.fsum(s) / n
    ss = math.fsum((v - mean) ** 2 for v in s)
    q1, q2, q3 = quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)
    return {
        "count": n,
        "ignored": len(values) - n,
        "mean": mean,
        "median": q2,
        "std": math.sqrt(ss / (n - 1)) if n > 1 else 0.0,
        "population_std": math.sqrt(ss / n),
        "variance": ss / (n - 1) if n > 1 else 0.0,
        "min": s[0],
        "max": s[-1],
        "range": s[-1] - s[0],
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
        "sum": math.fsum(s),
    }


def linear_regression(xs, ys):
    """Ordinary least squares y = slope*x + intercept.

    Returns slope, intercept, r2, residual standard error and the standard
    errors of slope and intercept (when n > 2).
    """
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys)
             if x is not None and y is not None and math.isfinite(float(x)) and math.isfinite(float(y))]
    n = len(pairs)
    if n < 2:
        raise ValueError("need at least two (x, y) points")
    mx = math.fsum(p[0] for p in pairs) / n
    my = math.fsum(p[1] for p in pairs) / n
    sxx = math.fsum((x - mx) ** 2 for x, _ in pairs)
    sxy = math.fsum((x - mx) * (y - my) for x, y in pairs)
    syy = math.fsum((y - my) ** 2 for _, y in pairs)
    if sxx == 0:
        raise ValueError("all x values are equal; the slope is undefined")
    slope = sxy / sxx
    intercept = my - slope * mx
    sse = math.fsum((y - (slope * x + intercept)) ** 2 for x, y in pairs)
    r2 = 1.0 - sse / syy if syy > 0 else 1.0
    result = {"slope": slope, "intercept": intercept, "r2": r2, "n": n,
              "residual_std_error": 0.0, "slope_std_error": 0.0, "intercept_std_error": 0.0}
    if n > 2:
        s = math.sqrt(sse / (n - 2))
        result["residual_std_error"] = s
        result["slope_std_error"] = s / math.sqrt(sxx)
        result["intercept_std_error"] = s * math.sqrt(1.0 / n + mx * mx / sxx)
    return result


def parse_number(text):
    """float for numeric cells ('1,5' is not guessed), None for empty, else the text."""
    t = text.strip()
    if t == "" or t.lower() in ("na", "nan", "null", "none"):
        return None
    try:
        value = float(t)
    except ValueError:
        return t
    return value if math.isfinite(value) else None


def parse_csv(text, delimiter="auto", has_header=True):
    """{"columns": {name: [values]}, "column_names": [...], "rows": n,
    "numeric_columns": [...]}; numeric cells become floats, blanks None."""
    if not text.strip():
        raise ValueError("CSV text is empty")
    if delimiter == "auto":
        try:
            delimiter = csv.Sniffer().sniff(text[:2048], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    rows = [r for r in csv.reader(io.StringIO(text.strip()), delimiter=delimiter)
            if any(cell.strip() for cell in r)]
    width = max(len(r) for r in rows)
    if has_header:
        header, body = rows[0], rows[1:]
        names = []
        for i in range(width):
            name = header[i].strip() if i < len(header) and header[i].strip() else "column_%d" % (i + 1)
            while name in names:  # keep duplicate headers distinct
                name += "_"
            names.append(name)
    else:
        names, body = ["column_%d" % (i + 1) for i in range(width)], rows
    columns = {name: [] for name in names}
    for r in body:
        for i, name in enumerate(names):
            columns[name].append(parse_number(r[i]) if i < len(r) else None)
    numeric = [n for n in names
               if columns[n] and all(v is None or isinstance(v, float) for v in columns[n])
               and any(v is not None for v in columns[n])]
    return {"columns": columns, "column_names": names, "rows": len(body),
            "numeric_columns": numeric, "delimiter": delimiter}
