/**
 * The property the comparison engine rests on: after TypeORM's own
 * synchronize of a fixture set, the introspected database equals the
 * normalised entity model, deeply, and the differ finds nothing.
 * Server only: TypeORM has no PGlite driver.
 */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { normalise } from "../../../src/dialect/postgres/normalise";
import { serverUrl, withDatabase } from "../../helpers/databases";
import { FIXTURE_SETS, introspectFor, loadFixture, readFixture, summary, synchronize } from "./support";
import { postgres } from "../../../src/dialect";

const adminUrl = serverUrl();

describe.skipIf(adminUrl === null).each(FIXTURE_SETS)("fixture set %s after synchronize", (set) => {
  it("introspect(db) deep-equals normalise(entity model), the diff is empty, and normalise leaves the database as it was", async () => {
    const fixture = await loadFixture(set);
    const read = await readFixture(fixture);
    await withDatabase({ name: "server", adminUrl: adminUrl! }, async (db) => {
      await synchronize(db.url!, db.executor, fixture);
      const live = await introspectFor(db.executor, read);
      const normalised = await normalise(read.model, db.executor);

      expect(live.tables.length).toBe(read.model.tables.length);
      expect(live).toEqual(normalised);
      expect(diff(live, normalised, postgres.types).ops.map(summary)).toEqual([]);
      // the scratch copy was rolled back: the catalog is untouched
      expect(await introspectFor(db.executor, read)).toEqual(live);
    });
  });
});
