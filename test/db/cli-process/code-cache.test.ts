/**
 * The whole CLI as separate processes through its code cache (as
 * bin/migrator.js runs it): a second run, on cached bytecode for our modules,
 * typeorm's and the project's entities, says exactly what the first said, and
 * the cycle check -> autogenerate -> upgrade -> check ends up to date. Uses
 * the embedded database the CLI creates itself, so it needs no server.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../../helpers/cli";
import { damage, type Damage } from "../../helpers/corrupt";
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
      // the CLI's first run in a folder only leaves a mark; the second takes the bytecode
      const second = await runCliProcess(["check"], dir, env);
      expect({ code: second.code, stdout: second.stdout }).toEqual({ code: cold.code, stdout: cold.stdout });
      const [blob] = blobFiles(env.MIGRATOR_CODE_CACHE).filter((file) => file.endsWith(".bin"));
      expect(blob).toBeDefined();
      const written = statSync(blob as string).mtimeMs;

      const warm = await runCliProcess(["check"], dir, env);
      expect({ code: warm.code, stdout: warm.stdout }).toEqual({ code: cold.code, stdout: cold.stdout });
      // every module came from the cache (V8 took all of it, under the flags it was taken with), so nothing
      // new was compiled and the blob was left as it was
      expect(statSync(blob as string).mtimeMs).toBe(written);

      const revision = await runCliProcess(["revision", "--autogenerate", "-m", "initial"], dir, env);
      expect(revision.code, revision.stderr).toBe(0);
      const upgrade = await runCliProcess(["upgrade", "head"], dir, env);
      expect(upgrade.code, upgrade.stderr).toBe(0);
      const after = await runCliProcess(["check"], dir, env);
      expect(after.code, after.stderr + after.stdout).toBe(0);
    });
  });

  // Node 22+ uses its own compile cache (which checks its own checksums), in a layout of its own
  const nodeHasItsOwn = typeof (require("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function";
  it.skipIf(nodeHasItsOwn)("a damaged cache file changes nothing: each run prints exactly what a run without the cache prints", async () => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: [fixtureSet("core")], database: `{ embedded: ".migrator/db" }` });
      const off = { MIGRATOR_CODE_CACHE: "off" };
      const revision = await runCliProcess(["revision", "--autogenerate", "-m", "initial"], dir, off);
      expect(revision.code, revision.stderr).toBe(0);
      // offline: the script depends on the revision and on our rendering only (an edited bytecode once printed UNIQUE for PRIMARY KEY)
      const args = ["upgrade", "head", "--sql"];
      const plain = await runCliProcess(args, dir, off);
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toContain("PRIMARY KEY");
      const expected = { code: 0, stdout: plain.stdout, stderr: plain.stderr };

      const env = { MIGRATOR_CODE_CACHE: join(dir, "code-cache") };
      await runCliProcess(args, dir, env);
      const [blob] = blobFiles(env.MIGRATOR_CODE_CACHE);
      const pristine = readFileSync(blob as string);
      const trials: [Damage, number][] = [
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [Damage, number] => ["flip-bit", seed]),
        ...[1, 2, 3, 4].map((seed): [Damage, number] => ["edit-11-bytes", seed]),
        ["flip-8-bits", 1],
        ["truncate", 1],
        ["empty", 1],
        ["garbage", 1],
      ];
      for (const [kind, seed] of trials) {
        writeFileSync(blob as string, damage(pristine, kind, seed));
        const run = await runCliProcess(args, dir, env);
        expect({ trial: `${kind} ${seed}`, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ trial: `${kind} ${seed}`, ...expected });
      }
    });
  });

  it("writes under its one folder only, and with MIGRATOR_CODE_CACHE=off nothing at all", async () => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: [fixtureSet("core")], database: `{ embedded: ".migrator/db" }` });
      const home = join(dir, "home");
      const on = await runCliProcess(["heads"], dir, { HOME: home, XDG_CACHE_HOME: "", MIGRATOR_CODE_CACHE: "" });
      expect(on.code, on.stderr).toBe(0);
      // @swc/core keeps a copy of its native binding under ~/.cache/swc-native-*: its own cache, not ours
      const written = readdirSync(home, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && !entry.parentPath.includes("swc-native"));
      expect(written.length).toBeGreaterThan(0);
      // the bytecode under code-cache/, and beside it the key that seals the config's cache entry (sealed-cache.ts)
      const sealingKey = join(home, ".cache", "migrator", "sealing-key");
      for (const entry of written) {
        const file = join(entry.parentPath, entry.name);
        expect(file === sealingKey || file.startsWith(join(home, ".cache", "migrator", "code-cache") + "/"), file).toBe(true);
      }

      const elsewhere = join(dir, "home-off");
      for (const setting of ["off", "OFF", "0", "false", "no"]) {
        const off = await runCliProcess(["heads"], dir, { HOME: elsewhere, XDG_CACHE_HOME: "", MIGRATOR_CODE_CACHE: setting });
        expect({ code: off.code, stdout: off.stdout }).toEqual({ code: on.code, stdout: on.stdout });
      }
      expect(existsSync(join(elsewhere, ".cache", "migrator"))).toBe(false);
    });
  });
});
