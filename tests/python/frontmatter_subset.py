"""A reader for the small YAML subset used in skill front matter.

Why: the tests must run with a bare python3 (no PyYAML). The subset is:
`key: scalar`, `key: [flow, list]`, `key: {flow: map}`, and a block list
under a key whose items are either flow maps (`- {name: x, type: int}`) or
block maps (`- name: x` followed by more-indented `key: value` lines).
Scalars: quoted strings, ints, floats, true/false, null, plain text.
Comments start at ` #` outside quotes. Anything else raises ValueError
with a line number, so a skill file the C++ parser would read differently
is caught rather than guessed at.
"""

import re

_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")


def split_front_matter(text):
    """(front matter text, body text, line number of the first YAML line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("file does not start with a '---' front matter line")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), 2
    raise ValueError("front matter has no closing '---'")


def _strip_comment(line):
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def scalar(text):
    t = text.strip()
    if t == "" or t in ("null", "~", "Null", "NULL"):
        return None
    if t in ("true", "True", "TRUE"):
        return True
    if t in ("false", "False", "FALSE"):
        return False
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        inner = t[1:-1]
        if t[0] == '"':
            return inner.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        return inner.replace("''", "'")
    if _INT.match(t):
        return int(t)
    if _FLOAT.match(t):
        return float(t)
    return t


class _Flow(object):
    """Recursive-descent reader for [..] and {..} values."""

    def __init__(self, text, line_no):
        self.s = text
        self.i = 0
        self.line_no = line_no

    def fail(self, message):
        raise ValueError("line %d: %s in %r" % (self.line_no, message, self.s))

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            return None
        ch = self.s[self.i]
        if ch == "[":
            return self.seq()
        if ch == "{":
            return self.map()
        if ch in "\"'":
            end = self.i + 1
            while end < len(self.s):
                if self.s[end] == ch:
                    if ch == "'" and end + 1 < len(self.s) and self.s[end + 1] == "'":
                        end += 2
                        continue
                    if ch == '"' and self.s[end - 1] == "\\":
                        end += 1
                        continue
                    break
                end += 1
            if end >= len(self.s):
                self.fail("unterminated string")
            token = self.s[self.i:end + 1]
            self.i = end + 1
            return scalar(token)
        start = self.i
        while self.i < len(self.s) and self.s[self.i] not in ",]}":
            self.i += 1
        return scalar(self.s[start:self.i])

    def seq(self):
        self.i += 1
        out = []
        while True:
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                return out
            out.append(self.value())
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
            elif self.i >= len(self.s) or self.s[self.i] != "]":
                self.fail("expected ',' or ']'")

    def map(self):
        self.i += 1
        out = {}
        while True:
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                return out
            colon = self.s.find(":", self.i)
            if colon < 0:
                self.fail("expected 'key: value'")
            key = self.s[self.i:colon].strip()
            self.i = colon + 1
            if key in out:
                self.fail("duplicate key '%s'" % key)
            out[key] = self.value()
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
            elif self.i >= len(self.s) or self.s[self.i] != "}":
                self.fail("expected ',' or '}'")


def _inline(text, line_no):
    t = text.strip()
    if t.startswith("[") or t.startswith("{"):
        reader = _Flow(t, line_no)
        value = reader.value()
        if reader.s[reader.i:].strip():
            reader.fail("trailing text after a flow value")
        return value
    return scalar(t)


def _key_value(text, line_no):
    m = re.match(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$", text)
    if not m:
        raise ValueError("line %d: expected 'key: value', got %r" % (line_no, text))
    return m.group(1), (m.group(2) or "")


def parse(text, first_line=1):
    """Parse front matter text into a dict."""
    rows = []
    for offset, raw in enumerate(text.split("\n")):
        line = _strip_comment(raw)
        if line.strip():
            if "\t" in line[:len(line) - len(line.lstrip())]:
                raise ValueError("line %d: tabs are not allowed for indentation" % (first_line + offset))
            rows.append((first_line + offset, len(line) - len(line.lstrip()), line.strip()))
    out = {}
    i = 0
    while i < len(rows):
        line_no, indent, content = rows[i]
        if indent != 0:
            raise ValueError("line %d: unexpected indentation" % line_no)
        key, rest = _key_value(content, line_no)
        if key in out:
            raise ValueError("line %d: duplicate key '%s'" % (line_no, key))
        i += 1
        if rest:
            out[key] = _inline(rest, line_no)
            continue
        # A block list (or nothing) follows.
        items = []
        while i < len(rows) and rows[i][1] > 0:
            line_no, item_indent, content = rows[i]
            if not content.startswith("- ") and content != "-":
                raise ValueError("line %d: expected a '- ' list item" % line_no)
            body = content[1:].strip()
            i += 1
            if body.startswith("{") or body.startswith("[") or ":" not in body:
                items.append(_inline(body, line_no))
                continue
            k, v = _key_value(body, line_no)
            item = {k: _inline(v, line_no)}
            while i < len(rows) and rows[i][1] > item_indent and not rows[i][2].startswith("- "):
                k, v = _key_value(rows[i][2], rows[i][0])
                if k in item:
                    raise ValueError("line %d: duplicate key '%s'" % (rows[i][0], k))
                item[k] = _inline(v, rows[i][0])
                i += 1
            items.append(item)
        out[key] = items if items else None
    return out


def read_skill(text):
    """(front matter dict, markdown body)."""
    fm, body, first = split_front_matter(text)
    return parse(fm, first), body


def python_code(body):
    """The first ```python fenced block of the body."""
    m = re.search(r"^```python[ \t]*\n(.*?)^```[ \t]*$", body, re.S | re.M)
    return m.group(1) if m else None
