import type { QualifiedName } from "../model/types";
import type { Operation } from "../ops/types";
import type { OwnedSequence } from "../model/types";

/** A rename hint for autogenerate (config `renames`, `--rename-table`, `--rename-column`): a drop+add pair becomes a rename. */
export type RenameHint =
  | { readonly table: string; readonly to: string }
  | { readonly table: string; readonly column: string; readonly to: string };

export interface DiffOptions {
  /** Drop+add pairs the user says are renames (`--rename-table`, `--rename-column`, config `renames`). */
  readonly renames?: readonly RenameHint[];
  /** Tables that never produce ops (version and log tables). `typeorm_metadata` is always ignored. */
  readonly ignoreTables?: readonly QualifiedName[];
  /**
   * Sequences owned by the database's tables that rename hints name (keyed by
   * qualifiedKey of the table): a renamed serial or identity column's sequence
   * is renamed with it. The model itself does not hold sequence names.
   */
  readonly sequences?: ReadonlyMap<string, readonly OwnedSequence[]>;
  /**
   * The database can place a column (MySQL's AFTER/FIRST, DialectSql.placesColumns):
   * each dropped column records where it stood, so the downgrade puts it back
   * there (diff/columns.ts). Off, as for PostgreSQL, drops carry no position.
   */
  readonly columnPositions?: boolean;
}

export interface DiffResult {
  /** In an order whose SQL runs as is; the same input gives the same list. */
  readonly ops: Operation[];
  /** Things a person should look at (possible renames, changes the ops cannot express). */
  readonly warnings: string[];
}
