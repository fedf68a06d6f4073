/** What MySQL's and MariaDB's failures mean, by error number. */
import { errno } from "../connection/errors";

/** `... already exists`: table, column, key, database, constraint (FK, check), routine, trigger. */
const ALREADY_EXISTS = new Set([1050, 1060, 1061, 1007, 1826, 3822, 1304, 1359]);

export function alreadyExists(error: unknown): boolean {
  return ALREADY_EXISTS.has(errno(error) ?? 0);
}
