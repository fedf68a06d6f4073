/**
 * Raw SQL (op.execute, .sql revisions) as lint statements, read by the
 * server's own parser: one statement per parsed statement, each with the
 * file line it starts on when the SQL comes from a file.
 */
import type { Node, RawStmt } from "libpg-query";
import type { LintAction, LintLocation, LintStatement } from "../../lint";
import { alterTableCommand } from "./alter-table";
import { lockModeNumbered, lockOn, strongest, type LockMode } from "./locks";
import { tableOf, tableOfList } from "./names";
import { parseSql } from "./parser";
import { qualifiedKey, type QualifiedName } from "../../../model/types";

export async function sqlStatements(sql: string, at: LintLocation, firstLine?: number): Promise<LintStatement[]> {
  const parsed = await parseSql(sql);
  const bytes = Buffer.from(sql, "utf8");
  const lineAt = (offset: number): LintLocation => (firstLine === undefined ? at : { line: firstLine + countNewlines(bytes, offset) });
  if (!parsed.ok) {
    const where = parsed.position === undefined ? at : lineAt(Math.max(0, parsed.position - 1));
    return [{ at: where, text: shorten(sql), actions: [{ kind: "unparsable", message: parsed.message }] }];
  }
  return (parsed.result.stmts ?? []).map((raw: RawStmt) => {
    const start = raw.stmt_location ?? 0;
    const text = bytes.subarray(start, raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len).toString("utf8");
    const lead = leadingBlank(text);
    return { at: lineAt(start + Buffer.byteLength(text.slice(0, lead))), text: shorten(text.slice(lead)), actions: actionsOf(raw.stmt) };
  });
}

const TRANSACTION_WORDS: Readonly<Record<string, string>> = {
  TRANS_STMT_BEGIN: "BEGIN",
  TRANS_STMT_START: "START TRANSACTION",
  TRANS_STMT_COMMIT: "COMMIT",
  TRANS_STMT_ROLLBACK: "ROLLBACK",
  TRANS_STMT_SAVEPOINT: "SAVEPOINT",
  TRANS_STMT_RELEASE: "RELEASE",
  TRANS_STMT_ROLLBACK_TO: "ROLLBACK TO SAVEPOINT",
  TRANS_STMT_PREPARE: "PREPARE TRANSACTION",
  TRANS_STMT_COMMIT_PREPARED: "COMMIT PREPARED",
  TRANS_STMT_ROLLBACK_PREPARED: "ROLLBACK PREPARED",
};

