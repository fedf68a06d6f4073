/**
 * A hinted column rename must be only a rename: PostgreSQL rewrites the
 * checks, predicates, index expressions and generated columns that mention
 * the column, and the differ must expect exactly that rewrite.
 */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { postgres } from "../../../src/dialect";

const CASES = [
  { from: "c_kilo85", to: "c_kilo30" },
  { from: "wordCount", to: "Word Count" },
  { from: "amount", to: "order" },
] as const;

describe.each(backendsUnderTest())("renamed columns inside expressions, on $name", (backend) => {
  it.each(CASES)("$from -> $to is one renameColumn", async ({ from, to }) => {
    await withDatabase(backend, async ({ executor }) => {
      const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
      const c = q(from);
      await executor.exec(`
        CREATE TABLE public.t (
          id integer PRIMARY KEY,
          ${c} integer NOT NULL,
          label text NOT NULL DEFAULT 'amount ${from}',
          doubled integer GENERATED ALWAYS AS (${c} * 2) STORED,
          CONSTRAINT "CHK_t" CHECK (${c} >= -9 AND label <> '${from}'),
          CONSTRAINT "EX_t" CHECK (abs(${c}) < 1000000)
        );
        CREATE INDEX "IDX_t_partial" ON public.t (id) WHERE ${c} > 0;
        CREATE INDEX "IDX_t_expr" ON public.t ((${c} + 1), lower(label));
      `);
      const before = await introspect(executor, { schemas: ["public"] });
      await executor.exec(`ALTER TABLE public.t RENAME COLUMN ${c} TO ${q(to)}`);
      const after = await introspect(executor, { schemas: ["public"] });
      const { ops } = diff(before, after, postgres.types, { renames: [{ table: "t", column: from, to }] });
      expect(ops).toEqual([{ kind: "renameColumn", table: { schema: "public", name: "t" }, column: from, to }]);
    });
  });
});
