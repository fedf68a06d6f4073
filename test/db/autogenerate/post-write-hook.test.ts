import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { databaseEntry, fixtureSet, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

// One backend is enough: the hook runs after the file is written, whatever the database.
const backend = backendsUnderTest().at(-1) ?? { name: "pglite" as const };

describe("the post-write hook", () => {
  it("runs on each written revision with {file} replaced, and its failure is a warning", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          await db.executor.close();
          const hook = `postWriteHook: "node -e \\"require('fs').appendFileSync(process.argv[1], '// formatted\\\\n')\\" {file}",\n`;
          writeProject(dir, { entities: [fixtureSet("phantoms")], database: databaseEntry(db), extra: hook });
          const result = await runCli(["revision", "--autogenerate", "-m", "first"], dir);
          expect(result.stderr).not.toMatch(/^error:/m);
          expect(result.code).toBe(0);
          const [file] = readdirSync(join(dir, "migrations")).filter((f) => f.endsWith(".ts"));
          expect(readFileSync(join(dir, "migrations", file ?? ""), "utf8").endsWith("// formatted\n")).toBe(true);

          writeProject(dir, { entities: [fixtureSet("phantoms")], database: databaseEntry(db), extra: `postWriteHook: "exit 3",\n` });
          expect((await runCli(["upgrade", "head"], dir)).code).toBe(0);
          const failed = await runCli(["revision", "-m", "empty", "--autogenerate", "--allow-empty"], dir);
          expect(failed.stderr).not.toMatch(/^error:/m);
          expect(failed.code).toBe(0);
          expect(failed.stderr).toMatch(/^warning: post-write hook `exit 3 '.*'` failed/m);
        },
        backend.name === "pglite" ? { onDisk: join(dir, "db") } : {},
      );
    });
  });
});
