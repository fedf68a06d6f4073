/**
 * TypeORM's own bookkeeping on a database migrator built. `synchronize`
 * keeps a row in `typeorm_metadata` per view (its expression) and per
 * generated column (its expression); TypeORM's schema builder — what its
 * `migration:generate` runs — reads them back to diff views and generated
 * columns. A revision that creates, changes or drops one must keep those rows
 * as synchronize would, or TypeORM's tools see changes where there are none.
 *
 * On every backend: the rows after each upgrade and downgrade. On the server
 * (TypeORM has no PGlite driver): the rows equal a synchronize database's,
 * and TypeORM's schema builder finds nothing to do.
 */
import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { describe, expect, it } from "vitest";
import { connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { REPO, writeProject } from "../../helpers/project";
import { readMetadataRows, type MetadataRow } from "../../helpers/typeorm-metadata";
import { synchronize } from "../../helpers/typeorm-sync";
import { cli, configure, expectFixpoint, generate, withProject, type ProjectDatabase } from "../guarantees/support";

const VERSIONS = ["v1", "v2"] as const;
type Version = (typeof VERSIONS)[number];

const entityFile = (version: Version): string => join(REPO, "test", "fixtures", "typeorm-metadata", version, "index.ts");

interface Fixture {
  readonly entities: Function[];
  readonly SCHEMAS: readonly string[];
}

const FIXTURES: Record<Version, () => Promise<Fixture>> = {
  v1: () => import("../../fixtures/typeorm-metadata/v1/index"),
  v2: () => import("../../fixtures/typeorm-metadata/v2/index"),
};

async function fixture(version: Version): Promise<Fixture> {
  return FIXTURES[version]();
}

/** The rows of a project database, or null when it has no metadata table (opened afresh: the CLI runs closed it). */
async function projectRows(db: ProjectDatabase): Promise<MetadataRow[] | null> {
  const executor = db.url ? await connectServer(db.url, "migrator-tests") : await connectEmbedded(db.dataDir);
  try {
    return await readMetadataRows(executor);
  } finally {
    await executor.close();
  }
}

const generated = (schema: string, table: string, name: string, value: string): MetadataRow => ({ type: "GENERATED_COLUMN", database: "current", schema, table, name, value });
const view = (type: "VIEW" | "MATERIALIZED_VIEW", schema: string, name: string, value: string | ReturnType<typeof expect.stringMatching>): MetadataRow =>
  ({ type, database: null, schema, table: null, name, value }) as MetadataRow;

/** What the fixtures declare, as TypeORM writes it: the expressions as given (a view's trimmed), generated columns tied to the database. */
const EXPECTED: Record<Version, MetadataRow[]> = {
  v1: [
    generated("public", "person", "fullName", `"first" || ' ' || "last"`),
    generated("public", "person", "lastLength", `length("last")`),
    generated("report", "sale", "gross", `"net" * 1.2`),
    view("MATERIALIZED_VIEW", "report", "sale_total", expect.stringMatching(/^SELECT sum\("s"\."gross"\) AS "total" FROM "report"\."sale" "s"$/)),
    view("VIEW", "public", "long_name", `SELECT "id", "fullName" FROM "person" WHERE length("fullName") > 20`),
  ],
  v2: [
    generated("public", "person", "fullName", `"last" || ', ' || "first"`),
    generated("public", "person", "initials", `left("first", 1) || left("last", 1)`),
    generated("report", "sale", "gross", `"net" * 1.2`),
    view("VIEW", "public", "long_name", `SELECT "id", "fullName"  FROM "person"  WHERE length("fullName") > 20`),
    view("VIEW", "report", "big_sale", `SELECT "id", "gross" FROM "report"."sale" WHERE "gross" > 1000`),
  ],
};

/** The SQL TypeORM's schema builder would run to bring the database to `version` (what migration:generate writes). */
async function typeormPendingSql(url: string, version: Version): Promise<string[]> {
  const dataSource = new DataSource({ type: "postgres", url, entities: (await fixture(version)).entities, synchronize: false, migrationsRun: false, logging: false });
  await dataSource.initialize();
  try {
    const memory = await dataSource.driver.createSchemaBuilder().log();
    return memory.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}

/** The rows synchronize writes for `version` on a fresh server database. */
async function synchronizedRows(version: Version): Promise<MetadataRow[] | null> {
  const admin = serverUrl();
  if (admin === null) throw new Error("needs a server");
  return withDatabase({ name: "server", adminUrl: admin }, async (db) => {
    const { entities, SCHEMAS } = await fixture(version);
    await synchronize(db.url as string, entities, SCHEMAS);
    return readMetadataRows(db.executor);
  });
}

describe.each(backendsUnderTest())("typeorm_metadata rows on $name", (backend) => {
  it("follow each revision that creates, changes or drops a view or generated column, both ways", async () => {
    await withProject(backend, async (dir, db) => {
      const expectTypeormAgrees = async (version: Version): Promise<void> => {
        if (db.url === null) return;
        expect(await projectRows(db), `rows as synchronize writes them for ${version}`).toEqual(await synchronizedRows(version));
        expect(await typeormPendingSql(db.url, version), `TypeORM's schema builder on ${version}`).toEqual([]);
      };

      configure(dir, [entityFile("v1")], db);
      const first = await generate(dir, "v1", "7a0000000001");
      const v1File = readFileSync(first.revision?.path ?? "", "utf8");
      expect(v1File).toContain("await op.insertTypeormMetadata(");
      expect(v1File).toContain("await op.deleteTypeormMetadata(");
      await cli(dir, ["upgrade", "head"]);
      expect(await projectRows(db)).toEqual(EXPECTED.v1);
      await expectFixpoint(dir);
      await expectTypeormAgrees("v1");

      configure(dir, [entityFile("v2")], db);
      await generate(dir, "v2", "7a0000000002");
      await cli(dir, ["upgrade", "head"]);
      expect(await projectRows(db)).toEqual(EXPECTED.v2);
      await expectFixpoint(dir);
      await expectTypeormAgrees("v2");

      await cli(dir, ["downgrade", "-1"]);
      expect(await projectRows(db)).toEqual(EXPECTED.v1);
      await expectTypeormAgrees("v1");

      // TypeORM never drops its table; neither does a downgrade
      await cli(dir, ["downgrade", "base"]);
      expect(await projectRows(db)).toEqual([]);
    });
  });

  it("are left alone with typeormMetadata: false", async () => {
    await withProject(backend, async (dir, db) => {
      const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
      writeProject(dir, { entities: [entityFile("v1")], database, extra: "typeormMetadata: false,\n" });
      const result = await generate(dir, "v1", "7b0000000001");
      expect(readFileSync(result.revision?.path ?? "", "utf8")).not.toContain("TypeormMetadata");
      await cli(dir, ["upgrade", "head"]);
      expect(await projectRows(db)).toBeNull();
      await expectFixpoint(dir);
      // what the table is for: without it TypeORM's schema builder (migration:generate) cannot even read the views
      if (db.url !== null) await expect(typeormPendingSql(db.url, "v1")).rejects.toThrow(/relation "typeorm_metadata" does not exist/);
    });
  });
});
