/**
 * A password in the project's config (a literal, as people write them) is
 * printed by no command and persisted by no cache: every file under the
 * project's .migrator, the code-cache folder and the user's cache folder (the
 * config's sealing key), and everything a set
 * of failing commands print (--debug stacks included), is searched for it.
 * Real CLI processes through the code cache, as bin/migrator.js runs; the
 * server URL points at a closed port, so every connection is refused.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../../helpers/cli";
import { fixtureSet, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const SECRET = "Pw-S3cret-4242";
const URL = `postgres://app:${SECRET}@127.0.0.1:1/appdb`;

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function foldersUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return [root, ...readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name))];
}

/** The secret as V8 or a text file may hold it: one byte per character, or two. */
function holdsSecret(file: string): boolean {
  const bytes = readFileSync(file);
  return bytes.includes(Buffer.from(SECRET, "latin1")) || bytes.includes(Buffer.from(SECRET, "utf16le"));
}

describe("a password in the config", () => {
  it("is in no output of failing commands and in no cache file; cache files are the owner's alone", async () => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: [fixtureSet("core")], database: JSON.stringify({ url: URL }) });
      writeFileSync(join(dir, "string-url.config.ts"), `export default { entities: [], database: ${JSON.stringify(URL)} };\n`);
      writeFileSync(join(dir, "extra-key.config.ts"), `export default { entities: [], database: { url: ${JSON.stringify(URL)}, password: "${SECRET}" } };\n`);
      const codeCache = join(dir, "code-cache");
      const userCache = join(dir, "user-cache");
      const env = { MIGRATOR_CODE_CACHE: codeCache, XDG_CACHE_HOME: userCache };
      const runs: [args: string[], code: number][] = [
        [["heads"], 0],
        [["revision", "-m", "first"], 0],
        [["history", "--verbose"], 0],
        [["upgrade", "head", "--sql"], 0],
        [["heads"], 0],
        [["check"], 2],
        [["check", "--debug"], 2],
        [["upgrade", "head"], 1],
        [["upgrade", "head", "--debug"], 1],
        [["current"], 1],
        [["revision", "--autogenerate", "-m", "auto"], 1],
        [["upgrade", "head", URL], 2],
        [["--url", URL, "status"], 1],
        [["--url", URL, "stamp", "head", "--debug"], 1],
        [["--config", "string-url.config.ts", "heads"], 1],
        [["--config", "string-url.config.ts", "heads", "--debug"], 1],
        [["--config", "extra-key.config.ts", "heads"], 1],
        [[URL], 2],
      ];
      const leaks: string[] = [];
      for (const [args, code] of runs) {
        const result = await runCliProcess(args, dir, env);
        const shown = args.join(" ").split(SECRET).join("<secret>");
        expect({ args: shown, code: result.code }, result.stderr).toEqual({ args: shown, code });
        if (`${result.stdout}${result.stderr}`.includes(SECRET)) leaks.push(`output of ${shown}: ${result.stderr.split(SECRET).join("<SECRET>")}`);
      }

      const cacheFiles = [...filesUnder(join(dir, ".migrator")), ...filesUnder(codeCache), ...filesUnder(userCache)];
      // the scan looks at real caches: entities transpiled, revision headers, bytecode
      expect(filesUnder(join(dir, ".migrator", "cache", "ts")).length).toBeGreaterThan(0);
      expect(filesUnder(codeCache).length).toBeGreaterThan(0);
      expect(filesUnder(join(dir, ".migrator", "cache", "config")).length).toBeGreaterThan(0);
      for (const file of cacheFiles) if (holdsSecret(file)) leaks.push(`file ${file.slice(dir.length)}`);
      expect(leaks).toEqual([]);

      const modes = [
        ...cacheFiles.map((file) => [file.slice(dir.length), statSync(file).mode & 0o777, 0o600] as const),
        ...[...foldersUnder(join(dir, ".migrator")), ...foldersUnder(codeCache), ...foldersUnder(join(userCache, "migrator"))].map((folder) => [folder.slice(dir.length), statSync(folder).mode & 0o777, 0o700] as const),
      ];
      expect(modes.filter(([, mode, wanted]) => mode !== wanted).map(([path, mode]) => `${path} ${mode.toString(8)}`)).toEqual([]);
    });
  });
});
