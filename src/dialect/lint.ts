/**
 * The lint part of a dialect: what `migrator lint` reads a revision as.
 * A dialect (src/dialect/postgres/lint) turns operations and SQL into
 * statements made of actions (what each does to which table, the lock it
 * takes, whether it scans or rewrites); the neutral rules (src/lint/rules)
 * only look at actions, so they hold no database's grammar.
 */
import type { QualifiedName } from "../model/types";
import type { TableSize } from "./catalog";
import type { Operation } from "../ops/types";

/** What a lock held on a table stops others from doing while it is held (or waited for). */
export type LockBlocks = "reads-and-writes" | "writes" | "schema-changes";

export interface TableLock {
  readonly table: QualifiedName;
  /** The database's name of the lock mode: `ACCESS EXCLUSIVE`, `SHARE`... */
  readonly mode: string;
  readonly blocks: LockBlocks;
}

/** How the rows already in a table get a new column's value. */
export type ColumnFill = "none" | "constant" | "per-row" | "unknown";

/** What a type change does beyond the catalog: rewrite the table, rebuild the column's indexes, nothing, or cannot tell. */
export type TypeChangeCost = "rewrite" | "reindex" | "none" | "unknown";

export type ConstraintType = "primaryKey" | "unique" | "exclusion" | "foreignKey" | "check";

export type LintAction =
  | { readonly kind: "createTable"; readonly table: QualifiedName }
  | { readonly kind: "createIndex"; readonly table: QualifiedName; readonly name: string; readonly concurrently: boolean }
  | {
      readonly kind: "addConstraint";
      readonly table: QualifiedName;
      readonly name: string;
      readonly type: ConstraintType;
      /** Added NOT VALID: existing rows are not checked now. */
      readonly notValid: boolean;
      /** UNIQUE / PRIMARY KEY ... USING INDEX: an index built beforehand is attached. */
      readonly usingIndex: boolean;
      /** A check that is exactly `column IS NOT NULL` (what lets SET NOT NULL skip its scan). */
      readonly notNullOf?: string;
    }
  | { readonly kind: "validateConstraint"; readonly table: QualifiedName; readonly name: string }
  | { readonly kind: "setNotNull"; readonly table: QualifiedName; readonly column: string }
  | {
      readonly kind: "changeType";
      readonly table: QualifiedName;
      readonly column: string;
      /** Unknown for raw SQL (`ALTER COLUMN ... TYPE` does not say what it was). */
      readonly from?: string;
      readonly to: string;
      readonly cost: TypeChangeCost;
    }
  | { readonly kind: "addColumn"; readonly table: QualifiedName; readonly column: string; readonly fill: ColumnFill; readonly fillWith?: string }
  | { readonly kind: "renameTable"; readonly table: QualifiedName; readonly to: string }
  | { readonly kind: "renameColumn"; readonly table: QualifiedName; readonly column: string; readonly to: string }
  | { readonly kind: "dropTable"; readonly table: QualifiedName }
  | { readonly kind: "dropColumn"; readonly table: QualifiedName; readonly column: string }
  /** Existing rows updated or deleted; `everyRow` when no condition narrows it. */
  | { readonly kind: "writeRows"; readonly table: QualifiedName; readonly change: "update" | "delete"; readonly everyRow: boolean }
  | { readonly kind: "lock"; readonly lock: TableLock }
  /** `set`: a lock timeout is in force from here on (false: it was reset or set to 0). */
  | { readonly kind: "lockTimeout"; readonly set: boolean }
  | { readonly kind: "transactionControl"; readonly statement: string }
  /** A statement the database refuses inside a transaction block (CREATE INDEX CONCURRENTLY...). */
  | { readonly kind: "needsNoTransaction"; readonly statement: string }
  /** SQL the parser rejects (the database would too). */
  | { readonly kind: "unparsable"; readonly message: string };

/** Where a statement is: the n-th `op` call of a .ts revision, or a line of an .sql file. */
export type LintLocation = { readonly op: number } | { readonly line: number };

