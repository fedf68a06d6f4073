/**
 * moveSchema reaches every name and every piece of SQL text an operation
 * carries (checked by walking the result, not by the walker's own list),
 * and the op API in a tenant's home reads plain names and `public.` there.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { collectOperations, moveSchema, type Operation, type RevisionHome } from "../../../src/ops";
import { reversibleOp } from "./arbitraries";

/** The values of `schema` keys, and of the keys that hold SQL text, anywhere in the op. */
function reached(op: Operation): { schemas: unknown[]; sql: unknown[] } {
  const schemas: unknown[] = [];
  const sql: unknown[] = [];
  const walk = (value: unknown, key: string | undefined, parent: Record<string, unknown> | undefined): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key, parent));
    if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) walk(v, k, record);
      return;
    }
    if (key === "schema") schemas.push(value);
    const isColumn = parent !== undefined && "nullable" in parent && "identity" in parent;
    if (typeof value === "string" && (["default", "newDefault", "generated", "expression", "where", "using", "reverseUsing"].includes(key ?? "") || (key === "type" && isColumn))) sql.push(value);
    if (typeof value === "string" && key === "definition" && parent !== undefined && !("kind" in parent)) sql.push(value);
  };
  walk(op, undefined, undefined);
  if (op.kind === "alterColumn") for (const change of [op.type, op.default, op.generated]) for (const v of [change?.from, change?.to]) if (typeof v === "string") sql.push(v);
  return { schemas, sql };
}

describe("moveSchema", () => {
  it("moves every name's schema and every SQL text of every kind (extensions stay where they are)", () => {
    fc.assert(
      fc.property(reversibleOp, (op) => {
        const moved = moveSchema(op, { schema: () => "moved", sql: () => "SQL" });
        const after = reached(moved);
        if (op.kind === "createExtension" || op.kind === "dropExtension") expect(moved).toStrictEqual(op);
        else expect(after.schemas.every((s) => s === "moved")).toBe(true);
        expect(after.sql.every((s) => s === "SQL")).toBe(true);
        expect(after.sql.length).toBe(reached(op).sql.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("moving with nothing to move changes nothing", () => {
    fc.assert(
      fc.property(reversibleOp, (op) => {
        expect(moveSchema(op, { schema: (s) => s, sql: (t) => t })).toStrictEqual(op);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the op API in a tenant's schema", () => {
  const home: RevisionHome = { schema: "tenant_a", sql: (text) => text.replace(/public\./g, "") };

  it("reads plain names in the tenant's schema, keeps names given with their schema, and reads `public.` in SQL text there", async () => {
    const ops = await collectOperations(
      async (op) => {
        await op.createTable("post", {
          columns: [
            { name: "id", type: "integer", primaryKey: true },
            { name: "state", type: "public.state", default: "'draft'::public.state" },
            { name: "country", type: "text" },
          ],
          foreignKeys: [
            { columns: ["id"], references: "account", referencedColumns: ["id"] },
            { columns: ["country"], references: { schema: "public", name: "country" }, referencedColumns: ["code"] },
          ],
        });
        await op.execute("SELECT public.f()");
        await op.insertTypeormMetadata([{ type: "VIEW", schema: "public", name: "v", value: "SELECT 1" }]);
      },
      postgres.types,
      home,
    );
    const [table, execute, rows] = ops;
    expect(table).toMatchObject({
      kind: "createTable",
      table: {
        schema: "tenant_a",
        columns: [{ name: "id" }, { name: "state", type: "state", default: "'draft'::state" }, { name: "country" }],
        foreignKeys: [{ referencedTable: { schema: "tenant_a", name: "account" } }, { referencedTable: { schema: "public", name: "country" } }],
      },
    });
    // raw SQL follows the session's search_path, as written
    expect(execute).toMatchObject({ kind: "execute", sql: "SELECT public.f()" });
    expect(rows).toMatchObject({ kind: "insertTypeormMetadata", metadataTable: { schema: "tenant_a", name: "typeorm_metadata" }, rows: [{ schema: "tenant_a" }] });
  });

  it("without a home, plain names are public's as always", async () => {
    const [op] = await collectOperations((op) => op.addColumn("post", { name: "x", type: "public.state" }), postgres.types);
    expect(op).toMatchObject({ table: { schema: "public", name: "post" }, column: { type: "public.state" } });
  });
});
