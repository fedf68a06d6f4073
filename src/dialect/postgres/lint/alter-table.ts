/**
 * ALTER TABLE subcommands as lint actions, with the lock each takes
 * (the ALTER TABLE reference page: most take ACCESS EXCLUSIVE; a few less).
 */
import type { AlterTableCmd, ColumnDef, Constraint, Node } from "libpg-query";
import type { LintAction } from "../../lint";
import type { QualifiedName } from "../../../model/types";
import { type LockMode } from "./locks";
import { tableOf, stringOf, typeText } from "./names";
import { typeChangeCost } from "./type-change";
import { expressionFill } from "./volatility";

export interface CommandEffect {
  readonly actions: readonly LintAction[];
  readonly locks: readonly { readonly table: QualifiedName; readonly mode: LockMode }[];
}

const LIGHTER: Partial<Record<string, LockMode>> = {
  AT_SetStatistics: "SHARE UPDATE EXCLUSIVE",
  AT_ValidateConstraint: "SHARE UPDATE EXCLUSIVE",
  AT_ClusterOn: "SHARE UPDATE EXCLUSIVE",
  AT_DropCluster: "SHARE UPDATE EXCLUSIVE",
  AT_AttachPartition: "SHARE UPDATE EXCLUSIVE",
  AT_EnableTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableAlwaysTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableReplicaTrig: "SHARE ROW EXCLUSIVE",
  AT_DisableTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableTrigAll: "SHARE ROW EXCLUSIVE",
  AT_DisableTrigAll: "SHARE ROW EXCLUSIVE",
  AT_EnableTrigUser: "SHARE ROW EXCLUSIVE",
  AT_DisableTrigUser: "SHARE ROW EXCLUSIVE",
};

export function alterTableCommand(table: QualifiedName, cmd: AlterTableCmd): CommandEffect {
  const mode: LockMode = LIGHTER[cmd.subtype ?? ""] ?? "ACCESS EXCLUSIVE";
  const column = cmd.name ?? "?";
  const def = cmd.def;
  switch (cmd.subtype) {
    case "AT_AddColumn":
      return def !== undefined && "ColumnDef" in def ? addColumn(table, def.ColumnDef) : { actions: [], locks: [{ table, mode }] };
    case "AT_DropColumn":
      return { actions: [{ kind: "dropColumn", table, column }], locks: [{ table, mode }] };
    case "AT_SetNotNull":
      return { actions: [{ kind: "setNotNull", table, column }], locks: [{ table, mode }] };
    case "AT_AlterColumnType": {
      const columnDef = def !== undefined && "ColumnDef" in def ? def.ColumnDef : undefined;
      const to = typeText(columnDef?.typeName);
      const cost = typeChangeCost({ to, using: columnDef?.raw_default !== undefined });
      return { actions: [{ kind: "changeType", table, column, to, cost }], locks: [{ table, mode }] };
    }
    case "AT_AddConstraint":
      return def !== undefined && "Constraint" in def ? addConstraint(table, def.Constraint, undefined) : { actions: [], locks: [{ table, mode }] };
    case "AT_ValidateConstraint":
      return { actions: [{ kind: "validateConstraint", table, name: column }], locks: [{ table, mode }] };
    default:
      return { actions: [], locks: [{ table, mode }] };
  }
}

function addColumn(table: QualifiedName, def: ColumnDef): CommandEffect {
  const column = def.colname ?? "?";
  const constraints = (def.constraints ?? []).flatMap((node: Node) => ("Constraint" in node ? [node.Constraint] : []));
  const type = typeText(def.typeName);
  let fill: { fill: "none" | "constant" | "per-row" | "unknown"; fillWith?: string } = { fill: "none" };
  if (/^(small|big)?serial$|^serial[248]$/.test(type)) fill = { fill: "per-row", fillWith: type };
  const actions: LintAction[] = [];
  const locks: { table: QualifiedName; mode: LockMode }[] = [{ table, mode: "ACCESS EXCLUSIVE" }];
  for (const constraint of constraints) {
    switch (constraint.contype) {
      case "CONSTR_DEFAULT": {
        const found = expressionFill(constraint.raw_expr);
        if (fill.fill !== "per-row") fill = { fill: found.fill, ...(found.because === undefined ? {} : { fillWith: found.because }) };
        break;
      }
      case "CONSTR_IDENTITY":
        fill = { fill: "per-row", fillWith: "identity" };
        break;
      case "CONSTR_GENERATED":
        // a virtual column (PostgreSQL 18) stores nothing
        if (constraint.generated_kind !== "v") fill = { fill: "per-row", fillWith: "stored generated column" };
        break;
      default: {
        const added = addConstraint(table, constraint, column);
        actions.push(...added.actions);
        locks.push(...added.locks);
      }
    }
  }
  return { actions: [{ kind: "addColumn", table, column, ...fill }, ...actions], locks };
}

/** `column`: the column an inline constraint of ADD COLUMN belongs to (its key when none is listed). */
function addConstraint(table: QualifiedName, constraint: Constraint, column: string | undefined): CommandEffect {
  const name = constraint.conname ?? `(unnamed${column === undefined ? "" : ` on ${column}`})`;
  const notValid = constraint.skip_validation === true;
  const base = { kind: "addConstraint" as const, table, name, notValid, usingIndex: constraint.indexname !== undefined };
  switch (constraint.contype) {
    case "CONSTR_FOREIGN": {
      const referenced = tableOf(constraint.pktable);
      const locks = [{ table, mode: "SHARE ROW EXCLUSIVE" as const }, ...(referenced === undefined ? [] : [{ table: referenced, mode: "SHARE ROW EXCLUSIVE" as const }])];
      return { actions: [{ ...base, type: "foreignKey" }], locks };
    }
    case "CONSTR_CHECK": {
      const notNullOf = notNullColumn(constraint.raw_expr);
      return { actions: [{ ...base, type: "check", ...(notNullOf === undefined ? {} : { notNullOf }) }], locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
    }
    case "CONSTR_PRIMARY":
      return { actions: [{ ...base, type: "primaryKey" }], locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
    case "CONSTR_UNIQUE":
      return { actions: [{ ...base, type: "unique" }], locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
    case "CONSTR_EXCLUSION":
      return { actions: [{ ...base, type: "exclusion" }], locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
    case "CONSTR_NOTNULL": {
      // ADD CONSTRAINT name NOT NULL column (PostgreSQL 18), or NOT NULL inline on ADD COLUMN (a new column: nothing to scan but its default)
      const target = stringOf(constraint.keys?.[0]) ?? column;
      const actions: LintAction[] = column === undefined && target !== undefined ? [{ kind: "setNotNull", table, column: target }] : [];
      return { actions, locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
    }
    default:
      return { actions: [], locks: [{ table, mode: "ACCESS EXCLUSIVE" }] };
  }
}

/** The column of a check that reads exactly `column IS NOT NULL`. */
function notNullColumn(expression: Node | undefined): string | undefined {
  if (expression === undefined || !("NullTest" in expression) || expression.NullTest.nulltesttype !== "IS_NOT_NULL") return undefined;
  const arg = expression.NullTest.arg;
  if (arg === undefined || !("ColumnRef" in arg)) return undefined;
  const fields = arg.ColumnRef.fields ?? [];
  return fields.length === 1 ? stringOf(fields[0]) : undefined;
}
