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
  TableLock,
  TypeChangeCost,
} from "../dialect/lint";
import type { LintLocation, Severity } from "../dialect/lint";


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
}
