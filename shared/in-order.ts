/**
 * Array walks whose callback is asynchronous (a ledger read or write), one element after the other.
 * `Promise.all(items.map(fn))` would start every callback at once: inside a transaction the ledger's
 * statements must run in the order the code reads, as they did when the data layer was synchronous.
 */

export async function mapInOrder<T, U>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<U> | U,
): Promise<U[]> {
  const out: U[] = [];
  let i = 0;
  for (const item of items) out.push(await fn(item, i++));
  return out;
}

export async function forEachInOrder<T>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<unknown> | unknown,
): Promise<void> {
  let i = 0;
  for (const item of items) await fn(item, i++);
}

export async function filterInOrder<T>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<unknown> | unknown,
): Promise<T[]> {
  const out: T[] = [];
  let i = 0;
  for (const item of items) if (await fn(item, i++)) out.push(item);
  return out;
}

export async function everyInOrder<T>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<unknown> | unknown,
): Promise<boolean> {
  let i = 0;
  for (const item of items) if (!(await fn(item, i++))) return false;
  return true;
}
