/**
 * Where `op.addColumn` puts a column: `{ after: "email" }` or `{ first: true }`
 * (MySQL's AFTER and FIRST); without either, last. PostgreSQL cannot place a
 * column: it adds every column last and ignores the position, so a revision
 * written for MySQL runs there unchanged.
 */
import { MigratorError } from "../errors";
import type { ColumnPosition } from "./types";

export interface ColumnPositionSpec {
  /** The column the new one follows, by name (quoted as an identifier in the SQL, never pasted). */
  readonly after?: string;
  /** Put the column before every other one. */
  readonly first?: boolean;
}

const KEYS: readonly string[] = ["after", "first"];

/** A value a revision passed, for an error line: whatever it is, printing it cannot throw. */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** The position a revision gives, checked: `what` names the call in the error (`addColumn "nickname"`). */
export function columnPosition(spec: ColumnPositionSpec | undefined, column: string, what: string): ColumnPosition | undefined {
  if (spec === undefined) return undefined;
  const hint = 'give { after: "column" } or { first: true }';
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new MigratorError(`${what}: the position must be an object, got ${shown(spec)}`, { hint });
  }
  const unknown = Object.keys(spec).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new MigratorError(`${what}: unknown position option ${shown(unknown[0])}`, { hint });
  const { after, first } = spec;
  if (first !== undefined && typeof first !== "boolean") throw new MigratorError(`${what}: first must be true or false, got ${shown(first)}`, { hint });
  if (after === undefined) return first === true ? Object.freeze({ first: true }) : undefined;
  if (typeof after !== "string" || after.length === 0) {
    throw new MigratorError(`${what}: after must name a column, got ${shown(after)}`, { hint });
  }
  if (first === true) throw new MigratorError(`${what}: give after or first, not both`, { hint });
  if (after === column) throw new MigratorError(`${what}: a column cannot come after itself`, { hint });
  return Object.freeze({ after });
}
