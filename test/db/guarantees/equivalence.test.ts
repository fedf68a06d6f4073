/**
 * Guarantees 1 and 2 for every fixture set: `revision --autogenerate` +
 * `upgrade head` on an empty database builds the same catalog as TypeORM's own
 * `synchronize` on another, and `check` right after finds nothing; then
 * `downgrade base` empties the database again. The generated revision is also
 * the set's golden file.
 */
import { describe, expect, it } from "vitest";
import { connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import { backendsUnderTest, serverUrl, withDatabase, type TestDatabase } from "../../helpers/databases";
import { fixtureSet } from "../../helpers/project";
import { readMetadataRows, type MetadataRow } from "../../helpers/typeorm-metadata";
import { synchronize } from "../../helpers/typeorm-sync";
import { acrossMajors, catalogLines, dumpSchema } from "./catalog";
import { cli, configure, expectFixpoint, expectGolden, generate, lines, snapshot, withProject, type ProjectDatabase } from "./support";

const SETS = ["core", "trees", "inheritance", "schemas", "phantoms", "named-enum"] as const;
type SetName = (typeof SETS)[number];

/** Fixed per set, so each golden file's name and header never change. */
const REV_IDS: Record<SetName, string> = {
  core: "c0e000000001",
  trees: "7ee500000001",
  inheritance: "1a4e00000001",
  schemas: "5c4e00000001",
  phantoms: "9a4700000001",
  "named-enum": "e0a100000001",
};

interface Fixture {
  entities: Function[];
  SCHEMAS?: readonly string[];
}

async function loadFixture(set: SetName): Promise<Fixture> {
  return (await import(`../../fixtures/entities/${set}`)) as Fixture;
}

/**
 * The schemas synchronize needs created first (it never creates one). "audit"
 * only holds a `synchronize: false` entity, which migrator leaves alone too, so
 * neither side creates it.
 */
function schemasToCreate(fixture: Fixture): string[] {
  return (fixture.SCHEMAS ?? []).filter((schema) => schema !== "audit");
}

/** Build `set` with migrator in `db` (a fresh project in `dir`); the golden file is checked on the way. */
async function buildWithMigrator(dir: string, set: SetName, db: ProjectDatabase): Promise<void> {
  configure(dir, [fixtureSet(set)], db);
  const result = await generate(dir, `initial ${set}`, REV_IDS[set]);
  expect(result.revision, "a revision is written for an empty database").not.toBeNull();
  // per backend: view bodies are PostgreSQL's rendering, which differs between majors (PGlite is 17)
  expectGolden(result.revision?.path ?? "", `${db.backend}/sets`);
  await cli(dir, ["upgrade", "head"]);
}

async function withSynchronized<T>(set: SetName, fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const admin = serverUrl();
  if (!admin) throw new Error("synchronize needs a server");
  return withDatabase({ name: "server", adminUrl: admin }, async (db) => {
    const fixture = await loadFixture(set);
    await synchronize(db.url ?? "", fixture.entities, schemasToCreate(fixture));
    return fn(db);
  });
}

describe.each(backendsUnderTest())("equivalence and fixpoint on $name", (backend) => {
  it.each(SETS)("fixture set %s", async (set) => {
    await withProject(backend, async (dir, db) => {
      const empty = await snapshot(db);
      await buildWithMigrator(dir, set, db);
      await expectFixpoint(dir);
      if (serverUrl()) await expectSameAsSynchronize(set, db); // no server: nothing to synchronize against
      // and back: the initial revision's downgrade leaves the database as empty as it was (schemas, extensions too)
      await cli(dir, ["downgrade", "base"]);
      expect(await snapshot(db)).toBe(empty);
    });
  });
});

/** pg_dump of both on a server; on PGlite the test's catalog queries against the server's synchronize. */
async function expectSameAsSynchronize(set: SetName, db: ProjectDatabase): Promise<void> {
  await withSynchronized(set, async (reference) => {
    // and TypeORM's bookkeeping of views and generated columns, row for row
    expect(await projectMetadataRows(db)).toEqual(await readMetadataRows(reference.executor));
    if (db.url && reference.url) {
      expect(await dumpSchema(db.url)).toBe(await dumpSchema(reference.url));
      // the test's own catalog queries as a second opinion
      expect(await lines(db)).toEqual(await catalogLines(reference.executor));
    } else {
      expect(acrossMajors(await lines(db))).toEqual(acrossMajors(await catalogLines(reference.executor)));
    }
  });
}

async function projectMetadataRows(db: ProjectDatabase): Promise<MetadataRow[] | null> {
  const executor = db.url ? await connectServer(db.url, "migrator-tests") : await connectEmbedded(db.dataDir);
  try {
    return await readMetadataRows(executor);
  } finally {
    await executor.close();
  }
}
