/**
 * MariaDB tests: each call of `withMariaDb` gets a database of its own,
 * created before and dropped after. They run where MariaDB answers
 * (`mariadbUrl()` is null otherwise: use `describe.skipIf(!mariadbUrl())`).
 */
import { randomBytes } from "node:crypto";
import type { Connection } from "mysql2/promise";
import { inject } from "vitest";
import "./global-setup";

export function mariadbUrl(): string | null {
  return inject("mariadbUrl");
}

export interface TestMariaDb {
  /** A connection to the test's own database (multipleStatements on). */
  readonly connection: Connection;
  /** URL of the test's own database, for a CLI process or TypeORM. */
  readonly url: string;
  readonly database: string;
}

export async function withMariaDb<T>(fn: (db: TestMariaDb) => Promise<T>): Promise<T> {
  const adminUrl = mariadbUrl();
  if (adminUrl === null) throw new Error("no MariaDB answers: guard the test with describe.skipIf(!mariadbUrl())");
  const mysql = await import("mysql2/promise");
  const database = `migrator_test_${randomBytes(6).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: adminUrl });
  await admin.query(`CREATE DATABASE \`${database}\``);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const connection = await mysql.createConnection({ uri: url.toString(), multipleStatements: true });
  try {
    return await fn({ connection, url: url.toString(), database });
  } finally {
    await connection.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
