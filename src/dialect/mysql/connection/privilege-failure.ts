/**
 * Which errors are a refused privilege, apart from the rest of privilege.ts:
 * the Dialect object asks it of an error without loading MySQL's parts
 * (src/dialect/lazy-dialect.ts).
 */
import { errno, isServerError } from "./errors";

/** ER_DBACCESS_DENIED, ER_TABLEACCESS_DENIED, ER_COLUMNACCESS_DENIED, ER_SPECIFIC_ACCESS_DENIED, ER_PROCACCESS_DENIED. */
const REFUSALS = new Set([1044, 1142, 1143, 1227, 1370]);

export function isPrivilegeFailure(error: unknown): boolean {
  return isServerError(error) && REFUSALS.has(errno(error) ?? 0);
}
