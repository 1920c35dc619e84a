/**
 * An import reads its staged CSV from disk a chunk at a time (read/disk-file.ts): the rows, warnings,
 * errors, encoding and fingerprint are exactly those of the same bytes read in memory — quoted fields
 * with line feeds and separators across chunk boundaries, BOM, `sep=` line, Windows-1252 — and the file is
 * never read whole, except the encodings that must be decoded whole (UTF-16, Windows-1252 with €), which
 * fall back to the in-memory reader with the same result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_BYTES } from '../../electron/backend/services/import/read/csv-source.ts';
import { readImportFile } from '../../electron/backend/services/import/read/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-read-disk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const HEADER = 'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo;Note';

/** `rows` data lines; every 7th has a note in quotes holding a line feed, a `;` and doubled quotes. */
function csv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const note = i % 7 === 0 ? `"riga ${i}\nsegue; con ""virgolette"""` : `nota ${i}`;
    const cents = 10_000 + i;
    const euros = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    lines.push(
      `C${i % 300};Cliente ${i % 300} S.r.l.;FT ${i};01/09/2026;${1 + (i % 28)}/10/2026;${euros};${euros};${note}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Reads the file both ways; returns both results and whether the disk read loaded the whole file. */
function bothWays(file: string) {
  const memory = readImportFile(fs.readFileSync(file), path.basename(file));
  const whole = vi.spyOn(fs, 'readFileSync');
  const disk = readImportFile({ path: file }, path.basename(file));
  const readWhole = whole.mock.calls.some(([p]) => p === file);
  whole.mockRestore();
  return { memory, disk, readWhole };
}

describe('an import reads its CSV from disk, a chunk at a time', () => {
  it('reads a multi-chunk file with quoted line feeds exactly as in memory, without loading it whole', () => {
    const file = write('big.csv', csv(40_000));
    expect(fs.statSync(file).size).toBeGreaterThan(8 * CHUNK_BYTES);
    const { memory, disk, readWhole } = bothWays(file);
    expect(readWhole).toBe(false);
    expect(disk.errors).toEqual([]);
    expect(disk.rows).toHaveLength(40_000);
    expect(disk.rows[7]?.documentNumber).toBe('FT 7');
    expect(disk.rows[39_999]?.residualCents).toBe(10_000 + 39_999);
    expect(disk).toEqual(memory);
  });

  it('reads a UTF-8 file with a BOM and a `sep=` line, and a Windows-1252 one without €, as in memory', () => {
    const body = csv(500).replace(/Cliente 1 S\.r\.l\./g, 'Società Più S.r.l.');
    const cases = {
      'bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]),
      'sep.csv': Buffer.from(`sep=;\r\n${body}`, 'utf8'),
      'latin1.csv': Buffer.from(body, 'latin1'),
      // A BOM says UTF-8 even when a stray byte further on is not (read as UTF-8 either way).
      'bom-stray.csv': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(body, 'utf8'),
        Buffer.from([0xe8, 0x0d, 0x0a]),
      ]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const { memory, disk, readWhole } = bothWays(write(name, bytes));
      expect(readWhole, name).toBe(false);
      expect(disk, name).toEqual(memory);
      expect(disk.rows.find((r) => r.customerCode === 'C1')?.customerName, name).toBe('Società Più S.r.l.');
    }
    expect(readImportFile({ path: path.join(dir, 'latin1.csv') }, 'latin1.csv').encoding).toBe(
      'windows-1252',
    );
  });

  it('falls back to the whole file for the encodings decoded whole (UTF-16, Windows-1252 with €)', () => {
    const body = csv(300).replace('nota 5', 'nota 5 €');
    const euro = Buffer.from(body, 'latin1');
    euro[euro.indexOf('nota 5 ') + 7] = 0x80; // € in Windows-1252
    const cases = {
      'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]),
      'cp1252.csv': euro,
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const { memory, disk, readWhole } = bothWays(write(name, bytes));
      expect(readWhole, name).toBe(true);
      expect(disk, name).toEqual(memory);
      expect(disk.errors, name).toEqual([]);
      expect(disk.rows, name).toHaveLength(300);
    }
  });

  it('refuses the same files with the same messages: an overlong line, separators only, an empty file', () => {
    const cases = {
      'long.csv': `${HEADER}\r\nC1;${'x'.repeat(9 * 1024 * 1024)};FT 1;01/09/2026;01/10/2026;1,00;1,00;n\r\n`,
      'blank.csv': ';;;\r\n;;;\r\n',
      'empty.csv': '',
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = write(name, text);
      const inMemory = (() => {
        try {
          readImportFile(fs.readFileSync(file), name);
          return 'read';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      expect(inMemory, name).not.toBe('read');
      expect(() => readImportFile({ path: file }, name), name).toThrow(inMemory);
    }
  });
});
