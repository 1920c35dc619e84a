/** The palette's matching of pages and actions: every word typed, accents and case ignored. */

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matchesQuery(query: string, label: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const target = fold(label);
  return words.every((w) => target.includes(w));
}
