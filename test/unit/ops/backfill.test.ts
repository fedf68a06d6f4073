/**
 * op.backfill's input: values stay values and SQL is only what op.sql
 * writes (nested fragments inline their text and keep their parameters in
 * order); the options are checked before anything runs; the op renders
 * back to the same call.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { MigratorError } from "../../../src/errors";
import { collectOperations, Operations } from "../../../src/ops/operations";
import { RecordingSink } from "../../../src/ops/sink";
import { renderSqlExpression, sqlTag } from "../../../src/ops/sql-expression";
import type { BackfillOp } from "../../../src/ops/types";

const op = new Operations(new RecordingSink());

async function backfill(options: Parameters<Operations["backfill"]>[1]): Promise<BackfillOp> {
  const [made] = await collectOperations((o) => o.backfill("orders", options), postgres.types);
  return made as BackfillOp;
}

describe("op.sql", () => {
  it("keeps values as parameters, in order, also through nested fragments", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }), fc.string(), (values, text) => {
        const inner = sqlTag`lower(${values[0] ?? "x"})`;
        const outer = sqlTag`${text} = ${inner} AND f(${values[1] ?? 1}, ${values[2] ?? 2})`;
        const seen: unknown[] = [];
        const rendered = renderSqlExpression(outer, (value) => {
          seen.push(value);
          return `$${seen.length}`;
        });
        expect(seen).toEqual([text, values[0] ?? "x", values[1] ?? 1, values[2] ?? 2]);
        expect(rendered).toBe("$1 = lower($2) AND f($3, $4)");
        expect(outer.text.length).toBe(outer.params.length + 1);
      }),
    );
  });
});

describe("op.backfill", () => {
  it("takes a plain value as a value, even one that looks like SQL or an object, and op.sql as an expression", async () => {
    const made = await backfill({ set: { status: "'new'", doc: { sql: "x" }, total: op.sql`price * ${2}` }, where: "status IS NULL", batchSize: 10 });
    expect(made.set).toEqual([
      { column: "status", value: "'new'" },
      { column: "doc", value: { sql: "x" } },
      { column: "total", expression: { text: ["price * ", ""], params: [2] } },
    ]);
    expect(made.where).toEqual({ text: ["status IS NULL"], params: [] });
    expect(Object.isFrozen(made)).toBe(true);
  });

  it("refuses what it cannot run", async () => {
    const refused = async (options: Parameters<Operations["backfill"]>[1]): Promise<string> => {
      const error = await backfill(options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigratorError);
      return (error as MigratorError).message;
    };
    expect(await refused({ set: {} })).toMatch(/set names no column/);
    expect(await refused({ set: { a: undefined } })).toMatch(/column "a" is set to undefined/);
    expect(await refused({ set: { a: 1 }, batchSize: 0 })).toMatch(/batchSize must be a positive integer/);
    expect(await refused({ set: { a: 1 }, batchSize: 2.5 })).toMatch(/batchSize must be a positive integer/);
    expect(await refused({ set: { a: 1 }, pauseMs: -1 })).toMatch(/pauseMs must be 0 or more/);
    expect(await refused({ set: { a: 1 }, key: [] })).toMatch(/key must name one or more columns/);
    expect(await refused({ set: { a: 1 }, where: " " })).toMatch(/where is empty/);
  });
});
