/**
 * The PostgreSQL fixture sets in MySQL's terms (test/fixtures/entities/mysql-*),
 * each through the CLI on MariaDB: revision --autogenerate, upgrade head,
 * `check` up to date (fixpoint), SHOW CREATE TABLE of every table equal to
 * TypeORM's own synchronize of the same entities on another database, and
 * `downgrade base` leaving only migrator's tables. A set with a next version
 * also goes v1 -> v2 (equal to synchronize of v2 up to positions: ALTER puts
 * a new column last and a new key after the others) and `downgrade -1`
 * restores v1 (up to the same positions).
 */
import "reflect-metadata";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { fixtureSet, writeProject } from "../../helpers/project";
import { cli, expectUpToDate, ok } from "./cli-steps";
import { anyKeyOrder, anyPositions, dropEverything, OWN_TABLES, schemaOf, synchronize, tableNames } from "./schema-of";

interface SetCase {
  readonly set: string;
  /** The set's next version, when it has one. */
  readonly next?: string;
}

const SETS: readonly SetCase[] = [
  { set: "mysql-core", next: "mysql-core-v2" },
  { set: "mysql-phantoms", next: "mysql-phantoms-v2" },
  { set: "mysql-trees", next: "mysql-trees-v2" },
  { set: "mysql-inheritance", next: "mysql-inheritance-v2" },
  { set: "mysql-sti-closure" },
  { set: "mysql-junctions", next: "mysql-junctions-v2" },
  { set: "mysql-one-table" },
];

async function entitiesOf(set: string): Promise<Function[]> {
  return ((await import(`../../fixtures/entities/${set}/index.ts`)) as { entities: Function[] }).entities;
}

describe.skipIf(!mariadbUrl())("the MySQL fixture sets on MariaDB, through the CLI", () => {
  it.each(SETS)("$set: autogenerate, upgrade, fixpoint, equal to synchronize; downgrade -1 and base", async ({ set, next }) => {
    await withMariaDb(async (reference) => {
      await synchronize(reference.url, await entitiesOf(set));
      const wanted1 = await schemaOf(reference.connection);
      let wanted2: Record<string, string> | undefined;
      if (next !== undefined) {
        await dropEverything(reference.connection);
        await synchronize(reference.url, await entitiesOf(next));
        wanted2 = await schemaOf(reference.connection);
      }

      await withMariaDb(async ({ connection, url }) => {
        const dir = mkdtempSync(join(tmpdir(), `migrator-${set}-`));
        const project = (name: string): void => writeProject(dir, { entities: [fixtureSet(name)], database: `{ url: ${JSON.stringify(url)} }` });
        project(set);
        expect((await cli(dir, "check")).code).toBe(1);
        await ok(dir, "revision", "--autogenerate", "-m", "v1");
        await ok(dir, "upgrade", "head");
        await expectUpToDate(dir);
        const at1 = await schemaOf(connection);
        expect(at1).toEqual(wanted1);

        if (next !== undefined && wanted2 !== undefined) {
          project(next);
          await ok(dir, "revision", "--autogenerate", "-m", "v2");
          await ok(dir, "upgrade", "head");
          await expectUpToDate(dir);
          expect(anyPositions(await schemaOf(connection))).toEqual(anyPositions(wanted2));
          await ok(dir, "downgrade", "-1");
          expect(anyKeyOrder(await schemaOf(connection))).toEqual(anyKeyOrder(at1));
        }

        await ok(dir, "downgrade", "base");
        expect((await tableNames(connection)).filter((name) => name !== "typeorm_metadata")).toEqual([...OWN_TABLES].filter((name) => name !== "typeorm_metadata").sort());
      });
    });
  }, 60_000);
});

