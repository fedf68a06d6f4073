/** Types and defaults as people write them; references and foreign keys spelled one way everywhere. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { canonicalTypeName, shortTypeName } from "../../../src/dialect/postgres/types/spelling";
import { collectOperations } from "../../../src/ops/operations";
import { renderRevisionBodies } from "../../../src/render";
import { literalAndCast, shortDefault } from "../../../src/dialect/postgres/types/defaults";
import { col, fk, idTable, model } from "../diff/builders";
import { randomModel } from "../diff/random-model";
import { roundTrip } from "./run-rendered";
import { postgres } from "../../../src/dialect";

describe("type aliases", () => {
  it.each([
    ["character varying(20)", "varchar(20)"],
    ["character varying", "varchar"],
    ["character varying(20)[]", "varchar(20)[]"],
    ["character(7)", "char(7)"],
    ["timestamp with time zone", "timestamptz"],
    ["timestamp without time zone", "timestamp"],
    ["timestamp(3) without time zone", "timestamp(3)"],
    ["timestamp(3) with time zone[]", "timestamptz(3)[]"],
    ["time without time zone", "time"],
    ["time(0) with time zone", "timetz(0)"],
  ])("%s -> %s, and back", (canonical, short) => {
    expect(shortTypeName(canonical)).toBe(short);
    expect(canonicalTypeName(short)).toBe(canonical);
  });

  it.each(["numeric(10,2)", "double precision", "integer[]", "public.mood", 'public."character varying"', "bpchar", "character", "interval"])(
    "%s stays as it is",
    (type) => {
      expect(shortTypeName(type)).toBe(type);
      expect(canonicalTypeName(type)).toBe(type);
    },
  );
});

describe("defaults", () => {
  const isEnum = (type: string): boolean => type === "public.post_state_enum";

  it.each([
    ["character(7)", "'#888888'::bpchar", "'#888888'"],
    ["text", "''::text", "''"],
    ["text", "'it''s ''quoted'''::text", "'it''s ''quoted'''"],
    ["jsonb", "'{}'::jsonb", "'{}'"],
    ["public.post_state_enum", "'draft'::public.post_state_enum", "'draft'"],
    ["public.post_state_enum[]", "'{draft}'::public.post_state_enum[]", "'{draft}'"],
    ["character varying(20)", "'x'::character varying", "'x'"],
    ["character varying", "'x'::character varying", "'x'"],
    ["text[]", "'{}'::text[]", "'{}'"],
    ["integer", "'-1'::integer", "'-1'"],
    ["numeric(10,2)", "'-1.5'::numeric", "'-1.5'"],
    ["timestamp(3) with time zone", "'2020-01-01 00:00:00+00'::timestamp with time zone", "'2020-01-01 00:00:00+00'"],
  ])("%s default %s is written %s", (type, expression, short) => {
    expect(shortDefault(expression, type, isEnum)).toBe(short);
  });

  it.each([
    ["timestamp with time zone", "now()"],
    ["text[]", "ARRAY['a'::text, 'b'::text]"],
    ["text", "'a'::text || 'b'::text"],
    ["text", "('x'::character varying)::text"],
    ["text", "'x'::character varying"],
    ["bigint", "'-1'::integer"],
    ["numeric(10,2)", "'1'::numeric(10,2)"],
    ["interval(3)", "'1 day'::interval"],
    ["public.my_domain", "'x'::public.my_domain"],
    ["character varying(20)", "'a'''::character varying::text"],
    ["text", "E'a\\\\b'::text"],
    ["text", "'unterminated::text"],
  ])("%s default %s is left as the catalog wrote it", (type, expression) => {
    expect(shortDefault(expression, type, isEnum)).toBe(expression);
  });

  it("reads a literal to its closing quote, doubled quotes included, and nothing else", () => {
    expect(literalAndCast("'a''b'::text")).toEqual({ literal: "'a''b'", cast: "text" });
    expect(literalAndCast("'a'''::text")).toEqual({ literal: "'a'''", cast: "text" });
    expect(literalAndCast("''''::text")).toEqual({ literal: "''''", cast: "text" });
    expect(literalAndCast("'a'")).toBeUndefined();
    expect(literalAndCast("now()")).toBeUndefined();
  });

  it("an altered default is spelled short when the models say what the column's type is", () => {
    const label = (color: string) => model({ tables: [idTable("label", [col("color", "character(7)", { default: color })])] });
    const before = label("'#888888'::bpchar");
    const after = label("'#6b7280'::bpchar");
    const ops = diff(before, after, postgres.types).ops;
    expect(renderRevisionBodies(ops, postgres).upgrades).toContain(`await op.alterColumn("label", "color", { default: "'#6b7280'::bpchar" });`);
    const bodies = renderRevisionBodies(ops, postgres, { models: [before, after] });
    expect(bodies.upgrades).toContain(`await op.alterColumn("label", "color", { default: "'#6b7280'" });`);
    expect(bodies.downgrades).toContain(`await op.alterColumn("label", "color", { default: "'#888888'", existingDefault: "'#6b7280'" });`);
  });
});

describe("references and foreign keys", () => {
  it("a table outside the default schema names a referenced table in public qualified, in every op that names it", async () => {
    const ops = await collectOperations(async (op) => {
      await op.createTable({ schema: "billing", name: "subscription" }, {
        columns: [{ name: "id", type: "uuid", primaryKey: true }, { name: "workspace_id", type: "uuid" }],
        foreignKeys: [{ name: "FK_sub_ws", columns: ["workspace_id"], references: "workspace", referencedColumns: ["id"] }],
      });
      await op.createForeignKey({ schema: "billing", name: "plan" }, "FK_plan_ws", ["workspace_id"], "workspace", ["id"]);
      await op.createForeignKey("project", "FK_project_ws", ["workspace_id"], "workspace", ["id"]);
    }, postgres.types);
    const { bodies, upgrade } = await roundTrip(ops);
    const qualified = 'references: { schema: "public", name: "workspace" }';
    expect(bodies.upgrades).toContain(qualified);
    expect(bodies.upgrades).toContain('  "FK_plan_ws",\n  ["workspace_id"],\n  { schema: "public", name: "workspace" },\n');
    expect(bodies.upgrades).toContain('await op.createForeignKey("project", "FK_project_ws", ["workspace_id"], "workspace", ["id"]);');
    // The downgrade's dropConstraint spells the definition as createTable does.
    expect(bodies.downgrades).toContain(qualified);
    expect(bodies.downgrades).toContain('references: "workspace"');
    expect(bodies.downgrades).not.toContain("referencedTable");
    expect(upgrade).toStrictEqual(ops);
  });

  it("never prints a foreign key's default options, nor default deferrability, in either body", () => {
    const needle = /onUpdate: "NO ACTION"|onDelete: "NO ACTION"|deferrable: false|initiallyDeferred: false/;
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        const bodies = renderRevisionBodies(diff(randomModel(a), randomModel(b), postgres.types).ops, postgres);
        expect(bodies.upgrades).not.toMatch(needle);
        expect(bodies.downgrades).not.toMatch(needle);
      }),
      { numRuns: 150 },
    );
    const withFk = model({ tables: [idTable("customer"), idTable("order", [col("customer_id")], { foreignKeys: [fk("FK_o_c", ["customer_id"], "customer")] })] });
    const bodies = renderRevisionBodies(diff(withFk, model({ tables: [idTable("customer"), idTable("order", [col("customer_id")])] }), postgres.types).ops, postgres);
    expect(bodies.upgrades).toContain('await op.dropConstraint("order", "FK_o_c");');
    expect(bodies.downgrades).toContain('await op.createForeignKey("order", "FK_o_c", ["customer_id"], "customer", ["id"]);');
  });
});