export function actionsOf(stmt: Node | undefined): LintAction[] {
  if (stmt === undefined) return [];
  if ("TransactionStmt" in stmt) return [{ kind: "transactionControl", statement: TRANSACTION_WORDS[stmt.TransactionStmt.kind ?? ""] ?? "transaction control" }];
  if ("VariableSetStmt" in stmt) return variableSet(stmt.VariableSetStmt);
  if ("CreateStmt" in stmt) return created(tableOf(stmt.CreateStmt.relation));
  if ("CreateTableAsStmt" in stmt) return created(tableOf(stmt.CreateTableAsStmt.into?.rel));
  if ("IndexStmt" in stmt) {
    const index = stmt.IndexStmt;
    const table = tableOf(index.relation);
    if (table === undefined) return [];
    const concurrently = index.concurrent === true;
    return [
      { kind: "createIndex", table, name: index.idxname ?? "(unnamed)", concurrently },
      lockOn(table, concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE"),
      ...(concurrently ? [{ kind: "needsNoTransaction" as const, statement: "CREATE INDEX CONCURRENTLY" }] : []),
    ];
  }
  if ("AlterTableStmt" in stmt) return alterTable(stmt.AlterTableStmt.relation, stmt.AlterTableStmt.objtype, stmt.AlterTableStmt.cmds ?? []);
  if ("RenameStmt" in stmt) return renamed(stmt.RenameStmt);
  if ("DropStmt" in stmt) return dropped(stmt.DropStmt);
  if ("UpdateStmt" in stmt) return rowsWritten("update", tableOf(stmt.UpdateStmt.relation), stmt.UpdateStmt.whereClause === undefined);
  if ("DeleteStmt" in stmt) return rowsWritten("delete", tableOf(stmt.DeleteStmt.relation), stmt.DeleteStmt.whereClause === undefined);
  if ("TruncateStmt" in stmt) return tablesOf(stmt.TruncateStmt.relations).map((table) => lockOn(table, "ACCESS EXCLUSIVE"));
  if ("LockStmt" in stmt) {
    const mode = lockModeNumbered(stmt.LockStmt.mode);
    return mode === undefined ? [] : tablesOf(stmt.LockStmt.relations).map((table) => lockOn(table, mode));
  }
  if ("ReindexStmt" in stmt) return hasOption(stmt.ReindexStmt.params, "concurrently") ? [{ kind: "needsNoTransaction", statement: "REINDEX CONCURRENTLY" }] : [];
  if ("VacuumStmt" in stmt) return stmt.VacuumStmt.is_vacuumcmd === true ? [{ kind: "needsNoTransaction", statement: "VACUUM" }] : [];
  if ("CreatedbStmt" in stmt) return [{ kind: "needsNoTransaction", statement: "CREATE DATABASE" }];
  if ("DropdbStmt" in stmt) return [{ kind: "needsNoTransaction", statement: "DROP DATABASE" }];
  if ("AlterSystemStmt" in stmt) return [{ kind: "needsNoTransaction", statement: "ALTER SYSTEM" }];
  return [];
}

/** A data change: ROW EXCLUSIVE on the table (only schema changes wait), and the rows it writes. */
function rowsWritten(change: "update" | "delete", table: QualifiedName | undefined, everyRow: boolean): LintAction[] {
  return table === undefined ? [] : [lockOn(table, "ROW EXCLUSIVE"), { kind: "writeRows", table, change, everyRow }];
}

function created(table: QualifiedName | undefined): LintAction[] {
  return table === undefined ? [] : [{ kind: "createTable", table }];
}

function variableSet(set: { kind?: string; name?: string; args?: Node[] }): LintAction[] {
  if (set.kind === "VAR_SET_MULTI" && set.name?.toUpperCase() === "TRANSACTION") return [{ kind: "transactionControl", statement: "SET TRANSACTION" }];
  if (set.kind === "VAR_RESET_ALL") return [{ kind: "lockTimeout", set: false }];
  if (set.name?.toLowerCase() !== "lock_timeout") return [];
  if (set.kind !== "VAR_SET_VALUE") return [{ kind: "lockTimeout", set: false }];
  const value = set.args?.[0];
  const constant = value !== undefined && "A_Const" in value ? value.A_Const : undefined;
  // 0 turns the timeout off; the parser's JSON leaves a zero integer out
  const zero = constant?.ival !== undefined ? (constant.ival.ival ?? 0) === 0 : constant?.sval !== undefined && /^\s*0+\s*(ms|s|min|h|d)?\s*$/i.test(constant.sval.sval ?? "");
  return [{ kind: "lockTimeout", set: !zero }];
}

function alterTable(relation: Parameters<typeof tableOf>[0], objtype: string | undefined, cmds: readonly Node[]): LintAction[] {
  const table = tableOf(relation);
  // ALTER INDEX / SEQUENCE / VIEW name the object, not a table lint follows
  if (table === undefined || (objtype !== "OBJECT_TABLE" && objtype !== "OBJECT_MATVIEW")) return [];
  const actions: LintAction[] = [];
  const modes = new Map<string, { table: QualifiedName; modes: LockMode[] }>();
  for (const node of cmds) {
    if (!("AlterTableCmd" in node)) continue;
    const effect = alterTableCommand(table, node.AlterTableCmd);
    actions.push(...effect.actions);
    for (const lock of effect.locks) {
      const entry = modes.get(qualifiedKey(lock.table)) ?? { table: lock.table, modes: [] };
      entry.modes.push(lock.mode);
      modes.set(qualifiedKey(lock.table), entry);
    }
  }
  // one lock per table: the strongest its subcommands take
  const locks = [...modes.values()].flatMap(({ table: locked, modes: taken }) => {
    const mode = strongest(taken);
    return mode === undefined ? [] : [lockOn(locked, mode)];
  });
  return [...locks, ...actions];
}

function renamed(rename: { renameType?: string; relationType?: string; relation?: Parameters<typeof tableOf>[0]; subname?: string; newname?: string }): LintAction[] {
  const table = tableOf(rename.relation);
  if (table === undefined) return [];
  const to = rename.newname ?? "?";
  switch (rename.renameType) {
    case "OBJECT_TABLE":
      return [lockOn(table, "ACCESS EXCLUSIVE"), { kind: "renameTable", table, to }];
    case "OBJECT_COLUMN":
      if (rename.relationType !== "OBJECT_TABLE") return [];
      return [lockOn(table, "ACCESS EXCLUSIVE"), { kind: "renameColumn", table, column: rename.subname ?? "?", to }];
    case "OBJECT_TABCONSTRAINT":
      return [lockOn(table, "ACCESS EXCLUSIVE")];
    default:
      return [];
  }
}

function dropped(drop: { removeType?: string; objects?: Node[]; concurrent?: boolean }): LintAction[] {
  if (drop.removeType === "OBJECT_INDEX" && drop.concurrent === true) return [{ kind: "needsNoTransaction", statement: "DROP INDEX CONCURRENTLY" }];
  if (drop.removeType !== "OBJECT_TABLE") return [];
  return (drop.objects ?? []).flatMap((object) => {
    const table = tableOfList(object);
    return table === undefined ? [] : [lockOn(table, "ACCESS EXCLUSIVE"), { kind: "dropTable" as const, table }];
  });
}

function tablesOf(relations: readonly Node[] | undefined): QualifiedName[] {
  return (relations ?? []).flatMap((node) => {
    const table = "RangeVar" in node ? tableOf(node.RangeVar) : undefined;
    return table === undefined ? [] : [table];
  });
}

function hasOption(params: readonly Node[] | undefined, name: string): boolean {
  return (params ?? []).some((node) => "DefElem" in node && node.DefElem.defname === name);
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) count += 1;
  return count;
}

/** Blanks and comments before a statement's first word (the parser counts them in). */
function leadingBlank(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
    if (text.startsWith("--", i)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

export function shorten(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
