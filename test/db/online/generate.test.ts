/**
 * The online forms through the whole pipeline, on tables that hold rows:
 * autogenerate writes a locking revision and a `transactional = false` one
 * (golden files), `upgrade head` runs both, `check` finds nothing (fixpoint),
 * the catalog is synchronize's (server), each downgrade restores the catalog
 * before it and the upgrade after it gives the same catalog again.
 */
import { join } from "node:path";
import { getMetadataArgsStorage } from "typeorm";
import { describe, expect, it } from "vitest";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { REPO, writeProject } from "../../helpers/project";
import { synchronize } from "../../helpers/typeorm-sync";
import { autogenerate } from "../../../src/commands/autogenerate";
import { loadConfig } from "../../../src/config/load";
import { cli, expectFixpoint, expectGolden, generate, GOLDEN_DATE, snapshot, withProject, withProjectExecutor, type ProjectDatabase } from "../guarantees/support";

const entitiesOf = (version: string): string => join(REPO, "test", "fixtures", "online", version, "index.ts");
/** Column positions are left out: an added column lands last (see `snapshot`). */
const ANY_ORDER = { columnOrder: false };

function configure(dir: string, version: string, db: ProjectDatabase, online: boolean): void {
  const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
  writeProject(dir, { entities: [entitiesOf(version)], database, extra: online ? "  online: true,\n" : "" });
}

/** v1 with rows in it, so every constraint has something to validate and every index something to build. */
async function atV1WithRows(dir: string, db: ProjectDatabase, online: boolean): Promise<void> {
  configure(dir, "v1", db, online);
  await generate(dir, "online v1", "0f1000000001");
  await cli(dir, ["upgrade", "head"]);
  await withProjectExecutor(db, async (executor) => {
    await executor.query("INSERT INTO account (email) SELECT 'a' || g || '@example.org' FROM generate_series(1, 50) g");
    await executor.query("INSERT INTO purchase (account_id, amount, code, note) SELECT g, g, 'c' || g, 'n' || g FROM generate_series(1, 50) g");
  });
}

describe.each(backendsUnderTest())("online forms on $name", (backend) => {
  it("online: true writes a locking and a non-transactional revision that upgrade, fix, match synchronize and reverse exactly", async () => {
    await withProject(backend, async (dir, db) => {
      await atV1WithRows(dir, db, true);
      const v1 = await snapshot(db, ANY_ORDER);
      configure(dir, "v2", db, true);
      const config = loadConfig({ cwd: dir });
      const result = await autogenerate(config, { message: "online v2", revId: "0f2000000002", onlineRevId: "0f3000000003", date: GOLDEN_DATE });
      const locking = result.revision?.path ?? "";
      const online = result.onlineRevision?.path ?? "";
      expect(result.onlineRevision?.downRevisions).toEqual(["0f2000000002"]);
      expectGolden(locking, `${db.backend}/online`);
      expectGolden(online, `${db.backend}/online`);
      // the SET NOT NULL of the online form is proven by its check: no caution about a scan
      expect(result.cautions).toEqual([]);
      // what online mode writes passes migrator's own lint (issue 13): no finding in either revision, M009 (no
      // lock_timeout) included, as online mode's runner sets a lock timeout for every step (ddlLockTimeout's default)
      expect(result.lint.map((f) => `${f.severity} ${f.code}: ${f.message}`)).toEqual([]);

      await cli(dir, ["upgrade", "+1"]);
      const phaseOne = await snapshot(db, ANY_ORDER);
      await cli(dir, ["upgrade", "head"]);
      await expectFixpoint(dir);
      const v2 = await snapshot(db, ANY_ORDER);
      if (serverUrl() !== null && db.url !== null) await expectSameAsSynchronize(v2);

      await cli(dir, ["downgrade", "-1"]);
      expect(await snapshot(db, ANY_ORDER), "the online revision's downgrade restores the catalog after the locking one").toBe(phaseOne);
      await cli(dir, ["downgrade", "-1"]);
      expect(await snapshot(db, ANY_ORDER), "both downgrades restore v1").toBe(v1);
      await cli(dir, ["upgrade", "head"]);
      expect(await snapshot(db, ANY_ORDER), "upgrading again gives the same catalog").toBe(v2);
    });
  });

  it("without online only the concurrent: true index moves to the non-transactional revision", async () => {
    await withProject(backend, async (dir, db) => {
      await atV1WithRows(dir, db, false);
      configure(dir, "v2", db, false);
      const result = await autogenerate(loadConfig({ cwd: dir }), { message: "plain v2", revId: "0f4000000004", onlineRevId: "0f5000000005", date: GOLDEN_DATE });
      expect(result.revision).not.toBeNull();
      expect(result.onlineRevision).toBeDefined();
      expectGolden(result.onlineRevision?.path ?? "", `${db.backend}/online-plain`);
      expectGolden(result.revision?.path ?? "", `${db.backend}/online-plain`);
      await cli(dir, ["upgrade", "head"]);
      await expectFixpoint(dir);
      const v2 = await snapshot(db, ANY_ORDER);
      await cli(dir, ["downgrade", "-2"]);
      await cli(dir, ["upgrade", "head"]);
      expect(await snapshot(db, ANY_ORDER)).toBe(v2);
    });
  });
});

/**
 * pg_dump of a database TypeORM's synchronize built from v2, columns in any
 * order. synchronize runs CREATE INDEX CONCURRENTLY inside its transaction,
 * which PostgreSQL refuses: the reference is built with `concurrent` off,
 * which changes how the index is built, not what the catalog holds.
 */
async function expectSameAsSynchronize(v2: string): Promise<void> {
  const admin = serverUrl();
  if (admin === null) return;
  await withDatabase({ name: "server", adminUrl: admin }, async (reference) => {
    const fixture = (await import("../../fixtures/online/v2")) as { entities: Function[] };
    const concurrent = getMetadataArgsStorage().indices.filter((index) => index.concurrent === true);
    for (const index of concurrent) index.concurrent = false;
    try {
      await synchronize(reference.url ?? "", fixture.entities);
    } finally {
      for (const index of concurrent) index.concurrent = true;
    }
    expect(v2).toBe(await snapshot({ backend: "server", url: reference.url, dataDir: null }, ANY_ORDER));
  });
}
