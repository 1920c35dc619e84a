/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading
 * apostrophe, so opening an export (CSV or XLSX) never executes anything from the ledger.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV cell: neutralised, and quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null): string {
  const v = neutraliseFormula(value === null ? '' : String(value));
  return /[";\n\r,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
