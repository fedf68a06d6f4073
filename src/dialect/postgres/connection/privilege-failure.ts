/**
 * Which errors are a refused privilege (SQLSTATE 42501), apart from the rest
 * of privilege.ts: the Dialect object asks it of an error without loading
 * PostgreSQL's parts (src/dialect/lazy-dialect.ts).
 */
export const INSUFFICIENT_PRIVILEGE = "42501";

export function isPrivilegeFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE;
}
