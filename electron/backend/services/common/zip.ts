/**
 * A ZIP archive from in-memory files. No dedicated ZIP library is installed; SheetJS (already a
 * dependency, `xlsx`) bundles the `cfb` library whose ZIP writer produces every .xlsx we write,
 * so it is used here behind this one function — swapping in a dedicated library (yazl, fflate)
 * touches this file only. Its writer stores names as 7-bit ASCII, so names are made ASCII here.
 */
import * as XLSX from 'xlsx';

interface CfbEntry {
  mt?: Date;
}
interface CfbApi {
  utils: {
    cfb_new: () => unknown;
    cfb_add: (container: unknown, name: string, content: Uint8Array) => CfbEntry;
  };
  write: (
    container: unknown,
    options: { type: 'buffer'; fileType: 'zip'; compression: boolean },
  ) => Uint8Array;
}

// The typings declare CFB loosely; this is the part of its API we rely on.
const CFB: CfbApi = XLSX.CFB;

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

/** A name safe in any unzip tool: ASCII letters, digits, `.`, `_`, `-`, and `/` between folders. */
export function zipName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split('/')
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_')
    .join('/');
}

/** The archive and the names its entries got. */
export function zipFiles(files: readonly ZipFile[], modified: Date): { data: Buffer; names: string[] } {
  const container = CFB.utils.cfb_new();
  const names: string[] = [];
  const used = new Set<string>();
  for (const f of files) {
    let name = zipName(f.name);
    for (let n = 2; used.has(name); n++) name = zipName(f.name).replace(/(\.[^./]*)?$/, `_${n}$1`);
    used.add(name);
    names.push(name);
    const entry = CFB.utils.cfb_add(container, name, f.data);
    entry.mt = modified;
  }
  const data = Buffer.from(CFB.write(container, { type: 'buffer', fileType: 'zip', compression: true }));
  return { data, names };
}
