// A reader for the small YAML subset that skill front matter uses.
//
// Why our own: the tests must not depend on a YAML package, and a tiny reader
// also keeps the skill authors honest -- anything this reader rejects (anchors,
// multi-line scalars, tags) is a feature the C++/wasm parser need not support
// either. Supported: block maps, block sequences (of scalars, flow collections
// or block maps), flow maps {a: 1, b: [x, y]}, flow sequences, single/double
// quoted strings, `# comments`, null/true/false, ints and floats.

export class YamlSubsetError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

const INT_RE = /^[-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

// Plain scalars resolve like the YAML 1.2 core schema.
export function resolvePlainScalar(text) {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (INT_RE.test(text)) return parseInt(text, 10);
  if (FLOAT_RE.test(text)) return parseFloat(text);
  if (text === '.inf' || text === '+.inf') return Infinity;
  if (text === '-.inf') return -Infinity;
  if (text === '.nan') return NaN;
  return text;
}

// Removes a trailing comment: `#` starts one only at line start or after
// whitespace, and never inside quotes (so "#ff8800" is a colour, not a comment).
function stripComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") { i++; continue; }
        quote = null;
      } else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") {
      // Quotes open a scalar only where a scalar can start.
      const prev = i === 0 ? ' ' : line[i - 1];
      if (/[\s,\[{:-]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i).replace(/\s+$/, '');
    }
  }
  return line.replace(/\s+$/, '');
}

// Parses one flow value (scalar, quoted string, {map} or [seq]) from text.
class FlowParser {
  constructor(text, line) { this.s = text; this.i = 0; this.line = line; }
  fail(msg) { throw new YamlSubsetError(`${msg} at column ${this.i + 1}: ${this.s}`, this.line); }
  ws() { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }
  parseAll() {
    const v = this.value(false);
    this.ws();
    if (this.i !== this.s.length) this.fail('unexpected text after value');
    return v;
  }
  value(inFlow) {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.map();
    if (c === '[') return this.seq();
    if (c === '"' || c === "'") return this.quoted();
    if (c === '&' || c === '*' || c === '!' || c === '|' || c === '>') this.fail(`unsupported YAML feature '${c}'`);
    return this.plain(inFlow);
  }
  quoted() {
    const q = this.s[this.i++];
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === q) {
        if (q === "'" && this.s[this.i] === "'") { out += "'"; this.i++; continue; }
        return out;
      }
      if (c === '\\' && q === '"') {
        const e = this.s[this.i++];
        const map = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', r: '\r', '0': '\0' };
        if (e === 'u') { out += String.fromCharCode(parseInt(this.s.substr(this.i, 4), 16)); this.i += 4; continue; }
        if (!(e in map)) this.fail(`unknown escape \\${e}`);
        out += map[e];
        continue;
      }
      out += c;
    }
    this.fail('unterminated quoted string');
  }
  plain(inFlow) {
    const start = this.i;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (inFlow && (c === ',' || c === '}' || c === ']')) break;
      if (inFlow && c === ':' && /[\s,}\]]/.test(this.s[this.i + 1] ?? ' ')) break;
      this.i++;
    }
    return resolvePlainScalar(this.s.slice(start, this.i).trim());
  }
  map() {
    this.i++;
    const out = {};
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return out; }
    for (;;) {
      this.ws();
      const key = this.s[this.i] === '"' || this.s[this.i] === "'" ? this.quoted() : this.plain(true);
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":" in flow map');
      this.i++;
      const k = String(key);
      if (Object.hasOwn(out, k)) this.fail(`duplicate key '${k}'`);
      out[k] = this.value(true);
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === '}') { this.i++; return out; }
      this.fail('expected "," or "}"');
    }
  }
  seq() {
    this.i++;
    const out = [];
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      out.push(this.value(true));
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === ']') { this.i++; return out; }
      this.fail('expected "," or "]"');
    }
  }
}

function parseInlineValue(text, line) {
  return new FlowParser(text, line).parseAll();
}

// Splits `key: rest` (key may be quoted); returns null if the line is no map entry.
function splitKey(text) {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{\[][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return null;
  let key = m[1];
  if (key.startsWith('"') || key.startsWith("'")) key = new FlowParser(key, 0).quoted();
  return { key, rest: m[2] ?? '' };
}

// Parses a whole YAML document of the supported subset into plain JS values.
export function parseYamlSubset(source) {
  const lines = [];
  source.split(/\r?\n/).forEach((raw, idx) => {
    if (/\t/.test(raw.match(/^\s*/)[0])) throw new YamlSubsetError('tab used for indentation', idx + 1);
    const text = stripComment(raw);
    if (text.trim() === '') return;
    lines.push({ indent: text.match(/^ */)[0].length, text: text.trim(), line: idx + 1 });
  });
  let pos = 0;

  function block(indent) {
    const first = lines[pos];
    if (first.text === '-' || first.text.startsWith('- ')) return seq(indent);
    return map(indent);
  }

  function valueAfterKey(rest, parentIndent, line) {
    if (rest !== '') return parseInlineValue(rest, line);
    const next = lines[pos];
    // A block sequence may sit at the same indent as its parent key.
    if (next && (next.indent > parentIndent || (next.indent === parentIndent && next.text.startsWith('- ')))) {
      return block(next.indent);
    }
    return null;
  }

  function map(indent) {
    const out = {};
    while (pos < lines.length && lines[pos].indent === indent && !lines[pos].text.startsWith('- ')) {
      const { text, line } = lines[pos];
      const kv = splitKey(text);
      if (!kv) throw new YamlSubsetError(`expected "key: value", got: ${text}`, line);
      if (Object.hasOwn(out, kv.key)) throw new YamlSubsetError(`duplicate key '${kv.key}'`, line);
      pos++;
      out[kv.key] = valueAfterKey(kv.rest, indent, line);
    }
    if (pos < lines.length && lines[pos].indent > indent) {
      throw new YamlSubsetError(`unexpected indentation: ${lines[pos].text}`, lines[pos].line);
    }
    return out;
  }

  function seq(indent) {
    const out = [];
    while (pos < lines.length && lines[pos].indent === indent && (lines[pos].text === '-' || lines[pos].text.startsWith('- '))) {
      const { text, line } = lines[pos];
      const rest = text === '-' ? '' : text.slice(2).trim();
      const kv = rest.startsWith('{') || rest.startsWith('[') || rest.startsWith('"') || rest.startsWith("'") ? null : splitKey(rest);
      if (kv) {
        // "- key: value" opens a block map whose other keys are indented to the key.
        const childIndent = indent + text.indexOf(rest);
        lines[pos] = { indent: childIndent, text: rest, line };
        out.push(map(childIndent));
      } else if (rest === '') {
        pos++;
        out.push(lines[pos] && lines[pos].indent > indent ? block(lines[pos].indent) : null);
      } else {
        pos++;
        out.push(parseInlineValue(rest, line));
      }
    }
    return out;
  }

  if (lines.length === 0) return {};
  if (lines[0].indent !== 0) throw new YamlSubsetError('document must start at column 1', lines[0].line);
  const doc = block(0);
  if (pos < lines.length) throw new YamlSubsetError(`unexpected line: ${lines[pos].text}`, lines[pos].line);
  return doc;
}
