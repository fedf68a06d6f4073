/**
 * The estimates a dry run and lint --sizes show: what each statement locks,
 * scans or rewrites. They read the same lint actions as the rules, so the
 * properties below hold them to the rules and to "a new table holds no rows".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesText, sizeText } from "../../../src/cli/format/estimate";
import { postgresLint } from "../../../src/dialect/postgres/lint-part";
import { estimateOperations } from "../../../src/lint/estimate";
import { lintOperations } from "../../../src/lint/revision";
import { qualifiedKey, type QualifiedName } from "../../../src/model/types";
import { Operations } from "../../../src/ops/operations";
import { RecordingSink } from "../../../src/ops/sink";
import type { Operation } from "../../../src/ops/types";
import { reversibleOp } from "../ops/arbitraries";

const options = { transactional: true, dialect: postgresLint, ddlLockTimeout: null };

async function recorded(write: (op: Operations) => Promise<void>): Promise<Operation[]> {
  const sink = new RecordingSink();
  await write(new Operations(sink));
  return sink.ops;
}

/** A table of one column, standing for one the revision creates. */
function created(table: QualifiedName): Operation {
  return { kind: "createTable", table: { ...table, columns: [], primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null } };
}

describe("estimates", () => {
  it("follow what the revision did before: SET NOT NULL behind a validated check reads nothing", async () => {
    const ops = await recorded(async (op) => {
      await op.createCheckConstraint("orders", "orders_note_not_null", '"note" IS NOT NULL', { notValid: true });
      await op.validateConstraint("orders", "orders_note_not_null");
      await op.alterColumn("orders", "note", { nullable: false, existingNullable: true });
    });
    const [add, validate, setNotNull] = (await estimateOperations(ops, options)).map((ofOp) => ofOp[0]?.tables[0]);
    expect(add).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "none" });
    expect(validate).toMatchObject({ lock: { mode: "SHARE UPDATE EXCLUSIVE", blocks: "schema-changes" }, work: "scan", because: ['validates "orders_note_not_null"'] });
    expect(setNotNull).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "none" });
    const alone = await estimateOperations(ops.slice(2), options);
    expect(alone[0]?.[0]?.tables[0]).toMatchObject({ work: "scan", because: ['checks "note" for NULLs'] });
  });

  it("say scan or rewrite wherever a rule about scans and rewrites (M001-M006) fires", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reversibleOp, { minLength: 1, maxLength: 3 }), async (ops) => {
        const findings = await lintOperations(ops, options);
        const estimates = await estimateOperations(ops, options);
        for (const found of findings) {
          if (!/^M00[1-6]$/.test(found.code) || found.table === undefined || found.at === undefined || !("op" in found.at)) continue;
          const table = found.table;
          const effects = (estimates[found.at.op - 1] ?? []).flatMap((estimate) => estimate.tables).filter((e) => qualifiedKey(e.table) === qualifiedKey(table));
          expect(effects.map((e) => e.work), `${found.code} ${found.message}`).toContainEqual(expect.stringMatching(/^(scan|rewrite)$/));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("say nothing of a table the revision created before (it holds no rows)", async () => {
    await fc.assert(
      fc.asyncProperty(reversibleOp, async (op) => {
        const alone = (await estimateOperations([op], options))[0] ?? [];
        const tables = alone.flatMap((estimate) => estimate.tables.map((effect) => effect.table));
        const afterCreating = await estimateOperations([...tables.map(created), op], options);
        expect(afterCreating[tables.length]?.flatMap((estimate) => estimate.tables)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("sizes for people", () => {
  it("read back within 5% of the bytes, as pg_size_pretty counts units", () => {
    const units: Record<string, number> = { bytes: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (bytes) => {
        const [value, unit] = bytesText(bytes).split(" ");
        const back = Number(value) * (units[unit ?? ""] ?? Number.NaN);
        expect(Math.abs(back - bytes)).toBeLessThanOrEqual(bytes * 0.05);
      }),
    );
    expect(sizeText({ bytes: 1288490189, rows: 8_100_000 })).toBe("1.2 GB, ~8.1M rows");
    expect(sizeText({ bytes: 8192, rows: null })).toBe("8.0 kB, rows not estimated: never analysed");
    expect(sizeText(null)).toBe("not in the database before this run");
  });
});
