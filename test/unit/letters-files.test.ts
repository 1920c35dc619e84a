import { describe, expect, it } from 'vitest';
import { matchInvoiceFiles } from '../../electron/backend/services/letters/mail.ts';
import { epcQr, qrPng } from '../../electron/backend/services/letters/qr.ts';
import { parseHeaders } from '../../electron/backend/services/letters/receipts.ts';

describe('invoice PDFs to attach', () => {
  const files = [
    'fattura FT_A-1.pdf',
    'FT_A-12.pdf',
    'FT_A_2.PDF',
    'FT A 1.txt',
    '2026-123.pdf',
    '2026-1234.pdf',
    'x2026_123.pdf',
  ];
  it('match a document number as a whole token, whatever the separators', () => {
    expect(matchInvoiceFiles(files, ['FT A/1'])).toEqual(['fattura FT_A-1.pdf']);
    expect(matchInvoiceFiles(files, ['FT A/2'])).toEqual(['FT_A_2.PDF']);
    expect(matchInvoiceFiles(files, ['FT 2026/123'])).toEqual(['2026-123.pdf']);
    expect(matchInvoiceFiles(files, ['NC'])).toEqual([]);
  });
});

describe('PEC receipt headers', () => {
  it('unfolds continuation lines and keeps the first occurrence', () => {
    const h = parseHeaders(
      Buffer.from(
        'X-Ricevuta: avvenuta-consegna\r\nX-Riferimento-Message-ID:\r\n <abc@x.it>\r\nSubject: a\r\nSubject: b\r\n\r\nX-Body: no\r\n',
      ),
    );
    expect(h.get('x-ricevuta')).toBe('avvenuta-consegna');
    expect(h.get('x-riferimento-message-id')).toBe('<abc@x.it>');
    expect(h.get('subject')).toBe('a');
    expect(h.has('x-body')).toBe(false);
  });
});

describe('the QR image', () => {
  it('is a grayscale PNG of whole modules with a quiet zone', () => {
    const qr = epcQr('BCD\n002\n1\nSCT\n\nX\nIT60X0542811101000000123456\nEUR1.00');
    expect((qr.size - 17) % 4).toBe(0); // a QR symbol is 21, 25, 29… modules wide
    const png = qrPng(qr, 6, 2);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe((qr.size + 4) * 6);
    expect(png[25]).toBe(0); // colour type: grayscale
  });
});
