/** Typed reads of information_schema rows (mysql2 returns strings, numbers or null). */
import type { Row } from "../../../db/types";

export function text(row: Row, key: string): string {
  const value = row[key];
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

export function textOrNull(row: Row, key: string): string | null {
  const value = row[key];
  return value === null || value === undefined ? null : text(row, key);
}

export function number(row: Row, key: string): number {
  return Number(row[key]);
}

/** Rows grouped by `db` and table (`tbl`), for one pass per table. */
export function byTable(rows: readonly Row[], tableKey = "tbl"): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = relationKey(text(row, "db"), text(row, tableKey));
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

export function relationKey(db: string, table: string): string {
  return `${db}\u0000${table}`;
}
