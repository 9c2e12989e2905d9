// `npm run package`: the .vsix with vsce (dist/ is already built by esbuild, so no
// node_modules go in), then every date inside it set to one fixed moment, so that the
// same sources always give the same bytes. The moment is SOURCE_DATE_EPOCH when set,
// else 2026-01-01T00:00:00Z.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { name, version } = require('../package.json');
const out = path.join(root, `${name}-${version}.vsix`);
const epoch = Number(process.env.SOURCE_DATE_EPOCH || Date.UTC(2026, 0, 1) / 1000);

execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], {
  cwd: root,
  stdio: 'inherit',
});

// MS-DOS date and time (UTC here, 2-second steps), as zip stores them.
const d = new Date(epoch * 1000);
const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();

// vsce adds files in no fixed order and with their dates: the archive is written again,
// its entries sorted by name, with the fixed date and no extra fields. The compressed
// bytes are copied as they are.
const zip = fs.readFileSync(out);
const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) {
  throw new Error(`${out}: no end of central directory`);
}
const entries = [];
for (let i = 0, p = zip.readUInt32LE(eocd + 16); i < zip.readUInt16LE(eocd + 10); i++) {
  if (zip.readUInt32LE(p) !== 0x02014b50) {
    throw new Error(`${out}: bad central directory entry ${i}`);
  }
  const nameLen = zip.readUInt16LE(p + 28);
  const local = zip.readUInt32LE(p + 42);
  if (zip.readUInt32LE(local) !== 0x04034b50) {
    throw new Error(`${out}: bad local header ${i}`);
  }
  const size = zip.readUInt32LE(p + 20);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  entries.push({
    name: zip.subarray(p + 46, p + 46 + nameLen),
    madeBy: zip.readUInt16LE(p + 4),
    flags: zip.readUInt16LE(p + 8) & 0x0800, // keep only "names are UTF-8"
    method: zip.readUInt16LE(p + 10),
    crc: zip.readUInt32LE(p + 16),
    size,
    uncompressed: zip.readUInt32LE(p + 24),
    attributes: zip.readUInt32LE(p + 38),
    data: zip.subarray(start, start + size),
  });
  p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
}
entries.sort((a, b) => Buffer.compare(a.name, b.name));

// The fields a local header and its central directory entry share, in the same order,
// written from `at`: version needed to extract (2.0), flags, method, time, date, CRC,
// sizes and the name's length (no extra field).
function writeSharedFields(buf, at, e) {
  buf.writeUInt16LE(20, at);
  buf.writeUInt16LE(e.flags, at + 2);
  buf.writeUInt16LE(e.method, at + 4);
  buf.writeUInt16LE(dosTime, at + 6);
  buf.writeUInt16LE(dosDate, at + 8);
  buf.writeUInt32LE(e.crc, at + 10);
  buf.writeUInt32LE(e.size, at + 14);
  buf.writeUInt32LE(e.uncompressed, at + 18);
  buf.writeUInt16LE(e.name.length, at + 22);
}

const parts = [];
const central = [];
let offset = 0;
for (const e of entries) {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeSharedFields(header, 4, e);
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE(e.madeBy, 4);
  writeSharedFields(entry, 6, e);
  entry.writeUInt32LE(e.attributes, 38);
  entry.writeUInt32LE(offset, 42);
  parts.push(header, e.name, e.data);
  central.push(entry, e.name);
  offset += header.length + e.name.length + e.data.length;
}
const directory = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(entries.length, 8);
end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(directory.length, 12);
end.writeUInt32LE(offset, 16);
const result = Buffer.concat([...parts, directory, end]);
fs.writeFileSync(out, result);
console.log(`${path.relative(process.cwd(), out) || out}: ${result.length} bytes, entries sorted, dated ${d.toISOString()}`);
