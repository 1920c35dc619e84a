// @vitest-environment jsdom
import './setup.ts';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import it_ from '../../renderer/src/i18n/it.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Keys without plural suffixes: each language has its own plural forms (Italian adds `_many`). */
const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const variables = (s: string) => new Set([...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]));

describe('i18n resources', () => {
  const itKeys = flatten(it_ as Tree);
  const enKeys = flatten(en as Tree);

  it('Italian and English have the same keys', () => {
    const a = [...baseKeys(itKeys)].sort();
    const b = [...baseKeys(enKeys)].sort();
    expect(a.filter((k) => !b.includes(k))).toEqual([]);
    expect(b.filter((k) => !a.includes(k))).toEqual([]);
  });

  it('every plural has its one and other forms in both languages', () => {
    for (const keys of [itKeys, enKeys]) {
      const plurals = new Set(
        [...keys.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
      );
      for (const base of plurals) {
        expect(keys.has(`${base}_one`), `${base}_one`).toBe(true);
        expect(keys.has(`${base}_other`), `${base}_other`).toBe(true);
      }
    }
  });

  it('no text is empty and both languages use the same variables', () => {
    for (const [key, text] of itKeys) {
      expect(text.trim(), key).not.toBe('');
      const other = enKeys.get(key) ?? enKeys.get(key.replace(/_many$/, '_other'));
      if (other === undefined) continue;
      expect([...variables(other)].sort(), key).toEqual([...variables(text)].sort());
    }
    for (const [key, text] of enKeys) expect(text.trim(), key).not.toBe('');
  });
});
