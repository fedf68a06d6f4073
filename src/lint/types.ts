/**
 * What `migrator lint` reports. What it reads a revision as (actions,
 * statements, the dialect's part) is defined with the dialect's other parts
 * (src/dialect/lint.ts); the rules only look at those actions.
 */
export type {
  ColumnFill,
  ConstraintType,
  DialectLint,
  LintAction,
  LintLocation,
  LintStatement,
  Severity,
  LockBlocks,
  StatementEstimate,
  TableEffect,
  TableLock,
  TableWork,
  TableWorkKind,
  TypeChangeCost,
} from "../dialect/lint";
export type { SizedTable, TableSize } from "../dialect/catalog";
import type { LintLocation, Severity } from "../dialect/lint";
import type { TableSize } from "../dialect/catalog";
import type { QualifiedName } from "../model/types";


/** One thing lint reports. */
export interface LintFinding {
  /** The rule's stable code: `M001`. */
  readonly code: string;
  /** The rule's name: `index-without-concurrently`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly at?: LintLocation;
  /** The statement or operation, shortened. */
  readonly statement?: string;
  /** The table the finding is about, when it is about one. */
  readonly table?: QualifiedName;
  /** With `lint --sizes`: the table's size from the catalog (null: not in the database, e.g. created by a revision not yet applied). */
  readonly size?: TableSize | null;
}
