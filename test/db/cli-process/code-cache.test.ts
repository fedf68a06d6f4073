/**
 * The whole CLI as separate processes through its code cache (as
 * bin/migrator.js runs it): a second run, on cached bytecode for our modules,
 * typeorm's and the project's entities, says exactly what the first said, and
 * the cycle check -> autogenerate -> upgrade -> check ends up to date. Uses
 * the embedded database the CLI creates itself, so it needs no server.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../../helpers/cli";
import { fixtureSet, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

function blobFiles(cache: string): string[] {
  if (!existsSync(cache)) return [];
  return readdirSync(cache).flatMap((sub) => readdirSync(join(cache, sub)).map((name) => join(cache, sub, name)));
}

describe("CLI processes through the code cache", () => {
  it("answers the same from cached bytecode, and a full autogenerate cycle ends up to date", async () => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: [fixtureSet("core")], database: `{ embedded: ".migrator/db" }` });
      const env = { MIGRATOR_CODE_CACHE: join(dir, "code-cache") };

      const cold = await runCliProcess(["check"], dir, env);
      expect(cold.code, cold.stderr).toBe(1);
      expect(cold.stdout).toMatch(/changes? to apply/);
      const [blob] = blobFiles(env.MIGRATOR_CODE_CACHE);
      expect(blob).toBeDefined();
      const written = statSync(blob as string).mtimeMs;

      const warm = await runCliProcess(["check"], dir, env);
      expect({ code: warm.code, stdout: warm.stdout }).toEqual({ code: cold.code, stdout: cold.stdout });
      // every module came from the cache, so nothing new was compiled and the blob was left as it was
      expect(statSync(blob as string).mtimeMs).toBe(written);

      const revision = await runCliProcess(["revision", "--autogenerate", "-m", "initial"], dir, env);
      expect(revision.code, revision.stderr).toBe(0);
      const upgrade = await runCliProcess(["upgrade", "head"], dir, env);
      expect(upgrade.code, upgrade.stderr).toBe(0);
      const after = await runCliProcess(["check"], dir, env);
      expect(after.code, after.stderr + after.stdout).toBe(0);
    });
  });
});
