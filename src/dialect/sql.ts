/** Operations -> statements, and reading SQL text the way the database's own lexer does. */
import type { Operation } from "../ops/types";
import type { Statement } from "./statement";

/** A statement found in a script: its code without the comments around it, and where it starts. */
export interface ScriptStatement {
  readonly sql: string;
  readonly at: number;
}

/** A quoted region or comment still open at the end of a script. */
export interface UnterminatedRegion {
  readonly what: "quoted string" | "quoted identifier" | "dollar-quoted string" | "block comment";
  readonly at: number;
}

export type SqlRegion = { readonly end: number; readonly comment: boolean } | { readonly unterminated: UnterminatedRegion };

export interface DialectSql {
  /** Most bind parameters one statement may carry. */
  readonly maxParams: number;
  /** ADD COLUMN can place the column (AFTER/FIRST): autogenerate records where a dropped column stood, so the downgrade puts it back there. */
  readonly placesColumns: boolean;
  /** The statements that carry out one operation, parameters bound. */
  toSql(op: Operation): Statement[];
  /** One statement as text for an offline script: parameters inlined as literals. */
  toOfflineSql(statement: Statement): string;
  /** A script's statements, empty ones left out. */
  splitStatements(sql: string): { readonly statements: readonly ScriptStatement[]; readonly unterminated?: UnterminatedRegion };
  /** The quoted region or comment that starts at `i` (where it ends, or that it never does); undefined when none starts there. */
  skipRegion(sql: string, i: number): SqlRegion | undefined;
  /** The first transaction-control statement (BEGIN, COMMIT...) in the text, as written; undefined when none. */
  findTransactionControl(sql: string): string | undefined;
  /**
   * The same part for one server, from `SELECT VERSION()`'s text, where the
   * SQL differs by version (MySQL's RENAME COLUMN); absent where it does not.
   * Without it the part writes for the versions its dialect names as baseline.
   */
  forServer?(version: string): DialectSql;
}
