/**
 * `upgrade head --sql | psql` with a revision whose doc comment holds a
 * carriage return (hand-written: `revision -m` refuses one): the message
 * stays in its `--` comment, so the script drops nothing.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { upgrade } from "../../../src/commands/upgrade";
import { qualified } from "../../../src/dialect/postgres/quote";
import { runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

describe.each(backendsUnderTest())("a message in an offline script on $name", (backend) => {
  it("cannot end its comment and run as SQL", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const made = makeProject("failing", { embedded: "unused" });
      const file = join(made.migrations, "0a0100000000_t_ok1.ts");
      for (const name of ["0b0200000000_t_bad2.ts", "0c0300000000_t_after3.ts"]) rmSync(join(made.migrations, name));
      for (const end of ["\r", "\u2028", "\u000b", "\u0085"]) {
        writeFileSync(file, readFileSync(file, "utf8").replace(/^ \* .*$/m, ` * add victim${end}DROP TABLE victim; --`));
        await executor.exec("CREATE TABLE IF NOT EXISTS victim (id int)");
        const result = await upgrade(made.config, { target: "head", sql: true });
        if (result.mode !== "offline") throw new Error("expected an offline result");
        const script = result.sql;
        expect(script).toContain("DROP TABLE victim");
        await executor.exec(script);
        const found = await executor.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_class WHERE relname = 'victim'");
        expect(found.rows[0]?.n, JSON.stringify(end)).toBe("1");
        const tables = runtimeTables(made.config);
        await executor.exec(`DROP TABLE t_ok1; DROP TABLE ${qualified(tables.version)}; DROP TABLE ${qualified(tables.log)}`);
      }
    });
  });
});
