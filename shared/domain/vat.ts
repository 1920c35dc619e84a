/**
 * Italian VAT number (partita IVA): 11 digits, the last a Luhn-style check digit.
 * Accepts an optional `IT` prefix and spaces. Returns the normalized 11 digits or null.
 */
export function normalizeItalianVat(raw: string): string | null {
  const s = raw.replace(/\s+/g, '').toUpperCase().replace(/^IT/, '');
  return /^\d{11}$/.test(s) ? s : null;
}

export function italianVatCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(first10[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidItalianVat(raw: string): boolean {
  const s = normalizeItalianVat(raw);
  if (!s || s === '00000000000') return false;
  return italianVatCheckDigit(s.slice(0, 10)) === Number(s[10]);
}
