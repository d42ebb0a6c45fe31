// What `llmos run --out DIR` writes for one node's outputs: images as .png,
// SVG documents as .svg, netlists as .cir, series as .csv, everything else (scenes, numbers,
// tables, objects) as .json. Names are `<node>.<output>.<ext>`. Pure: returns
// the files; the host writes them.

const PNG_SIGNATURE = 'iVBORw0KGgo';  // base64 of \x89PNG\r\n\x1a\n

const isNumberArray = (value) => Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null);

// A series (skills/README.md): {x: number[], y: number[]} of equal length.
export function isSeries(value) {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) && isNumberArray(value.x) &&
         isNumberArray(value.y) && value.x.length === value.y.length;
}

// Numbers as JavaScript's shortest round-trip text, so the CSV keeps every digit.
const csvCell = (value) => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

// x, y, then any other per-point arrays of the same length (e.g. input_y).
export function seriesToCsv(series) {
  const columns = ['x', 'y'];
  for (const [key, value] of Object.entries(series)) {
    if (key !== 'x' && key !== 'y' && isNumberArray(value) && value.length === series.x.length) columns.push(key);
  }
  const header = columns.map((name) => (name === 'x' ? series.x_label || 'x' : name === 'y' ? series.y_label || series.label || 'y' : name));
  const lines = [header.map(csvCell).join(',')];
  for (let i = 0; i < series.x.length; i++) lines.push(columns.map((name) => csvCell(series[name][i])).join(','));
  return `${lines.join('\n')}\n`;
}

const safeName = (text) => String(text).replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_');

// [{name, data (string | Uint8Array), kind}] for one node's outputs.
// outputTypes: {outputName: declared type} from the skill.
export function outputFiles(nodeId, outputs, outputTypes = {}) {
  const files = [];
  for (const [port, value] of Object.entries(outputs ?? {})) {
    const base = `${safeName(nodeId)}.${safeName(port)}`;
    const type = outputTypes[port];
    if (typeof value === 'string' && (type === 'image' || value.startsWith(PNG_SIGNATURE))) {
      const base64 = value.replace(/^data:image\/png;base64,/, '');
      files.push({ name: `${base}.png`, data: new Uint8Array(Buffer.from(base64, 'base64')), kind: 'png' });
    } else if (typeof value === 'string' && (type === 'svg' || /^\s*<svg[\s>]/.test(value))) {
      files.push({ name: `${base}.svg`, data: value, kind: 'svg' });
    } else if (typeof value === 'string' && type === 'netlist') {
      files.push({ name: `${base}.cir`, data: value, kind: 'netlist' });
    } else if (isSeries(value)) {
      files.push({ name: `${base}.csv`, data: seriesToCsv(value), kind: 'csv' });
    } else {
      files.push({ name: `${base}.json`, data: `${JSON.stringify(value, null, 2)}\n`, kind: 'json' });
    }
  }
  return files;
}
