/**
 * A revision's own op call with a name PostgreSQL would cut to 63 bytes is
 * refused before it runs (else the table exists under another name than the
 * revision wrote, and every later reference misses it).
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { upgrade } from "../../../src/commands/upgrade";
import { runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

describe.each(backendsUnderTest())("long identifiers in op calls on $name", (backend) => {
  it("are refused, and nothing of the revision stays", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const made = makeProject("failing", { embedded: "unused" });
      for (const file of readdirSync(made.migrations)) rmSync(join(made.migrations, file));
      const long = "é".repeat(32);
      writeFileSync(
        join(made.migrations, "0a0100000000_long.ts"),
        `export const revision = "0a0100000000";\nexport const downRevision = null;\n` +
          `export async function upgrade(op: any): Promise<void> {\n` +
          `  await op.createTable("t_first", { columns: [{ name: "id", type: "integer" }] });\n` +
          `  await op.createTable(${JSON.stringify(long)}, { columns: [{ name: "id", type: "integer" }] });\n}\n` +
          `export async function downgrade(): Promise<void> {}\n`,
      );
      await expect(upgrade(made.config, { target: "head", executor })).rejects.toThrow(`the identifier "${long}" is 64 bytes long; PostgreSQL keeps 63 bytes of an identifier`);
      const tables = await executor.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_class WHERE relname IN ('t_first', $1, $2)", [long, "é".repeat(31)]);
      expect(tables.rows[0]?.n).toBe("0");
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(made.config))).toEqual([]);
    });
  });
});
