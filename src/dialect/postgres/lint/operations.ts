/**
 * An operation as lint actions: what its SQL (to-sql.ts, alter-column.ts)
 * does to which table and the lock it takes, read from the op's data (which
 * knows more than the SQL: an alterColumn's old type). `execute` goes
 * through the parser.
 */
import { describeOperation } from "../../../ops/describe";
import { assertNever, type AlterColumnOp, type Operation } from "../../../ops/types";
import type { LintAction, LintLocation, LintStatement } from "../../lint";
import type { ColumnModel, QualifiedName } from "../../../model/types";
import { lockOn } from "./locks";
import { sqlStatements } from "./sql";
import { typeChangeCost } from "./type-change";
import { defaultFill } from "./volatility";

export async function operationStatements(op: Operation, at: LintLocation): Promise<LintStatement[]> {
  if (op.kind === "execute") return sqlStatements(op.sql, at);
  return [{ at, text: describeOperation(op), actions: await operationActions(op) }];
}

const NOT_NULL_CHECK = /^\(*\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\s+IS\s+NOT\s+NULL\s*\)*$/i;

async function operationActions(op: Exclude<Operation, { kind: "execute" }>): Promise<LintAction[]> {
  const exclusive = (table: QualifiedName): LintAction => lockOn(table, "ACCESS EXCLUSIVE");
  switch (op.kind) {
    case "createTable":
      return [{ kind: "createTable", table: op.table }];
    case "dropTable":
      return [exclusive(op.table), { kind: "dropTable", table: op.table }];
    case "renameTable":
      return [exclusive(op.table), { kind: "renameTable", table: op.table, to: op.to }];
    case "addColumn":
      return [exclusive(op.table), { kind: "addColumn", table: op.table, column: op.column.name, ...(await columnFill(op.column)) }];
    case "dropColumn":
      return [exclusive(op.table), { kind: "dropColumn", table: op.table, column: op.column }];
    case "renameColumn":
      return [exclusive(op.table), { kind: "renameColumn", table: op.table, column: op.column, to: op.to }];
    case "alterColumn":
      return [exclusive(op.table), ...alterColumnActions(op)];
    case "createIndex": {
      const concurrently = op.concurrently === true;
      return [
        lockOn(op.table, concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE"),
        { kind: "createIndex", table: op.table, name: op.index.name, concurrently },
        ...(concurrently ? [{ kind: "needsNoTransaction" as const, statement: "CREATE INDEX CONCURRENTLY" }] : []),
      ];
    }
    case "dropIndex":
      return op.concurrently === true
        ? [lockOn(op.table, "SHARE UPDATE EXCLUSIVE"), { kind: "needsNoTransaction", statement: "DROP INDEX CONCURRENTLY" }]
        : [exclusive(op.table)];
    case "createPrimaryKey":
      return [exclusive(op.table), constraint(op.table, op.primaryKey.name, "primaryKey")];
    case "createUniqueConstraint":
      return [exclusive(op.table), constraint(op.table, op.unique.name, "unique", { usingIndex: op.usingIndex !== undefined })];
    case "createExclusionConstraint":
      return [exclusive(op.table), constraint(op.table, op.exclusion.name, "exclusion")];
    case "createForeignKey":
      return [
        lockOn(op.table, "SHARE ROW EXCLUSIVE"),
        lockOn(op.foreignKey.referencedTable, "SHARE ROW EXCLUSIVE"),
        constraint(op.table, op.foreignKey.name, "foreignKey", { notValid: op.notValid === true }),
      ];
    case "createCheckConstraint": {
      const column = NOT_NULL_CHECK.exec(op.check.expression.trim())?.[1];
      const notNullOf = column === undefined ? undefined : column.startsWith('"') ? column.slice(1, -1).replace(/""/g, '"') : column;
      return [exclusive(op.table), { ...constraint(op.table, op.check.name, "check", { notValid: op.notValid === true }), ...(notNullOf === undefined ? {} : { notNullOf }) }];
    }
    case "validateConstraint":
      // reads the rows under a lock that lets reads and writes go on
      return [lockOn(op.table, "SHARE UPDATE EXCLUSIVE"), { kind: "validateConstraint", table: op.table, name: op.name }];
    case "dropConstraint":
    case "renameConstraint":
      return [exclusive(op.table)];
    case "renameIndex":
      return [lockOn(op.table, "SHARE UPDATE EXCLUSIVE")];
    case "backfill":
      // each batch an UPDATE of its own rows in a short transaction of its own: it needs the revision outside one
      return [lockOn(op.table, "ROW EXCLUSIVE"), { kind: "needsNoTransaction", statement: "op.backfill" }];
    case "dropView":
      return [exclusive(op.view)];
    case "recreateEnum":
      // every column of the type is converted through text: each of their tables is rewritten
      return op.usages.flatMap((usage) => [
        exclusive(usage.table),
        { kind: "changeType" as const, table: usage.table, column: usage.column, from: `${op.enum.name} (${op.previousValues.length} values)`, to: `${op.enum.name} (${op.values.length} values)`, cost: "rewrite" as const },
      ]);
    case "createSchema":
    case "dropSchema":
    case "createExtension":
    case "dropExtension":
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "renameEnumValue":
    case "renameEnum":
    case "renameSequence":
    case "setTableComment":
    case "setColumnComment":
    case "createView":
    case "bulkInsert":
    case "insertTypeormMetadata":
    case "deleteTypeormMetadata":
      return [];
    default:
      return assertNever(op);
  }
}

function constraint(
  table: QualifiedName,
  name: string,
  type: "primaryKey" | "unique" | "exclusion" | "foreignKey" | "check",
  form: { readonly notValid?: boolean; readonly usingIndex?: boolean } = {},
): LintAction & { kind: "addConstraint" } {
  return { kind: "addConstraint", table, name, type, notValid: form.notValid === true, usingIndex: form.usingIndex === true };
}

async function columnFill(column: ColumnModel): Promise<{ fill: "none" | "constant" | "per-row" | "unknown"; fillWith?: string }> {
  if (column.identity !== null) return { fill: "per-row", fillWith: "identity" };
  if (column.serial) return { fill: "per-row", fillWith: "serial" };
  if (column.generated !== null) return { fill: "per-row", fillWith: "stored generated column" };
  if (column.default === null) return { fill: "none" };
  const found = await defaultFill(column.default);
  return { fill: found.fill, ...(found.because === undefined ? {} : { fillWith: found.because }) };
}

function alterColumnActions(op: AlterColumnOp): LintAction[] {
  const actions: LintAction[] = [];
  const base = { table: op.table, column: op.column };
  if (op.generated !== undefined && op.generated.to !== null) {
    // PostgreSQL 15 cannot alter a generated expression: the column is dropped and added back, every row computed again
    actions.push({ kind: "changeType", ...base, to: `generated as (${op.generated.to})`, cost: "rewrite" });
  } else if (op.type !== undefined || op.collation !== undefined) {
    const to = op.type?.to ?? "?";
    const from = op.type?.from;
    const collationChanged = op.collation !== undefined && op.collation.from !== op.collation.to;
    const cost = typeChangeCost({ to, ...(from === undefined ? {} : { from }), using: op.type?.using !== undefined, collationChanged });
    actions.push({ kind: "changeType", ...base, ...(from === undefined ? {} : { from }), to, cost });
  }
  if (op.nullable?.to === false) actions.push({ kind: "setNotNull", ...base });
  return actions;
}
