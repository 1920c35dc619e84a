import { expect, it } from 'vitest';
import { csvCell, neutraliseFormula } from '../../shared/domain/formula-guard.ts';

it('neutralises text a spreadsheet would run as a formula, and quotes CSV cells that need it', () => {
  expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
  expect(neutraliseFormula('+39 02 1234')).toBe(`'+39 02 1234`);
  expect(neutraliseFormula('-120')).toBe(`'-120`);
  expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
  expect(neutraliseFormula('Rossi S.r.l.')).toBe('Rossi S.r.l.');
  expect(csvCell('a;b')).toBe('"a;b"');
  expect(csvCell('di "Rossi"')).toBe('"di ""Rossi"""');
  expect(csvCell(null)).toBe('');
  expect(csvCell(12)).toBe('12');
});
