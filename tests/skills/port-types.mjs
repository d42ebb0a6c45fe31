// Port types of the skill contract and the value checks that go with them.
// Kept apart from the reader so workflow checks and output checks share one
// definition of what, say, a "series" is.

export const PORT_TYPES = [
  'float', 'number', 'int', 'bool', 'string', 'enum', 'color', 'array', 'object',
  'series', 'image', 'scene', 'svg', 'netlist', 'any',
];

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumberArray = (a) => Array.isArray(a) && a.every((n) => typeof n === 'number');

// Returns null when `value` is a valid value of `port.type`, else a reason.
export function typeProblem(port, value) {
  const t = port.type;
  if (value === undefined) return 'missing';
  switch (t) {
    case 'float':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `expected finite number, got ${JSON.stringify(value)}`;
    case 'int':
      return Number.isInteger(value) ? null : `expected integer, got ${JSON.stringify(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `expected boolean, got ${JSON.stringify(value)}`;
    case 'string':
    case 'netlist':
      return typeof value === 'string' ? null : 'expected string';
    case 'enum':
      if (!Array.isArray(port.options)) return 'enum port without options';
      return port.options.includes(value) ? null : `expected one of ${port.options.join('|')}, got ${JSON.stringify(value)}`;
    case 'color':
      return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? null : `expected "#rrggbb", got ${JSON.stringify(value)}`;
    case 'array':
      return Array.isArray(value) ? null : 'expected array';
    case 'object':
      return isPlainObject(value) ? null : 'expected object';
    case 'series':
      if (!isPlainObject(value) || !isNumberArray(value.x) || !isNumberArray(value.y)) return 'expected {x:number[], y:number[]}';
      return value.x.length === value.y.length ? null : `series x/y length differ (${value.x.length} vs ${value.y.length})`;
    case 'image':
      // Base64 PNG without a data: prefix; the PNG signature encodes to "iVBORw0KGgo".
      return typeof value === 'string' && value.startsWith('iVBORw0KGgo') ? null : 'expected base64 PNG';
    case 'scene':
      return isPlainObject(value) && value.type === 'scene' && Array.isArray(value.objects) ? null : 'expected {type:"scene", objects:[...]}';
    case 'svg':
      return typeof value === 'string' && /^\s*<svg[\s>]/.test(value) && value.trimEnd().endsWith('</svg>') ? null : 'expected SVG text';
    case 'any':
      return null;
    default:
      return `unknown port type '${t}'`;
  }
}

// Can an output of type `from` feed an input of type `to`? This is the static
// check; `any` on either side defers the check to run time.
export function typesCompatible(from, to) {
  const norm = (t) => (t === 'number' ? 'float' : t);
  const a = norm(from);
  const b = norm(to);
  if (a === b || a === 'any' || b === 'any') return true;
  const widening = {
    float: ['int'],
    object: ['series', 'scene'],
    string: ['netlist', 'svg', 'enum', 'color', 'image'],
  };
  return (widening[b] ?? []).includes(a);
}
