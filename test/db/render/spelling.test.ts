/**
 * The renderer writes types and defaults as people write them (`varchar(20)`,
 * `'#888888'` for `'#888888'::bpchar`). This proves, on each backend, that
 * PostgreSQL stores the same thing: a table created by running the rendered
 * revision introspects equal to one created from the catalog spelling.
 */
import { describe, expect, it } from "vitest";
import { toSql } from "../../../src/dialect/postgres";
import type { Executor } from "../../../src/db/types";
import { introspect } from "../../../src/dialect/postgres/introspect";
import type { ColumnModel, TableModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";
import { renderRevisionBodies } from "../../../src/render";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { loadRevision, record, revisionSource } from "../../unit/render/run-rendered";
import { postgres } from "../../../src/dialect";

/** [catalog type, catalog default (null: none)]: each as the catalog prints it, which the test checks too. */
const PAIRS: readonly (readonly [string, string | null])[] = [
  ["character(7)", "'#888888'::bpchar"],
  ["character(3)[]", "'{}'::bpchar[]"],
  ["text", "''::text"],
  ["text", "'it''s'::text"],
  ["text[]", "'{}'::text[]"],
  ["jsonb", "'{}'::jsonb"],
  ["json", "'[]'::json"],
  ["character varying(20)", "'x'::character varying"],
  ["character varying", "'x'::character varying"],
  ["character varying(10)[]", "'{a,b}'::character varying[]"],
  ["integer", "'-1'::integer"],
  ["numeric(10,2)", "'-1.5'::numeric"],
  ["numeric", "'-1.5'::numeric"],
  ["uuid", "'00000000-0000-0000-0000-000000000001'::uuid"],
  ["interval", "'1 day'::interval"],
  ["timestamp with time zone", "now()"],
  ["timestamp(3) with time zone", "'2020-01-01 00:00:00+00'::timestamp with time zone"],
  ["timestamp without time zone", "'2020-01-01 00:00:00'::timestamp without time zone"],
  ["timestamp(0) without time zone", "'2020-01-01 00:00:00'::timestamp without time zone"],
  ["time without time zone", "'12:00:00'::time without time zone"],
  ["time(3) without time zone", "'12:00:00'::time without time zone"],
  ["time with time zone", "'12:00:00+02'::time with time zone"],
  ["public.post_state_enum", "'draft'::public.post_state_enum"],
  ["public.post_state_enum[]", "'{draft}'::public.post_state_enum[]"],
  ["public.post_state_enum", "'it''s'::public.post_state_enum"],
  ["bigint", "'-1'::integer"],
  ["text", "('x'::character varying)::text"],
];

function column(i: number, type: string, defaultValue: string | null): ColumnModel {
  return { name: `c${i}`, type, nullable: true, default: defaultValue, identity: null, serial: false, generated: null, collation: null, comment: null };
}

function table(name: string): TableModel {
  return {
    schema: "public",
    name,
    columns: PAIRS.map(([type, value], i) => column(i, type, value)),
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    comment: null,
  };
}

async function run(executor: Executor, ops: readonly Operation[]): Promise<void> {
  for (const op of ops) for (const statement of toSql(op)) await executor.query(statement.sql, statement.params ?? []);
}

describe.each(backendsUnderTest())("rendered spellings on $name", (backend) => {
  it("store the same types and defaults as the catalog spellings", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const createEnum: Operation = { kind: "createEnum", enum: { schema: "public", name: "post_state_enum", values: ["draft", "it's"] } };
      await run(executor, [createEnum]);
      await run(executor, [{ kind: "createTable", table: table("catalog_spelling") }]);

      const ops: Operation[] = [createEnum, { kind: "createTable", table: table("rendered_spelling") }];
      const source = revisionSource(renderRevisionBodies(ops, postgres));
      const recorded = await record(loadRevision(source).upgrade);
      await run(executor, recorded.slice(1));

      // The file really used the short spellings (else this test would prove nothing).
      const written = recorded[1]!.kind === "createTable" ? recorded[1]!.table.columns : [];
      // 12 types have an alias; 24 defaults are a literal cast to the column's own type (not now(), nor the last two).
      expect(written.filter((c, i) => c.type !== PAIRS[i]![0]).length).toBe(12);
      expect(written.filter((c, i) => c.default !== PAIRS[i]![1]).length).toBe(24);
      expect(source).toContain(`{ name: "c0", type: "char(7)", default: "'#888888'" }`);

      const live = await introspect(executor, { schemas: ["public"] });
      const columns = (name: string): readonly ColumnModel[] => live.tables.find((t) => t.name === name)?.columns ?? [];
      // The pairs are the catalog's own spelling...
      expect(columns("catalog_spelling").map((c) => [c.type, c.default])).toEqual(PAIRS);
      // ...and the rendered spelling gives the catalog exactly the same.
      expect(columns("rendered_spelling")).toEqual(columns("catalog_spelling"));
    });
  });
});
