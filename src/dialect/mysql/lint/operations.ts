/**
 * A MySQL operation or script as lint actions: what each does to which
 * table, read from the op's data, and for SQL the statements the dialect's
 * own lexer finds (MySQL's grammar has no parser here: a statement's actions
 * are what its opening words tell — transaction control — and an unclosed
 * string or comment is reported as unreadable). No table locks are claimed:
 * which lock a MySQL ALTER takes depends on the server's online DDL rules,
 * which the rules for MySQL (not written yet) would have to carry.
 */
import { describeOperation } from "../../../ops/describe";
import type { Operation } from "../../../ops/types";
import type { LintAction, LintLocation, LintStatement } from "../../lint";
import { findTransactionControl } from "../sql/transaction-control";
import { splitStatements } from "../sql/split-statements";

export function operationStatements(op: Operation, at: LintLocation): LintStatement[] {
  if (op.kind === "execute") return sqlStatements(op.sql, at);
  return [{ at, text: describeOperation(op), actions: operationActions(op) }];
}

function constantOrUnknown(expression: string | null): "none" | "constant" | "unknown" {
  if (expression === null) return "none";
  return /^(?:'(?:[^'\\]|'')*'|-?\d+(?:\.\d+)?|NULL|TRUE|FALSE)$/i.test(expression) ? "constant" : "unknown";
}

function operationActions(op: Exclude<Operation, { kind: "execute" }>): LintAction[] {
  switch (op.kind) {
    case "createTable":
      return [{ kind: "createTable", table: op.table }];
    case "dropTable":
      return [{ kind: "dropTable", table: op.table }];
    case "renameTable":
      return [{ kind: "renameTable", table: op.table, to: op.to }];
    case "addColumn":
      return [{ kind: "addColumn", table: op.table, column: op.column.name, fill: constantOrUnknown(op.column.default) }];
    case "dropColumn":
      return [{ kind: "dropColumn", table: op.table, column: op.column }];
    case "renameColumn":
      return [{ kind: "renameColumn", table: op.table, column: op.column, to: op.to }];
    case "alterColumn": {
      const actions: LintAction[] = [];
      if (op.type !== undefined) {
        actions.push({ kind: "changeType", table: op.table, column: op.column, ...(op.type.from === undefined ? {} : { from: op.type.from }), to: op.type.to, cost: "unknown" });
      }
      if (op.nullable !== undefined && !op.nullable.to) actions.push({ kind: "setNotNull", table: op.table, column: op.column });
      return actions;
    }
    case "createIndex":
      // built in place beside writes (ALGORITHM=INPLACE, LOCK=NONE), MySQL's counterpart of CONCURRENTLY, but FULLTEXT and SPATIAL
      return [{ kind: "createIndex", table: op.table, name: op.index.name, concurrently: !["fulltext", "spatial"].includes(op.index.method.toLowerCase()) }];
    case "createPrimaryKey":
      return [constraint(op.table, op.primaryKey.name, "primaryKey")];
    case "createUniqueConstraint":
      return [constraint(op.table, op.unique.name, "unique", op.usingIndex !== undefined)];
    case "createForeignKey":
      return [constraint(op.table, op.foreignKey.name, "foreignKey")];
    case "createCheckConstraint":
      return [constraint(op.table, op.check.name, "check")];
    default:
      return [];
  }
}

function constraint(table: { schema: string; name: string }, name: string, type: "primaryKey" | "unique" | "foreignKey" | "check", usingIndex = false): LintAction {
  // MySQL checks every row when a constraint is added: nothing is ever NOT VALID
  return { kind: "addConstraint", table, name, type, notValid: false, usingIndex };
}

export function sqlStatements(sql: string, at: LintLocation, firstLine?: number): LintStatement[] {
  const { statements, unterminated } = splitStatements(sql);
  const lineAt = (offset: number): LintLocation => (firstLine === undefined ? at : { line: firstLine + (sql.slice(0, offset).match(/\n/g)?.length ?? 0) });
  const out: LintStatement[] = statements.map((statement) => {
    const control = findTransactionControl(statement.sql);
    const actions: LintAction[] = control === undefined ? [] : [{ kind: "transactionControl", statement: control }];
    return { at: lineAt(statement.at), text: shorten(statement.sql), actions };
  });
  if (unterminated !== undefined) {
    out.push({ at: lineAt(unterminated.at), text: shorten(sql.slice(unterminated.at)), actions: [{ kind: "unparsable", message: `${unterminated.what} opened here is never closed` }] });
  }
  return out;
}

function shorten(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}
