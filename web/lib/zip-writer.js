// A store-only ZIP writer (PKWARE APPNOTE 6.3: local headers, central
// directory, end record; no compression, no ZIP64). The bundle's big files
// (wasm, Pyodide's stdlib zip) are already compressed or compress poorly
// next to the time deflating 20 MB in JS would take, and `unzip`, Windows
// Explorer and macOS Archive Utility all open stored entries.
//
//   const bytes = createZip([{path: 'dir/a.txt', data: 'text or Uint8Array'}]);

const encoder = new TextEncoder();
const UTF8_NAMES = 1 << 11;  // general purpose flag: names are UTF-8
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

let crcTable;
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// MS-DOS date and time (local time, 2-second resolution) as ZIP stores them.
function dosDateTime(date) {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function checkPath(path) {
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.includes('\\') ||
      path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`zip: refused entry name ${JSON.stringify(path)}`);
  }
}

// entries: [{path, data: Uint8Array | ArrayBuffer | string, modified?: Date}]
// -> Uint8Array of the whole archive.
export function createZip(entries, { modified = new Date() } = {}) {
  if (entries.length > MAX_ENTRIES) throw new Error(`zip: ${entries.length} entries (at most ${MAX_ENTRIES} without ZIP64)`);
  const seen = new Set();
  const prepared = entries.map((entry) => {
    checkPath(entry.path);
    if (seen.has(entry.path)) throw new Error(`zip: duplicate entry ${entry.path}`);
    seen.add(entry.path);
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data)
      : entry.data instanceof Uint8Array ? entry.data : new Uint8Array(entry.data);
    return { name: encoder.encode(entry.path), data, crc: crc32(data), stamp: dosDateTime(entry.modified || modified) };
  });
  let localSize = 0;
  let centralSize = 0;
  for (const entry of prepared) {
    localSize += 30 + entry.name.length + entry.data.length;
    centralSize += 46 + entry.name.length;
  }
  if (localSize + centralSize + 22 > MAX_BYTES) throw new Error('zip: archive over 4 GiB needs ZIP64');
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value) => { view.setUint16(at, value, true); at += 2; };
  const u32 = (value) => { view.setUint32(at, value >>> 0, true); at += 4; };
  const bytes = (value) => { out.set(value, at); at += value.length; };
  for (const entry of prepared) {
    entry.offset = at;
    u32(0x04034b50); u16(20); u16(UTF8_NAMES); u16(0);  // signature, version needed, flags, stored
    u16(entry.stamp.time); u16(entry.stamp.date);
    u32(entry.crc); u32(entry.data.length); u32(entry.data.length);
    u16(entry.name.length); u16(0);
    bytes(entry.name);
    bytes(entry.data);
  }
  const centralStart = at;
  for (const entry of prepared) {
    u32(0x02014b50); u16(0x031e); u16(20); u16(UTF8_NAMES); u16(0);  // made by Unix 3.0
    u16(entry.stamp.time); u16(entry.stamp.date);
    u32(entry.crc); u32(entry.data.length); u32(entry.data.length);
    u16(entry.name.length); u16(0); u16(0); u16(0); u16(0);
    u32((0o100644 << 16) >>> 0);  // external attributes: a regular file, rw-r--r--
    u32(entry.offset);
    bytes(entry.name);
  }
  const centralLength = at - centralStart;
  u32(0x06054b50); u16(0); u16(0); u16(prepared.length); u16(prepared.length);
  u32(centralLength); u32(centralStart); u16(0);
  return out;
}
