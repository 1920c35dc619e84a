export const ROLES = ['clerk', 'accountant', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone who can log in. Admin may call every method, whatever a method lists. */
export const ANY_ROLE: readonly Role[] = ROLES;

export function roleAllows(allowed: readonly Role[], role: Role): boolean {
  return role === 'admin' || allowed.includes(role);
}
