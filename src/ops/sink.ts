/** Where the `op` API sends the operations it builds. */
import type { Row } from "../db/types";
import { MigratorError } from "../errors";
import type { Operation } from "./types";

export interface OperationSink {
  /** Apply (or print, or record) one operation. */
  run(op: Operation): Promise<void>;
  /** Run a query and return its rows; only possible with a live connection. */
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

export function offlineQueryError(sql: string): MigratorError {
  const shown = sql.replace(/\s+/g, " ").trim();
  return new MigratorError(`op.query() needs a database connection and cannot run offline: ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`, {
    hint: "run without --sql, or use op.execute() when the rows are not needed",
  });
}

/** Records operations instead of running them (renderer, offline planning, tests). */
export class RecordingSink implements OperationSink {
  readonly ops: Operation[] = [];

  async run(op: Operation): Promise<void> {
    this.ops.push(op);
  }

  async query(sql: string): Promise<Row[]> {
    throw offlineQueryError(sql);
  }
}
