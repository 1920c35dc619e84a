/**
 * ISO 11649 structured creditor reference ("RF reference"): `RF` + two check digits + up to 21
 * alphanumeric characters. The check digits are ISO 7064 MOD 97-10, as in IBANs: move `RF00` to
 * the end, replace letters by 10..35, and the check is 98 minus the remainder by 97. A reference is
 * valid when the rearranged number leaves remainder 1.
 *
 * Our letters print the reference derived from the customer's code, so a payment made from the
 * letter (or its EPC QR code) comes back from the bank in `Strd/CdtrRefInf/Ref` and names the
 * customer without a human reading the text.
 */

const BODY_MAX = 21;

function mod97(alnum: string): number {
  let rest = 0;
  for (const ch of alnum) {
    const v = ch >= '0' && ch <= '9' ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** Upper-case letters and digits only: the characters a creditor reference may hold. */
export function referenceBody(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The RF reference for a body of 1–21 letters and digits (other characters are dropped first);
 * null when nothing or too much remains.
 */
export function creditorReference(text: string): string | null {
  const body = referenceBody(text);
  if (body.length === 0 || body.length > BODY_MAX) return null;
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** The reference our letters print for a customer: derived from the customer's code. */
export function customerCreditorReference(customerCode: string): string | null {
  return creditorReference(customerCode);
}

/** True for a well-formed reference whose check digits agree (spaces and case ignored). */
export function isValidCreditorReference(raw: string): boolean {
  const ref = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1;
}

/** Printed form: groups of four characters (`RF18 5390 0754 7034`). */
export function formatCreditorReference(ref: string): string {
  const compact = ref.replace(/\s+/g, '').toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The valid RF references in a text, compact and upper case: a word starting with `RF` and two
 * digits, possibly continued by the printed groups of up to four characters that follow it.
 */
export function findCreditorReferences(text: string): string[] {
  const found = new Set<string>();
  const words = text
    .toUpperCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, ''));
  words.forEach((word, i) => {
    if (!/^RF\d{2}[A-Z0-9]*$/.test(word)) return;
    const parts = [word];
    for (let j = i + 1; j < words.length && /^[A-Z0-9]{1,4}$/.test(words[j] as string); j++)
      parts.push(words[j] as string);
    // The longest run of groups that verifies (never a cut inside a group).
    for (let n = parts.length; n >= 1; n--) {
      const candidate = parts.slice(0, n).join('');
      if (candidate.length <= 25 && isValidCreditorReference(candidate)) {
        found.add(candidate);
        break;
      }
    }
  });
  return [...found];
}

/** The body of a valid reference (what was encoded), or null. */
export function creditorReferenceBody(raw: string): string | null {
  const ref = raw.replace(/\s+/g, '').toUpperCase();
  return isValidCreditorReference(ref) ? ref.slice(4) : null;
}
