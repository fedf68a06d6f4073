/** What `op.backfill(table, options)` accepts, checked and turned into the op's data. */
import { MigratorError } from "../errors";
import { asSqlExpression, SqlFragment, type SqlExpression } from "./sql-expression";
import type { BackfillAssignment } from "./types";

export interface BackfillOptions {
  /**
   * Column -> new value. A JS value (string, number, boolean, null, Date,
   * object for json) is bound as a parameter: `{ status: "new" }` stores the
   * text `new`. An SQL expression, evaluated per row, is written with op.sql:
   * `{ email_lower: op.sql\`lower(email)\` }`.
   */
  readonly set: Readonly<Record<string, unknown>>;
  /** Only rows matching this condition: op.sql`status IS NULL` (or the SQL text). */
  readonly where?: SqlExpression | string;
  /** Rows per batch (default 1000); each batch is one short transaction. */
  readonly batchSize?: number;
  /** The unique, NOT NULL columns walked in order (default: the primary key). */
  readonly key?: string | readonly string[];
  /** Milliseconds to wait between batches (default 0). */
  readonly pauseMs?: number;
}

export const DEFAULT_BACKFILL_BATCH = 1000;

export interface BackfillFields {
  readonly set: readonly BackfillAssignment[];
  readonly where?: SqlExpression;
  readonly batchSize: number;
  readonly key?: readonly string[];
  readonly pauseMs?: number;
}

export function backfillFields(what: string, options: BackfillOptions): BackfillFields {
  if (typeof options !== "object" || options === null || typeof options.set !== "object" || options.set === null) {
    throw new MigratorError(`${what}: give the columns to set, e.g. { set: { status: "new" } }`);
  }
  const set = Object.entries(options.set).map(([column, value]): BackfillAssignment => {
    if (value === undefined) throw new MigratorError(`${what}: column "${column}" is set to undefined`, { hint: "use null for NULL" });
    if (value instanceof SqlFragment) return Object.freeze({ column, expression: asSqlExpression(value, `${what} set ${column}`) });
    return Object.freeze({ column, value });
  });
  if (set.length === 0) throw new MigratorError(`${what}: set names no column`);
  const batchSize = options.batchSize ?? DEFAULT_BACKFILL_BATCH;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new MigratorError(`${what}: batchSize must be a positive integer, got ${String(batchSize)}`);
  const pauseMs = options.pauseMs;
  if (pauseMs !== undefined && (!Number.isFinite(pauseMs) || pauseMs < 0)) throw new MigratorError(`${what}: pauseMs must be 0 or more, got ${String(pauseMs)}`);
  const key = options.key === undefined ? undefined : typeof options.key === "string" ? [options.key] : [...options.key];
  if (key !== undefined && (key.length === 0 || key.some((k) => typeof k !== "string" || k === ""))) {
    throw new MigratorError(`${what}: key must name one or more columns`);
  }
  return {
    set: Object.freeze(set),
    where: options.where === undefined ? undefined : asSqlExpression(options.where, `${what} where`),
    batchSize,
    key: key === undefined ? undefined : Object.freeze(key),
    pauseMs: pauseMs === 0 ? undefined : pauseMs,
  };
}
