import { USER_ROLES, type UserRole } from '../domain/vocabulary.ts';

export const ROLES = USER_ROLES;
export type Role = UserRole;

/** Everyone who can log in. Admin may call every method, whatever a method lists. */
export const ANY_ROLE: readonly Role[] = ROLES;

export function roleAllows(allowed: readonly Role[], role: Role): boolean {
  return role === 'admin' || allowed.includes(role);
}
