/** dropConstraint's definition: createTable's shapes (defaults and the name left out), and the full model form of earlier revisions. */
import { describe, expect, it } from "vitest";
import { collectOperations } from "../../../src/ops/operations";
import { postgres } from "../../../src/dialect";

describe("dropConstraint definition", () => {
  it("the short spec and the full model form build the same op", async () => {
    const ops = await collectOperations(async (op) => {
      await op.dropConstraint({ schema: "billing", name: "invoice" }, "FK_x", {
        definition: { type: "foreignKey", foreignKey: { columns: ["ws"], references: "workspace", referencedColumns: ["id"], onDelete: "CASCADE" } },
      });
      await op.dropConstraint({ schema: "billing", name: "invoice" }, "FK_x", {
        definition: {
          type: "foreignKey",
          foreignKey: {
            name: "FK_x",
            columns: ["ws"],
            referencedTable: { schema: "public", name: "workspace" },
            referencedColumns: ["id"],
            onDelete: "CASCADE",
            onUpdate: "NO ACTION",
            deferrable: false,
            initiallyDeferred: false,
          },
        },
      });
    }, postgres.types);
    expect(ops[0]).toStrictEqual(ops[1]);
  });

  it("names default to the dropped constraint's, not PostgreSQL's default names", async () => {
    const ops = await collectOperations(async (op) => {
      await op.dropConstraint("t", "PK_t", { definition: { type: "primaryKey", primaryKey: { columns: ["id"] } } });
      await op.dropConstraint("t", "UQ_t", { definition: { type: "unique", unique: { columns: ["a"], initiallyDeferred: true } } });
      await op.dropConstraint("t", "CHK_t", { definition: { type: "check", check: { expression: "(a > 0)" } } });
      await op.dropConstraint("t", "EX_t", { definition: { type: "exclusion", exclusion: { definition: "USING gist (a WITH =)" } } });
    }, postgres.types);
    expect(ops.map((op) => op.kind === "dropConstraint" && op.definition)).toStrictEqual([
      { type: "primaryKey", primaryKey: { name: "PK_t", columns: ["id"] } },
      { type: "unique", unique: { name: "UQ_t", columns: ["a"], deferrable: true, initiallyDeferred: true } },
      { type: "check", check: { name: "CHK_t", expression: "(a > 0)" } },
      { type: "exclusion", exclusion: { name: "EX_t", definition: "USING gist (a WITH =)" } },
    ]);
  });
});
