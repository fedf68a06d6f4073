/** What a reviewer reads: headings, destructive marks, what a downgrade cannot restore. */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { collectOperations } from "../../../src/ops/operations";
import { renderRevisionBodies } from "../../../src/render";
import { col, fk, idTable, model, table } from "../diff/builders";
import { allKindsOps } from "./all-kinds";
import { revisionSource, roundTrip } from "./run-rendered";
import { postgres } from "../../../src/dialect";

describe("revision bodies", () => {
  it("the design page's example: one addColumn, its drop in the downgrade", async () => {
    const ops = await collectOperations((op) => op.addColumn("user", { name: "phone", type: "varchar(20)", nullable: true }), postgres.types);
    const bodies = renderRevisionBodies(ops, postgres);
    expect(bodies.upgrades).toMatchInlineSnapshot(`
      "// table "user"
      await op.addColumn("user", { name: "phone", type: "varchar(20)" });
      "
    `);
    expect(bodies.downgrades).toMatchInlineSnapshot(`
      "// table "user"
      // destructive: drops column "user"."phone" and its data
      await op.dropColumn("user", "phone", { existing: { name: "phone", type: "varchar(20)" } });
      "
    `);
    expect(bodies).toMatchObject({ imports: [], destructive: [], irreversible: [] });
  });

  it("a differ step: new table with a foreign key, a dropped column, a narrowed type, a dropped table", () => {
    const before = model({
      tables: [
        idTable("customer", [col("name", "text"), col("notes", "text"), col("score", "integer", { nullable: false, default: "0" })]),
        table("legacy", [col("code", "character varying(10)", { nullable: false })], { primaryKey: { name: "legacy_pkey", columns: ["code"] } }),
      ],
    });
    const after = model({
      tables: [
        idTable("customer", [col("name", "character varying(50)"), col("score", "integer", { nullable: false, default: "0" })]),
        idTable("order", [col("customer_id", "integer", { nullable: false }), col("placed_at", "timestamp with time zone", { nullable: false, default: "now()" })], {
          foreignKeys: [fk("FK_order_customer", ["customer_id"], "customer", { onDelete: "CASCADE" })],
        }),
      ],
    });
    const bodies = renderRevisionBodies(diff(before, after, postgres.types).ops, postgres);
    expect(bodies.upgrades).toMatchInlineSnapshot(`
      "// table "legacy"
      // destructive: drops table "legacy" and its data
      await op.dropTable("legacy");

      // table "customer"
      // destructive: drops column "customer"."notes" and its data
      await op.dropColumn("customer", "notes");
      // destructive: changes "customer"."name" from text to character varying(50): values that do not fit are cut or rejected
      await op.alterColumn("customer", "name", { type: "varchar(50)" });

      // table "order"
      await op.createTable("order", {
        columns: [
          { name: "id", type: "integer" },
          { name: "customer_id", type: "integer", nullable: false },
          { name: "placed_at", type: "timestamptz", nullable: false, default: "now()" },
        ],
        primaryKey: { name: "PK_order", columns: ["id"] },
        foreignKeys: [
          {
            name: "FK_order_customer",
            columns: ["customer_id"],
            references: "customer",
            referencedColumns: ["id"],
            onDelete: "CASCADE",
          },
        ],
      });
      "
    `);
    expect(bodies.downgrades).toMatchInlineSnapshot(`
      "// table "order"
      // destructive: drops table "order" and its data
      await op.dropTable("order", {
        definition: {
          columns: [
            { name: "id", type: "integer" },
            { name: "customer_id", type: "integer", nullable: false },
            { name: "placed_at", type: "timestamptz", nullable: false, default: "now()" },
          ],
          primaryKey: { name: "PK_order", columns: ["id"] },
          foreignKeys: [
            {
              name: "FK_order_customer",
              columns: ["customer_id"],
              references: "customer",
              referencedColumns: ["id"],
              onDelete: "CASCADE",
            },
          ],
        },
      });

      // table "customer"
      // cannot restore: what the upgrade lost (it changes "customer"."name" from text to character varying(50): values that do not fit are cut or rejected)
      await op.alterColumn("customer", "name", { type: "text", existingType: "varchar(50)" });
      // cannot restore: the values of dropped column "customer"."notes" (the column is recreated empty)
      await op.addColumn("customer", { name: "notes", type: "text" });

      // table "legacy"
      // cannot restore: the rows of dropped table "legacy" (the table is recreated empty)
      await op.createTable("legacy", {
        columns: [
          { name: "code", type: "varchar(10)", primaryKey: true },
        ],
      });
      "
    `);
    expect(bodies.destructive).toMatchInlineSnapshot(`
      [
        "drops table "legacy" and its data",
        "drops column "customer"."notes" and its data",
        "changes "customer"."name" from text to character varying(50): values that do not fit are cut or rejected",
      ]
    `);
    expect(bodies.irreversible).toMatchInlineSnapshot(`
      [
        "cannot restore: what the upgrade lost (it changes "customer"."name" from text to character varying(50): values that do not fit are cut or rejected)",
        "cannot restore: the values of dropped column "customer"."notes" (the column is recreated empty)",
        "cannot restore: the rows of dropped table "legacy" (the table is recreated empty)",
      ]
    `);
  });

  it("hand-written ops without before-state: the downgrade says what it cannot undo", async () => {
    const ops = await collectOperations(async (op) => {
      await op.dropColumn({ schema: "crm", name: "customer" }, "notes");
      await op.alterColumn("customer", "name", { nullable: false });
      await op.execute("UPDATE customer SET name = '' WHERE name IS NULL");
    }, postgres.types);
    const bodies = renderRevisionBodies(ops, postgres);
    expect(bodies.downgrades).toMatchInlineSnapshot(`
      "// cannot reverse: raw SQL (op.execute) has no known reverse: execute UPDATE customer SET name = '' WHERE name IS NULL

      // table "customer"
      // cannot reverse: alterColumn "public"."customer"."name" does not record the previous nullable (pass existing* values)

      // table "crm"."customer"
      // cannot reverse: the definition of dropped column "crm"."customer"."notes" is not recorded
      "
    `);
    expect(bodies.irreversible).toHaveLength(3);
  });

  it("setting NOT NULL is marked as a caution, not as destructive, in the upgrade and where a downgrade sets it back", async () => {
    const ops = await collectOperations(async (op) => {
      await op.alterColumn("order", "note", { nullable: false, existingNullable: true });
      await op.alterColumn({ schema: "crm", name: "customer" }, "nickname", { nullable: true, existingNullable: false });
    }, postgres.types);
    const bodies = renderRevisionBodies(ops, postgres);
    expect(bodies.upgrades).toBe(
      [
        '// table "order"',
        '// caution: sets "order"."note" NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock',
        'await op.alterColumn("order", "note", { nullable: false });',
        "",
        '// table "crm"."customer"',
        'await op.alterColumn({ schema: "crm", name: "customer" }, "nickname", { nullable: true });',
        "",
      ].join("\n"),
    );
    expect(bodies.downgrades).toBe(
      [
        '// table "crm"."customer"',
        '// caution: sets "crm"."customer"."nickname" NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock',
        'await op.alterColumn({ schema: "crm", name: "customer" }, "nickname", {',
        "  nullable: false,",
        "  existingNullable: true,",
        "});",
        "",
        '// table "order"',
        'await op.alterColumn("order", "note", { nullable: true, existingNullable: false });',
        "",
      ].join("\n"),
    );
    expect(bodies.destructive).toEqual([]);
    expect(bodies.cautions).toEqual([
      'the upgrade sets "order"."note" NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock',
      'the downgrade sets "crm"."customer"."nickname" NOT NULL: fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock',
    ]);
  });

  it("a NOT NULL column without a default: its recreation fails on a table with rows, and the comment says so", async () => {
    const ops = await collectOperations((op) => op.dropColumn("t", "c", { existing: { name: "c", type: "integer", nullable: false } }), postgres.types);
    expect(renderRevisionBodies(ops, postgres).irreversible).toEqual([
      'cannot restore: the values of dropped column "t"."c" (recreated NOT NULL without a default, the column cannot be added back while the table has rows)',
    ]);
  });

  it("line breaks in names stay escaped inside comments", async () => {
    const ops = await collectOperations((op) => op.dropTable("bad\nname", { definition: { columns: [{ name: "x\r\ny", type: "text" }] } }), postgres.types);
    const { bodies, upgrade, downgrade } = await roundTrip(ops);
    expect(bodies.upgrades.split("\n")[0]).toBe('// table "bad\\nname"');
    expect(bodies.downgrades).toContain('// cannot restore: the rows of dropped table "bad\\nname" (the table is recreated empty)');
    // The upgrade's drop leaves the definition to the downgrade.
    expect(upgrade).toStrictEqual([{ kind: "dropTable", table: { schema: "public", name: "bad\nname" }, destructive: ops[0]!.destructive }]);
    expect(downgrade).toHaveLength(1);
  });

  it("a whole revision with every op kind (golden file, for reading)", async () => {
    const source = revisionSource(renderRevisionBodies(await allKindsOps(), postgres), "every kind");
    await expect(source).toMatchFileSnapshot("__golden__/every-kind.revision.ts.txt");
  });

  it("no ops, empty bodies", () => {
    expect(renderRevisionBodies([], postgres)).toEqual({ upgrades: "", downgrades: "", imports: [], destructive: [], irreversible: [], cautions: [] });
  });
});

describe("line width", () => {
  it("a column spec stays whole a little past the width, and breaks when far past it", async () => {
    const ops = await collectOperations((op) =>
      op.createTable("t", {
        columns: [
          { name: "short", type: "integer" },
          { name: "mood", type: "public.mood", default: "'happy'::public.mood", comment: "how they feel" },
          { name: "long", type: "text", comment: "x".repeat(120) },
        ],
      }), postgres.types
    );
    const lines = renderRevisionBodies(ops, postgres).upgrades.split("\n");
    expect(lines).toContain('    { name: "mood", type: "public.mood", default: "\'happy\'::public.mood", comment: "how they feel" },');
    expect(lines.slice(lines.indexOf("    {"), lines.indexOf("    {") + 5)).toEqual(["    {", '      name: "long",', '      type: "text",', `      comment: "${"x".repeat(120)}",`, "    },"]);
  });
});
