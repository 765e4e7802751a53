import { describe, expect, it } from 'vitest';
import { detectType } from './file-type.js';
import { cleanName } from './files.service.js';

const head = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectType (magic bytes, never the name)', () => {
  it.each([
    [head([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    [head([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    [head('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    [head([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'image/heic'],
    [head([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0]), 'image/heif'],
    [head('%PDF-1.7\n'), 'application/pdf'],
  ])('knows %#', (bytes, type) => {
    expect(detectType(bytes)?.contentType).toBe(type);
  });

  it.each([
    head('GIF89a'),
    head([0, 0, 0, 0x18], 'ftypavif'),
    head('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    head('PK', [3, 4]),
    Buffer.alloc(0),
    head([0xff, 0xd8]),
  ])('refuses anything else %#', (bytes) => {
    expect(detectType(bytes)).toBeNull();
  });
});

describe('cleanName', () => {
  it('keeps the base name, drops control characters and quotes, falls back when empty', () => {
    expect(cleanName('C:\\Users\\me\\漏水 1.jpg', 'jpg')).toBe('漏水 1.jpg');
    expect(cleanName('../../etc/"pa\u0000ss".png', 'png')).toBe('pass.png');
    expect(cleanName('   ', 'jpg')).toBe('file.jpg');
  });
});