describe.skipIf(!mariadbUrl())("mysql-databases on MariaDB: a schema is a database", () => {
  /** Each database's tables, the test's own database named `<database>` wherever another's table refers to it. */
  async function databasesOf(connection: Connection, own: string, others: readonly string[]): Promise<Record<string, Record<string, string>>> {
    const out: Record<string, Record<string, string>> = { "<database>": await schemaOf(connection) };
    for (const other of others) {
      const tables = await schemaOf(connection, other);
      out[other] = Object.fromEntries(Object.entries(tables).map(([name, create]) => [name, create.replaceAll(`\`${own}\`.`, "`<database>`.")]));
    }
    return out;
  }

  async function dropDatabases(connection: Connection, names: readonly string[]): Promise<void> {
    await connection.query(`SET FOREIGN_KEY_CHECKS = 0; ${names.map((name) => `DROP DATABASE IF EXISTS \`${name}\`;`).join(" ")} SET FOREIGN_KEY_CHECKS = 1`);
  }

  it("tables in other databases, keys across: migrator creates the databases; upgrade, fixpoint, equal to synchronize; v2 and back; downgrade base drops them", async () => {
    const v1 = (await import("../../fixtures/entities/mysql-databases")) as { DATABASES: readonly string[]; entities: Function[] };
    const v2 = (await import("../../fixtures/entities/mysql-databases-v2")) as { DATABASES: readonly string[]; entities: Function[] };
    const all = v2.DATABASES;
    await withMariaDb(async (reference) => {
      /** synchronize's schema of a version, then nothing left of it (the reference's own tables refer to the fixed databases too). */
      const wanted = async (version: typeof v1): Promise<Record<string, Record<string, string>>> => {
        for (const name of version.DATABASES) await reference.connection.query(`CREATE DATABASE \`${name}\``);
        await synchronize(reference.url, version.entities);
        const schema = await databasesOf(reference.connection, reference.database, all);
        await dropEverything(reference.connection);
        await dropDatabases(reference.connection, all);
        return schema;
      };
      try {
        await dropDatabases(reference.connection, all);
        const wanted1 = await wanted(v1);
        expect(Object.keys(wanted1[all[0]!]!)).toEqual(["discount", "invoice", "invoice_discount", "plan"]);
        const wanted2 = await wanted(v2);

        await withMariaDb(async ({ connection, url, database }) => {
          const dir = mkdtempSync(join(tmpdir(), "migrator-mysql-databases-"));
          const project = (name: string): void => writeProject(dir, { entities: [fixtureSet(name)], database: `{ url: ${JSON.stringify(url)} }` });
          const databasesLeft = async (): Promise<unknown> =>
            (await connection.query("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?) ORDER BY SCHEMA_NAME", [all]))[0];
          project("mysql-databases");
          expect((await cli(dir, "check")).code).toBe(1);
          await ok(dir, "revision", "--autogenerate", "-m", "v1");
          await ok(dir, "upgrade", "head");
          await expectUpToDate(dir);
          const at1 = await databasesOf(connection, database, all);
          expect(at1).toEqual(wanted1);

          project("mysql-databases-v2");
          await ok(dir, "revision", "--autogenerate", "-m", "v2");
          await ok(dir, "upgrade", "head");
          await expectUpToDate(dir);
          const positionsAside = (schema: typeof at1) => Object.fromEntries(Object.entries(schema).map(([name, tables]) => [name, anyPositions(tables)]));
          expect(positionsAside(await databasesOf(connection, database, all))).toEqual(positionsAside(wanted2));
          await ok(dir, "downgrade", "-1");
          expect(positionsAside(await databasesOf(connection, database, all))).toEqual(positionsAside(at1));
          expect(await databasesLeft()).toEqual(v1.DATABASES.map((name) => ({ name })).sort((x, y) => x.name.localeCompare(y.name)));

          await ok(dir, "downgrade", "base");
          expect((await tableNames(connection)).filter((name) => name !== "typeorm_metadata")).toEqual(["migrator_log", "migrator_version"]);
          expect(await databasesLeft()).toEqual([]);
        });
      } finally {
        await dropDatabases(reference.connection, all);
      }
    });
  }, 60_000);

  it("a foreign key from another database into the connection's own is refused before a revision is written", async () => {
    await withMariaDb(async ({ connection, url, database }) => {
      const other = `${database}_b`;
      const dir = mkdtempSync(join(tmpdir(), "migrator-mysql-across-"));
      writeFileSync(
        join(dir, "entities.ts"),
        `import { EntitySchema } from "typeorm";\n` +
          `export const Owner = new EntitySchema({ name: "Owner", tableName: "owner", columns: { id: { type: "int", primary: true, generated: "increment" } } });\n` +
          `export const Pet = new EntitySchema({ name: "Pet", tableName: "pet", database: ${JSON.stringify(other)}, columns: { id: { type: "int", primary: true, generated: "increment" } }, relations: { owner: { type: "many-to-one", target: "Owner" } } });\n`,
      );
      writeProject(dir, { entities: [join(dir, "entities.ts")], database: `{ url: ${JSON.stringify(url)} }` });
      try {
        const result = await cli(dir, "revision", "--autogenerate", "-m", "across");
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`error: MySQL and MariaDB have no way to reference the current database from another one (foreign key`);
        expect(readdirSync(join(dir, "migrations"))).toEqual([]);
        const [created] = await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [other]);
        expect(created).toEqual([]);
      } finally {
        await connection.query(`DROP DATABASE IF EXISTS \`${other}\``);
      }
    });
  });
});
