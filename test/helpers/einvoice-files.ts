/**
 * E-invoice containers built for tests: a real CAdES-style signed file (node-forge SignedData
 * with signed attributes, DER), the same as base64, a hand-made BER one (indefinite lengths,
 * content in chunks, as some signing tools write), and ZIP archives (fflate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import forge from 'node-forge';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/fatturapa');
export const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));

let signer: { key: forge.pki.rsa.PrivateKey; cert: forge.pki.Certificate } | null = null;

function testSigner() {
  if (signer) return signer;
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.UTC(2026, 0, 1));
  cert.validity.notAfter = new Date(Date.UTC(2029, 0, 1));
  const attrs = [
    { name: 'commonName', value: 'Mario Rossi' },
    { name: 'countryName', value: 'IT' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  signer = { key: keys.privateKey, cert };
  return signer;
}

/** A signed file (.p7m) enveloping `content`, DER-encoded, with content type, digest and signing time signed. */
export function signP7m(content: Buffer): Buffer {
  const { key, cert } = testSigner();
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(cert);
  p7.addSigner({
    key,
    certificate: cert,
    digestAlgorithm: forge.pki.oids.sha256 as string,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data as string },
      { type: forge.pki.oids.messageDigest as string },
      {
        type: forge.pki.oids.signingTime as string,
        value: new Date(Date.UTC(2026, 9, 1, 9, 0, 0)) as unknown as string,
      },
    ],
  });
  p7.sign();
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** The base64 text some systems save a .p7m as, in 64-character lines. */
export function base64P7m(der: Buffer): Buffer {
  return Buffer.from(der.toString('base64').replace(/.{64}/g, '$&\r\n'));
}

const OID_SIGNED_DATA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const OID_DATA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

/** BER with indefinite lengths and the content split in 1000-byte OCTET STRING chunks (no signer: only the envelope matters). */
export function berP7m(content: Buffer): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; i < content.length; i += 1000) chunks.push(tlv(0x04, content.subarray(i, i + 1000)));
  const eoc = Buffer.from([0, 0]);
  const indef = (tag: number, ...parts: Buffer[]) => Buffer.concat([Buffer.from([tag, 0x80]), ...parts, eoc]);
  const eContent = indef(0xa0, indef(0x24, ...chunks));
  const encap = indef(0x30, Buffer.from(OID_DATA), eContent);
  const signedData = indef(
    0x30,
    Buffer.from([0x02, 0x01, 0x01]),
    Buffer.from([0x31, 0x00]),
    encap,
    Buffer.from([0x31, 0x00]),
  );
  return indef(0x30, Buffer.from(OID_SIGNED_DATA), indef(0xa0, signedData));
}

export function zipOf(files: Record<string, Buffer>): Buffer {
  return Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(v)]))),
  );
}

/** A copy of the ZIP whose central directory declares `size` for every entry (a lying header). */
export function withDeclaredSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (out.readUInt32LE(p) === 0x02014b50) out.writeUInt32LE(size, p + 24);
  }
  return out;
}
