/**
 * XML for bank statements, read defensively: a DOCTYPE (the door to external entities and entity
 * expansion, "billion laughs") is refused before any parsing — ISO 20022 and CBI messages never
 * carry one. fast-xml-parser (pure JavaScript, maintained) then parses with namespace prefixes
 * removed, attributes kept under '@', and every value kept as text (amounts are parsed by us).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BankReadError } from './types.ts';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Elements that may repeat: always arrays, so one and many read the same way. */
const REPEATED = new Set([
  'Stmt',
  'Ntfctn',
  'Rpt',
  'Bal',
  'Ntry',
  'NtryDtls',
  'TxDtls',
  'Ustrd',
  'Strd',
  'CdtrRefInf',
  'RfrdDocInf',
  'CBIEnvelBkToCstmrStmtReqLogMsg',
  'CBIEnvelDlyStmtReqLogMsg',
  'CBIDlyStmtReqLogMsg',
  'Chrgs',
  'Rcrd',
  'AddtlNtryInf',
  'AddtlTxInf',
]);

export function decodeXml(data: Buffer): string {
  const head = data.subarray(0, 200).toString('latin1');
  const declared = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared === 'iso-8859-1' || declared === 'latin1' || declared === 'windows-1252') {
    return new TextDecoder('windows-1252').decode(data);
  }
  return new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
}

export function looksLikeXml(data: Buffer): boolean {
  const head = data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

export function parseXml(fileName: string, text: string): XmlNode {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new BankReadError([
      {
        file: fileName,
        message:
          'refused: the XML declares a DOCTYPE or entities (external entities and entity expansion are not accepted in bank statements)',
      },
    ]);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new BankReadError([
      {
        file: fileName,
        entry: `line ${valid.err.line}, column ${valid.err.col}`,
        message: `not well-formed XML: ${valid.err.msg}`,
      },
    ]);
  }
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(text) as XmlNode;
}

// --- small helpers over the parsed tree -----------------------------------------------------

export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  return node[name];
}

/** Follows a path of element names (first of each repeated element). */
export function at(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let cur: XmlValue | undefined = node;
  for (const p of path) {
    cur = child(Array.isArray(cur) ? cur[0] : cur, p);
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function list(node: XmlValue | undefined): XmlValue[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

/** The text of an element (its '#text' when it has attributes); null when absent or empty. */
export function text(node: XmlValue | undefined): string | null {
  const n = Array.isArray(node) ? node[0] : node;
  if (n === undefined) return null;
  if (typeof n === 'string') return n.trim() === '' ? null : n.trim();
  if (Array.isArray(n)) return null;
  const t = n['#text'];
  return typeof t === 'string' && t.trim() !== '' ? t.trim() : null;
}

export function attr(node: XmlValue | undefined, name: string): string | null {
  const n = Array.isArray(node) ? node[0] : node;
  if (n === undefined || typeof n === 'string' || Array.isArray(n)) return null;
  const v = n[`@${name}`];
  return typeof v === 'string' ? v : null;
}

export function textAt(node: XmlValue | undefined, ...path: string[]): string | null {
  return text(at(node, ...path));
}

/** Every text found under the named path across repeated elements (e.g. all Ustrd lines). */
export function texts(nodes: XmlValue | undefined): string[] {
  return list(nodes)
    .map((n) => text(n))
    .filter((t): t is string => t !== null);
}

/** Finds the first element with this name anywhere below (breadth first). */
export function findDeep(node: XmlValue | undefined, name: string): XmlValue | undefined {
  const queue: XmlValue[] = node === undefined ? [] : [node];
  while (queue.length > 0) {
    const cur = queue.shift() as XmlValue;
    if (Array.isArray(cur)) {
      queue.push(...cur);
      continue;
    }
    if (typeof cur === 'string') continue;
    if (name in cur) return cur[name];
    for (const [k, v] of Object.entries(cur)) if (!k.startsWith('@') && k !== '#text') queue.push(v);
  }
  return undefined;
}
