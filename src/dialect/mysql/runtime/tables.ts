/**
 * MySQL's version table (one row per current head) and log table (one row
 * per step run): the same columns and meaning as PostgreSQL's, in MySQL
 * types. Times are UTC DATETIME(6); revision ids compare byte by byte
 * (utf8mb4_bin), as PostgreSQL's COLLATE "C" order. `statements_done`
 * counts the statements a step has run: every step on MySQL runs outside a
 * transaction (DDL commits at once), so an interrupted one is told exactly.
 */
import type { Executor } from "../../../db/types";
import type { Direction, ExistingTables, LogRow, RuntimeTables, VersionRowChange } from "../../runtime";
import { asDirection } from "../../log-rows";
import { statement, type Statement } from "../../statement";
import { qualified, quoteIdent, schemaValue } from "./quote";
import { versionChangeSql } from "./version-change";

const ID = "varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";

export function createTablesSql(tables: RuntimeTables): string[] {
  const out: string[] = [];
  if (tables.version.schema !== "public") out.push(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(tables.version.schema)}`);
  out.push(`CREATE TABLE IF NOT EXISTS ${qualified(tables.version)} (version_num ${ID} NOT NULL PRIMARY KEY) ENGINE=InnoDB`);
  out.push(
    `CREATE TABLE IF NOT EXISTS ${qualified(tables.log)} (` +
      "id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, " +
      `revision ${ID} NOT NULL, ` +
      "direction varchar(4) NOT NULL, " +
      "started_at datetime(6) NOT NULL, " +
      // NULL while a step runs: a row left so was interrupted
      "finished_at datetime(6) NULL, " +
      "duration_ms int NULL, " +
      "checksum varchar(64) NULL, " +
      "db_user varchar(300) NOT NULL, " +
      "client_host varchar(255) NULL, " +
      "client_app varchar(255) NULL, " +
      "migrator_version varchar(64) NULL, " +
      "statements_done int NULL, " +
      "KEY migrator_log_revision (revision, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
  );
  return out;
}

/** Which of the two tables exist, in one round trip; a MySQL log table has only today's shape. */
export async function existingTables(executor: Executor, tables: RuntimeTables): Promise<ExistingTables> {
  const exists = "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?)";
  const result = await executor.query<{ version: unknown; log: unknown }>(`SELECT ${exists} AS version, ${exists} AS log`, [
    schemaValue(tables.version),
    tables.version.name,
    schemaValue(tables.log),
    tables.log.name,
  ]);
  const row = result.rows[0];
  return { version: Number(row?.version) === 1, log: Number(row?.log) === 1, oldLog: false };
}

/** A MySQL log table has only today's shape: nothing to bring up to date. */
export function relaxLogSql(_tables: RuntimeTables): string {
  return "";
}

export async function selectVersionRows(executor: Executor, tables: RuntimeTables): Promise<string[]> {
  const result = await executor.query<{ version_num: string }>(`SELECT version_num FROM ${qualified(tables.version)} ORDER BY version_num`);
  return result.rows.map((r) => r.version_num);
}

export function versionChangeStatements(tables: RuntimeTables, changes: readonly VersionRowChange[]): Statement[] {
  const version = qualified(tables.version);
  return changes.map((change) => {
    const params: unknown[] = [];
    const sql = versionChangeSql(version, change, (value) => {
      params.push(value);
      return "?";
    });
    return statement(sql, { params });
  });
}

export function purgeVersionSql(tables: RuntimeTables): string {
  return `DELETE FROM ${qualified(tables.version)}`;
}

export async function readLatestLog(executor: Executor, tables: RuntimeTables): Promise<LogRow[]> {
  const log = qualified(tables.log);
  const result = await executor.query<{ revision: string; direction: string; started_at: Date | string; checksum: string | null }>(
    `SELECT l.revision, l.direction, l.started_at, l.checksum FROM ${log} l ` +
      `JOIN (SELECT MAX(id) AS id FROM ${log} GROUP BY revision) m ON m.id = l.id ORDER BY l.revision`,
  );
  return result.rows.map((row) => ({
    revision: row.revision,
    direction: asDirection(row.direction),
    startedAt: asDate(row.started_at),
    checksum: row.checksum,
  }));
}


/** mysql2 reads DATETIME as UTC (timezone "Z"); a text is read so too. */
export function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(" ", "T")}Z`);
}
