/**
 * The fast, deterministic part of the bad-input corpus (test/reliability/
 * bad-inputs.ts): every case that needs no server, run through the CLI in
 * this process. `npm run test:reliability` runs the whole corpus as CLI
 * processes, through the code cache, against a reference database.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { withTempDir } from "../helpers/tmp";
import { BAD_INPUTS, SECRET } from "../reliability/bad-inputs";
import { filesHoldingSecret, runBadInput } from "../reliability/bad-inputs-run";

const FAST = BAD_INPUTS.filter((input) => !input.server && !input.slow);

describe("the bad-input corpus, fast cases", () => {
  it("has at least 80 cases in all, most of them fast", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(80);
    expect(FAST.length).toBeGreaterThanOrEqual(60);
  });

  it("the password search finds the password, in either encoding", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "a", "b"), { recursive: true });
      writeFileSync(join(dir, "a", "b", "latin1"), `x${SECRET}y`);
      writeFileSync(join(dir, "a", "utf16"), Buffer.from(`x${SECRET}y`, "utf16le"));
      writeFileSync(join(dir, "clean"), "nothing here");
      expect(filesHoldingSecret(dir).map((f) => f.slice(dir.length)).sort()).toEqual(["/a/b/latin1", "/a/utf16"]);
    });
  });

  it.each(FAST.map((input) => [input.name, input] as const))("%s", async (_name, input) => {
    const verdict = await runBadInput(
      input,
      async (args, cwd, env) => {
        const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
        Object.assign(process.env, env);
        try {
          return await runCli(args, cwd);
        } finally {
          for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
          }
        }
      },
      null,
      null,
    );
    expect(verdict.detail, `stdout: ${verdict.result.stdout}\nstderr: ${verdict.result.stderr}`).toBe("");
  });
});
