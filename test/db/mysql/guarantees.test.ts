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
import { describe, expect, it } from "vitest";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { fixtureSet, writeProject } from "../../helpers/project";
import { cli, expectUpToDate, ok } from "./cli-steps";
import { anyKeyOrder, anyPositions, dropEverything, OWN_TABLES, schemaOf, synchronize, tableNames } from "./schema-of";

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
