/**
 * A signed e-invoice (`.xml.p7m`, CAdES: CMS SignedData with the XML inside) -> the XML it carries.
 * The file is DER or BER (indefinite lengths, the content in chunks) as signing tools write it, and
 * sometimes base64 text (with or without PEM armour). The signature is not verified: the SDI has
 * checked it before delivering the file; only the signed content is taken. A content that is itself
 * signed again (countersigned files) is unwrapped once more.
 *
 * asn1js parses the BER; its resource limits keep a hostile file from exhausting memory.
 */
import * as asn1js from 'asn1js';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const MAX_NESTING = 3;

export class P7mError extends Error {}

/** True when the bytes look like CMS (a DER/BER SEQUENCE) or base64 of one. */
export function looksLikeP7m(data: Buffer): boolean {
  if (data.length > 2 && data[0] === 0x30 && (data[1] as number) >= 0x80) return true;
  const head = data.subarray(0, 64).toString('latin1').trim();
  return head.startsWith('-----BEGIN') || /^MI[A-Za-z0-9+/]{10}/.test(head);
}

function fromBase64(data: Buffer): Buffer | null {
  const text = data
    .toString('latin1')
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/\s+/g, '');
  if (text.length < 16 || !/^[A-Za-z0-9+/]+=*$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

type Block = asn1js.AsnType;

function children(b: Block | undefined): Block[] {
  if (b === undefined) return [];
  const v = (b as asn1js.BaseBlock).valueBlock as { value?: unknown };
  return Array.isArray(v.value) ? (v.value as Block[]) : [];
}

function isContext0(b: Block | undefined): boolean {
  const id = (b as asn1js.BaseBlock | undefined)?.idBlock;
  return id !== undefined && id.tagClass === 3 && id.tagNumber === 0;
}

/** The bytes of an OCTET STRING, primitive or constructed (chunks concatenated). */
function octets(b: Block | undefined): Buffer | null {
  if (b instanceof asn1js.OctetString) return Buffer.from(b.getValue());
  // Context-tagged [0] IMPLICIT content, or an untyped constructed block holding chunks.
  const id = (b as asn1js.BaseBlock | undefined)?.idBlock;
  if (!id) return null;
  if (!id.isConstructed) {
    const hex = (b as asn1js.BaseBlock<asn1js.ValueBlock & { valueHexView?: Uint8Array }>).valueBlock
      .valueHexView;
    return hex ? Buffer.from(hex) : null;
  }
  const parts: Buffer[] = [];
  for (const c of children(b)) {
    const p = octets(c);
    if (p === null) return null;
    parts.push(p);
  }
  return Buffer.concat(parts);
}

function unwrapOnce(der: Buffer): Buffer {
  const parsed = asn1js.fromBER(der, {
    maxNodes: 1_000_000,
    maxDepth: 64,
    maxContentLength: 64 * 1024 * 1024,
  });
  if (parsed.offset === -1)
    throw new P7mError('not a signed file (.p7m): its signature envelope cannot be read');
  const [oid, wrapped] = children(parsed.result);
  if (!(oid instanceof asn1js.ObjectIdentifier) || oid.getValue() !== SIGNED_DATA || !isContext0(wrapped)) {
    throw new P7mError('not a signed file (.p7m): it is not a CMS SignedData envelope');
  }
  const signedData = children(wrapped)[0];
  const encap = children(signedData).find(
    (c, i) => i >= 2 && c instanceof asn1js.Sequence && children(c)[0] instanceof asn1js.ObjectIdentifier,
  );
  const explicit = children(encap)[1];
  if (!isContext0(explicit)) {
    throw new P7mError(
      'the signed file (.p7m) does not contain the invoice (a detached signature): import the .xml file it signs',
    );
  }
  const content = octets(children(explicit)[0]);
  if (content === null || content.length === 0)
    throw new P7mError('the signed file (.p7m) has an empty content');
  return content;
}

/** The content of a `.p7m` (DER, BER or base64), unwrapping nested signatures. */
export function unwrapP7m(data: Buffer): Buffer {
  let current = data;
  for (let depth = 0; depth < MAX_NESTING; depth++) {
    const der = current[0] === 0x30 ? current : fromBase64(current);
    if (der === null) throw new P7mError('not a signed file (.p7m): neither DER nor base64');
    current = unwrapOnce(der);
    if (!looksLikeP7m(current)) return current;
  }
  throw new P7mError(`the signed file (.p7m) nests more than ${MAX_NESTING} signatures`);
}
