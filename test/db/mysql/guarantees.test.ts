/**
 * The user's path on MariaDB, through the CLI (in-process): a project with
 * MySQL-shaped entities and a mysql:// URL. check -> revision --autogenerate
 * -> upgrade head -> check is up to date (fixpoint) -> the schema equals
 * TypeORM's own synchronize of the same entities on another database
 * (SHOW CREATE TABLE of every table, AUTO_INCREMENT= counters left out) ->
 * downgrade -1 restores the schema before -> downgrade base leaves only
 * migrator's tables. Then a v1 -> v2 change (test/fixtures/entities/mysql-v2)
 * with the same guarantees, up to positions: a column added by ALTER goes
 * last and a key after the others, where synchronize of v2 on an empty
 * database puts them where they are declared; its downgrade puts every
 * dropped column back where it stood, so only KEY lines may move. Also: the
 * same project through a DataSource of type mariadb, the revision file and
 * `--sql` saying what a failure half-way leaves, and v1's `--sql` script run
 * by hand building what `upgrade` built.
 */
import "reflect-metadata";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { fixtureSet, writeProject } from "../../helpers/project";

const typeorm = require("typeorm") as typeof import("typeorm");

/** Migrator's own tables (the version and log tables) and TypeORM's: not part of the user's schema (downgrade base leaves them, as on PostgreSQL). */
const OWN_TABLES = new Set(["migrator_log", "migrator_version", "typeorm_metadata"]);

/** Every table and view as SHOW CREATE TABLE prints it, AUTO_INCREMENT= counters left out. */
async function schemaOf(connection: Connection): Promise<Record<string, string>> {
  const [tables] = await connection.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  const out: Record<string, string> = {};
  for (const { name } of tables as { name: string }[]) {
    if (OWN_TABLES.has(name)) continue;
    const [rows] = await connection.query(`SHOW CREATE TABLE \`${name}\``);
    const row = (rows as Record<string, string>[])[0]!;
    out[name] = (row["Create Table"] ?? row["Create View"]!).replace(/ AUTO_INCREMENT=\d+/, "");
  }
  return out;
}

async function tableNames(connection: Connection): Promise<string[]> {
  const [tables] = await connection.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  return (tables as { name: string }[]).map((t) => t.name);
}

async function synchronize(url: string, entities: readonly Function[]): Promise<void> {
  const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities: [...entities], synchronize: true, logging: false });
  await dataSource.initialize();
  await dataSource.destroy();
}

async function cli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(args, dir);
}

