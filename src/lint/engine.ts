/**
 * Runs every rule over a revision's statements in order, keeping what the
 * revision did so far: the tables it created (an "existing" table is one it
 * did not), whether a lock timeout is set, constraints added NOT VALID in
 * the current transaction, validated `IS NOT NULL` checks.
 */
import { compareText } from "../model/names";
import { qualifiedKey, type QualifiedName } from "../model/types";
import type { Hit, Rule, RuleContext } from "./rule";
import type { LintAction, LintFinding, LintStatement } from "./types";

export interface CheckOptions {
  readonly transactional: boolean;
  readonly rules: readonly Rule[];
  /** The runner sets a lock_timeout before the revision's first statement (ddlLockTimeout): it is in force from the start. */
  readonly runnerLockTimeout?: boolean;
}

export function checkStatements(statements: readonly LintStatement[], options: CheckOptions): LintFinding[] {
  const state = new RevisionState(options.transactional, options.runnerLockTimeout === true);
  const findings: LintFinding[] = [];
  for (const statement of statements) {
    const found: LintFinding[] = [];
    for (const action of statement.actions) {
      for (const rule of options.rules) {
        const hit = rule.check(action, statement, state);
        if (hit === undefined) continue;
        state.reportedCodes.add(rule.code);
        found.push(finding(rule, hit, statement, action));
      }
    }
    // in code order within a statement, whatever order its actions came in
    findings.push(...found.sort((a, b) => compareText(a.code, b.code)));
    // what a statement does counts from the next one on: an index in the CREATE TABLE's own statement is on a new table anyway
    for (const action of statement.actions) state.record(action);
  }
  return findings;
}

export function finding(rule: Rule, hit: Hit, statement?: LintStatement, action?: LintAction): LintFinding {
  const table = action === undefined ? undefined : action.kind === "lock" ? action.lock.table : "table" in action ? action.table : undefined;
  return {
    code: rule.code,
    rule: rule.name,
    severity: hit.severity ?? rule.severity,
    message: hit.message,
    fix: hit.fix ?? rule.fix,
    ...(statement === undefined ? {} : { at: statement.at, statement: statement.text }),
    ...(table === undefined ? {} : { table }),
  };
}

/** What a revision did so far, as the rules (and the estimates) ask of it; `record` each statement's actions after looking at them. */
export class RevisionState implements RuleContext {
  readonly reportedCodes = new Set<string>();
  lockTimeoutSet: boolean;
  private readonly created = new Set<string>();
  /** table key -> constraint names added NOT VALID since the transaction began. */
  private notValid = new Map<string, Set<string>>();
  /** table key -> constraint name -> the column its `IS NOT NULL` check covers, and whether it is validated. */
  private readonly notNullChecks = new Map<string, Map<string, { column: string; valid: boolean }>>();

  constructor(
    readonly transactional: boolean,
    runnerLockTimeout: boolean,
  ) {
    this.lockTimeoutSet = runnerLockTimeout;
  }

  isNew(table: QualifiedName): boolean {
    return this.created.has(qualifiedKey(table));
  }

  addedNotValidInTransaction(table: QualifiedName, name: string): boolean {
    return this.notValid.get(qualifiedKey(table))?.has(name) === true;
  }

  hasValidNotNullCheck(table: QualifiedName, column: string): boolean {
    return [...(this.notNullChecks.get(qualifiedKey(table))?.values() ?? [])].some((check) => check.valid && check.column === column);
  }

  reported(code: string): boolean {
    return this.reportedCodes.has(code);
  }

  record(action: LintAction): void {
    switch (action.kind) {
      case "createTable":
        this.created.add(qualifiedKey(action.table));
        break;
      case "renameTable":
        if (this.isNew(action.table)) this.created.add(qualifiedKey({ schema: action.table.schema, name: action.to }));
        break;
      case "addConstraint": {
        const key = qualifiedKey(action.table);
        if (action.notValid) this.notValid.set(key, (this.notValid.get(key) ?? new Set()).add(action.name));
        if (action.notNullOf !== undefined) {
          const checks = this.notNullChecks.get(key) ?? new Map<string, { column: string; valid: boolean }>();
          checks.set(action.name, { column: action.notNullOf, valid: !action.notValid });
          this.notNullChecks.set(key, checks);
        }
        break;
      }
      case "validateConstraint": {
        const check = this.notNullChecks.get(qualifiedKey(action.table))?.get(action.name);
        if (check !== undefined) check.valid = true;
        break;
      }
      case "lockTimeout":
        this.lockTimeoutSet = action.set;
        break;
      case "transactionControl":
        // a new transaction: what was added NOT VALID before it is committed (or gone)
        this.notValid = new Map();
        break;
      default:
        break;
    }
  }
}