/** One statement (or operation) of a revision, as the rules see it. */
export interface LintStatement {
  readonly at: LintLocation;
  /** One line for people: the op or the SQL, shortened. */
  readonly text: string;
  readonly actions: readonly LintAction[];
}

/** What a statement makes the database do with a table's rows, beyond the catalog. */
export type TableWorkKind = "rewrite" | "scan";

/** One action's work on the rows of an existing table (the dialect's `work`). */
export interface TableWork {
  readonly table: QualifiedName;
  readonly kind: TableWorkKind;
  /** false when it depends on what lint cannot see (a type change from an unknown type, a default it cannot classify). */
  readonly certain: boolean;
  /** What the work is for, in a few words: `builds index "ix"`, `checks "c" for NULLs`. */
  readonly because: string;
}

/** What one statement does to one table that existed before its revision: the lock it takes and the work under it. */
export interface TableEffect {
  readonly table: QualifiedName;
  /** The strongest lock the statement takes on it; absent when it takes none lint knows of. */
  readonly lock?: { readonly mode: string; readonly blocks: LockBlocks };
  /** "none": the statement changes the catalog only. */
  readonly work: TableWorkKind | "none";
  /** false: the work may not happen (see TableWork.certain). */
  readonly certain: boolean;
  readonly because: readonly string[];
  /** From the catalog when a database was read: null when the table is not in it (created earlier in the plan). */
  readonly size?: TableSize | null;
}

/** One statement of a revision with what it does to existing tables (dry run, lint with sizes). */
export interface StatementEstimate {
  readonly at: LintLocation;
  readonly text: string;
  readonly tables: readonly TableEffect[];
}

/** What a dialect gives the engine: operations and SQL as statements. */
export interface DialectLint {
  /** An operation as what its SQL does; an `execute` op is read through the SQL parser. */
  operation(op: Operation, at: LintLocation): Promise<LintStatement[]>;
  /** A run of SQL (one or more statements); `firstLine` is the file line it starts on, when it comes from a file. */
  sql(sql: string, at: LintLocation, firstLine?: number): Promise<LintStatement[]>;
  /** The rules about this database's locks, rewrites and transactions. */
  readonly rules: readonly Rule[];
  /** Whether an action reads or rewrites its table's rows, knowing what the revision did before it (undefined: neither). */
  work(action: LintAction, context: RuleContext): TableWork | undefined;
}

/** How bad a finding is: errors fail `migrator lint`, warnings do not. */
export type Severity = "error" | "warning";

// What a lint rule is: a stable code, a short explanation and fix, and a check of one action in its context.
// Rules about a database's locks are that dialect's (its `rules`); the few about revisions themselves are src/lint's.

/** What the engine knows at a statement: what the revision did before it. */
export interface RuleContext {
  /** The revision runs in one transaction (no `transactional = false`). */
  readonly transactional: boolean;
  /** Whether a lock timeout is in force (set earlier in the revision). */
  readonly lockTimeoutSet: boolean;
  /** Created earlier in this revision: nobody else can be using it, and it holds no rows yet. */
  isNew(table: QualifiedName): boolean;
  /** A constraint of this name was added NOT VALID earlier in the same transaction. */
  addedNotValidInTransaction(table: QualifiedName, name: string): boolean;
  /** A validated `column IS NOT NULL` check on the table is known from earlier in the revision. */
  hasValidNotNullCheck(table: QualifiedName, column: string): boolean;
  /** The rule already reported something in this revision. */
  reported(code: string): boolean;
}

/** A rule's finding at one action, before the engine adds where it is. */
export interface Hit {
  readonly message: string;
  /** Replaces the rule's general fix with one for this case. */
  readonly fix?: string;
  /** A rule may report a case it cannot be sure of at a lower severity (documented per rule). */
  readonly severity?: Severity;
}

export interface Rule {
  /** Stable: `M001`. Never reused for another rule. */
  readonly code: string;
  /** Stable too: `index-without-concurrently`. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence: why it hurts. */
  readonly explanation: string;
  /** One or two sentences: what to write instead. */
  readonly fix: string;
  check(action: LintAction, statement: LintStatement, context: RuleContext): Hit | undefined;
}
