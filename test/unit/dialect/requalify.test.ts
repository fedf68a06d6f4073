/** Moving a schema qualifier inside SQL text: only the head of a name, never inside literals, comments or other names. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requalify } from "../../../src/dialect/postgres/requalify";

describe("requalify", () => {
  it.each([
    ["'open'::public.status", "'open'::tenant_a.status", "'open'::status"],
    ["public.uuid_generate_v4()", "tenant_a.uuid_generate_v4()", "uuid_generate_v4()"],
    ['"public"."Odd"', 'tenant_a."Odd"', '"Odd"'],
    ["PUBLIC.t", "tenant_a.t", "t"],
    ["public.mood[]", "tenant_a.mood[]", "mood[]"],
    ["SELECT a.id FROM public.a JOIN public.b ON a.id = b.id", "SELECT a.id FROM tenant_a.a JOIN tenant_a.b ON a.id = b.id", "SELECT a.id FROM a JOIN b ON a.id = b.id"],
    // not a schema qualifier: inside literals and comments, a column or table named public, a later part of a name
    ["'public.x'::text", "'public.x'::text", "'public.x'::text"],
    ["E'it\\'s public.x'", "E'it\\'s public.x'", "E'it\\'s public.x'"],
    ["$$public.x$$ || $q$public.y$q$", "$$public.x$$ || $q$public.y$q$", "$$public.x$$ || $q$public.y$q$"],
    ["x -- public.y\n + 1", "x -- public.y\n + 1", "x -- public.y\n + 1"],
    ["/* public.y */ 1", "/* public.y */ 1", "/* public.y */ 1"],
    ["t.public", "t.public", "t.public"],
    ["db.public.t", "db.public.t", "db.public.t"],
    ["public + 1", "public + 1", "public + 1"],
    ["publicity.t", "publicity.t", "publicity.t"],
    ['"Public".t', '"Public".t', '"Public".t'],
  ])("%s", (sql, moved, dropped) => {
    expect(requalify(sql, "public", "tenant_a")).toBe(moved);
    expect(requalify(sql, "public", null)).toBe(dropped);
  });

  it("spells the new schema as PostgreSQL would, and finds a quoted one", () => {
    expect(requalify("'a'::public.s", "public", "Tenant A")).toBe(`'a'::"Tenant A".s`);
    expect(requalify(`'a'::"Tenant A".s`, "Tenant A", "public")).toBe("'a'::public.s");
    // an unquoted name folds to lower case: it is not the schema "Tenant"
    expect(requalify("Tenant.s", "Tenant", "public")).toBe("Tenant.s");
  });

  it("moving there and back gives the text back (tokens apart, as SQL writes them)", () => {
    const token = fc.constantFrom("public.", "x", ".", " ", "'public.q'", "E'\\'public.'", "::", "(", ")", "--c\n", "t.public", "1.5", '"a""b"', "$$public.z$$");
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }).map((parts) => parts.join(" ")), (sql) => {
        expect(requalify(requalify(sql, "public", "tenant_zz"), "tenant_zz", "public")).toBe(sql);
      }),
      { numRuns: 1000 },
    );
  });
});