async function ok(dir: string, ...args: string[]): Promise<string> {
  const result = await cli(dir, ...args);
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/**
 * The same, each table's column lines and plain KEY lines in name order: a
 * table changed by ALTER has its new columns last and its new keys after the
 * old ones, where synchronize of the next version on an empty database puts
 * them where they are declared.
 */
function anyPositions(schema: Record<string, string>): Record<string, string> {
  const sortLines = (create: string, which: RegExp): string => {
    const lines = create.split("\n");
    const picked = lines.filter((line) => which.test(line)).map((line) => line.replace(/,$/, ""));
    const sorted = [...picked].sort();
    let k = 0;
    return lines.map((line) => (which.test(line) ? sorted[k++]! + (line.endsWith(",") ? "," : "") : line)).join("\n");
  };
  return Object.fromEntries(Object.entries(schema).map(([name, create]) => [name, sortLines(sortLines(create, /^  `/), /^  KEY /)]));
}

/**
 * The same, each table's plain KEY lines in name order, columns left where
 * they are: a downgrade puts a dropped column back where it stood (ADD COLUMN
 * ... AFTER), but MySQL has no way to place an index, so a re-created one
 * prints after the keys that stayed.
 */
function anyKeyOrder(schema: Record<string, string>): Record<string, string> {
  const sortKeys = (create: string): string => {
    const lines = create.split("\n");
    const isKey = (line: string): boolean => line.startsWith("  KEY ");
    const sorted = lines.filter(isKey).map((line) => line.replace(/,$/, "")).sort();
    let k = 0;
    return lines.map((line) => (isKey(line) ? sorted[k++]! + (line.endsWith(",") ? "," : "") : line)).join("\n");
  };
  return Object.fromEntries(Object.entries(schema).map(([name, create]) => [name, sortKeys(create)]));
}

async function dropEverything(connection: Connection): Promise<void> {
  const [rows] = await connection.query("SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
  const all = rows as { name: string; type: string }[];
  const views = all.filter((t) => t.type === "VIEW").map((t) => `\`${t.name}\``);
  const tables = all.filter((t) => t.type !== "VIEW").map((t) => `\`${t.name}\``);
  if (views.length > 0) await connection.query(`DROP VIEW ${views.join(", ")}`);
  if (tables.length > 0) await connection.query(`SET FOREIGN_KEY_CHECKS = 0; DROP TABLE ${tables.join(", ")}; SET FOREIGN_KEY_CHECKS = 1`);
}

/** `check` finds nothing to do. */
async function expectUpToDate(dir: string): Promise<void> {
  const result = await cli(dir, "check");
  expect(result.stdout, result.stderr).toContain("up to date");
  expect(result.code).toBe(0);
}

describe.skipIf(!mariadbUrl())("the user's path on MariaDB, through the CLI", () => {
  it("v1 then v2: autogenerate, upgrade, fixpoint, equal to synchronize; downgrade -1 restores v1, base leaves migrator's tables; the --sql script builds the same", async () => {
    const v1 = ((await import("../../fixtures/entities/mysql")) as { entities: Function[] }).entities;
    const v2 = ((await import("../../fixtures/entities/mysql-v2")) as { entities: Function[] }).entities;
    await withMariaDb(async (reference) => {
      await synchronize(reference.url, v1);
      const wanted1 = await schemaOf(reference.connection);
      await dropEverything(reference.connection);
      await synchronize(reference.url, v2);
      const wanted2 = await schemaOf(reference.connection);

      await withMariaDb(async ({ connection, url }) => {
        const dir = mkdtempSync(join(tmpdir(), "migrator-mysql-e2e-"));
        const project = (set: string): void => writeProject(dir, { entities: [fixtureSet(set)], database: `{ url: ${JSON.stringify(url)} }` });
        project("mysql");
        expect((await cli(dir, "check")).code).toBe(1);
        await ok(dir, "revision", "--autogenerate", "-m", "v1");
        const v1File = readdirSync(join(dir, "migrations")).find((f) => f.endsWith("_v1.ts"))!;
        // no transactional DDL: the file and the offline script say what a failure half-way leaves
        expect(readFileSync(join(dir, "migrations", v1File), "utf8")).toContain("a failure half-way\n// leaves the statements before it applied");
        const script = await ok(dir, "upgrade", "head", "--sql");
        expect(script).toContain("a script stopped half-way leaves them applied");
        await ok(dir, "upgrade", "head");
        await expectUpToDate(dir);
        const at1 = await schemaOf(connection);
        expect(at1).toEqual(wanted1);

        // the same project through a DataSource of type mariadb (connection by parts) instead of the URL
        const parts = new URL(url);
        writeFileSync(
          join(dir, "data-source.ts"),
          `import { DataSource } from "typeorm";\nimport { entities } from ${JSON.stringify(fixtureSet("mysql"))};\n` +
            `export default new DataSource({ type: "mariadb", host: ${JSON.stringify(parts.hostname)}, port: ${Number(parts.port || 3306)}, username: ${JSON.stringify(decodeURIComponent(parts.username))}, database: ${JSON.stringify(parts.pathname.slice(1))}, entities });\n`,
        );
        writeFileSync(join(dir, "migrator.config.ts"), `export default { dataSource: "data-source.ts", migrations: "migrations" };\n`);
        const throughDataSource = await cli(dir, "check");
        expect(throughDataSource.stderr).toMatch(/^database: mariadb:\/\/root@127\.0\.0\.1:\d+\/migrator_test_/);
        expect(throughDataSource.stdout).toContain("up to date");

        project("mysql-v2");
        await ok(dir, "revision", "--autogenerate", "-m", "v2", "--rename-column", "customer.name:fullName");
        const v2File = readdirSync(join(dir, "migrations")).find((f) => f.endsWith("_v2.ts"))!;
        expect(readFileSync(join(dir, "migrations", v2File), "utf8")).toContain("renameColumn");
        await ok(dir, "upgrade", "head");
        await expectUpToDate(dir);
        expect(anyPositions(await schemaOf(connection))).toEqual(anyPositions(wanted2));

        await ok(dir, "downgrade", "-1");
        // a dropped column comes back where it stood (AFTER the column before it), a dropped key after the others:
        // v1's byte for byte, the order of plain KEY lines aside
        expect(anyKeyOrder(await schemaOf(connection))).toEqual(anyKeyOrder(at1));
        await ok(dir, "downgrade", "base");
        expect(await tableNames(connection)).toEqual([...OWN_TABLES].sort());

        // v1's --sql script, run by hand on an empty database, builds what upgrade built
        await dropEverything(reference.connection);
        await reference.connection.query(script);
        expect(await schemaOf(reference.connection)).toEqual(at1);
        const [versions] = await reference.connection.query("SELECT version_num FROM migrator_version");
        expect(versions).toEqual([{ version_num: v1File.slice(0, 12) }]);
      });
    });
  });
});
