/**
 * `npm run test:reliability` (issue 12, "A standing suite"): every part
 * adds a row to one table, printed at the end; all counters but trials must
 * be 0. Needs the PostgreSQL server the tests use.
 */
import { afterAll, describe, expect, it } from "vitest";
import { serverUrl } from "../helpers/databases";
import { badInputs } from "./bad-inputs-part";
import { cacheCorruption } from "./cache";
import { concurrentRunners } from "./concurrent";
import { hostileLiterals } from "./hostile";
import { killTrials } from "./kill";
import { COUNTERS, formatTable, type Row } from "./table";

const server = serverUrl();
const rows: Row[] = [];

/** Run a part, keep its row for the table, and fail the test when any of its counters is not 0. */
async function part(run: () => Promise<Row>): Promise<void> {
  const row = await run();
  rows.push(row);
  const failures = Object.fromEntries(COUNTERS.filter((key) => key !== "trials" && row[key] !== 0).map((key) => [key, row[key]]));
  expect(row.trials, `${row.part}: no trial ran`).toBeGreaterThan(0);
  expect(failures, `${row.part}:\n${row.details.join("\n")}`).toEqual({});
}

describe.runIf(server !== null)("reliability", () => {
  afterAll(() => {
    if (rows.length > 0) process.stdout.write(`\nreliability suite\n${formatTable(rows)}\n`);
  });
  it("kill -9 during a 50-step upgrade", () => part(() => killTrials(server as string)));
  it("8 concurrent runners", () => part(() => concurrentRunners(server as string)));
  it("hostile literals with standard_conforming_strings off and on", () => part(() => hostileLiterals(server as string)));
  it("bad-input corpus", () => part(() => badInputs(server as string)));
  it("cache corruption", () => part(() => cacheCorruption(server as string)));
});
