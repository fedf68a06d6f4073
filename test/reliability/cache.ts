/**
 * Cache corruption for every cache (issue 12): the transpile cache
 * (.migrator/cache/ts), the revision header cache
 * (.migrator/cache/revision-headers.json), the config's sealed cache
 * (.migrator/cache/config and the user's sealing key) and the code cache
 * ($MIGRATOR_CODE_CACHE) are truncated, emptied, bit-flipped and replaced by
 * garbage (seeded, so a failure can be replayed). Each command must then
 * print exactly what it prints with no cache at all, no table may go and no
 * revision file appear: autogenerate must still say "No changes detected".
 * Any difference counts as a silent drop.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Executor } from "../../src/db/types";
import { runCliProcess, type CliResult } from "../helpers/cli";
import { type Damage, damage } from "../helpers/corrupt";
import { withDatabase } from "../helpers/databases";
import { writeProject } from "../helpers/project";
import { newRow, type Row } from "./table";
import { makeTempDir } from "./temp";

const ENTITY = (name: string, column: string): string =>
  `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\n@Index(["${column}"])\nexport class ${name} {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "text", default: "x" }) ${column}!: string;\n  @Column({ type: "int", nullable: true }) n!: number | null;\n}\n`;

const COMMANDS: readonly (readonly string[])[] = [["revision", "--autogenerate", "-m", "nothing"], ["history", "--verbose"], ["check"]];

/** The damages tried on each cache, with their seeds. */
const TRIALS: readonly [Damage, number][] = [
  ["empty", 0],
  ["truncate", 1],
  ["truncate", 2],
  ["flip-bit", 3],
  ["flip-bit", 4],
  ["flip-8-bits", 5],
  ["edit-11-bytes", 6],
  ["garbage", 7],
];

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const tables = async (executor: Executor): Promise<string> =>
  (await executor.query<{ t: string }>("SELECT string_agg(tablename, ',' ORDER BY tablename) AS t FROM pg_tables WHERE schemaname = 'public'")).rows[0]?.t ?? "";

const shown = (result: CliResult): string => `exit ${result.code}\n${result.stdout}${result.stderr}`;

export async function cacheCorruption(adminUrl: string): Promise<Row> {
  const row = newRow("cache corruption");
  await withDatabase({ name: "server", adminUrl }, async ({ executor, url }) => {
    const dir = makeTempDir("migrator-cache-");
    const codeCache = join(dir, "code-cache");
    const userCache = join(dir, "user-cache");
    const env = { MIGRATOR_CODE_CACHE: codeCache, XDG_CACHE_HOME: userCache };
    const run = (args: readonly string[]): Promise<CliResult> => runCliProcess(args, dir, env);
    const caches: Record<string, () => string[]> = {
      "transpile cache": () => filesUnder(join(dir, ".migrator", "cache", "ts")),
      "revision header cache": () => [join(dir, ".migrator", "cache", "revision-headers.json")].filter((f) => existsSync(f)),
      "config's sealed cache": () => filesUnder(join(dir, ".migrator", "cache", "config")),
      "config's sealing key": () => filesUnder(join(userCache, "migrator")),
      "code cache": () => filesUnder(codeCache),
    };
    const cacheRoots = [join(dir, ".migrator", "cache"), codeCache, userCache];
    try {
      mkdirSync(join(dir, "entities"));
      writeFileSync(join(dir, "entities", "item.ts"), ENTITY("Item", "name"));
      writeFileSync(join(dir, "entities", "note.ts"), ENTITY("Note", "body"));
      writeProject(dir, { entities: ["entities/*.ts"], database: `{ url: ${JSON.stringify(url)} }` });
      for (const args of [["revision", "--autogenerate", "-m", "initial", "--rev-id", "aaaa00000001"], ["upgrade", "head"], ["revision", "-m", "second", "--rev-id", "bbbb00000002"], ["upgrade", "head"]]) {
        const result = await run(args);
        if (result.code !== 0) throw new Error(`setup: ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
      }
      const tablesBefore = await tables(executor);
      const revisionFiles = readdirSync(join(dir, "migrations")).sort().join(",");
      // what each command prints with no cache at all (each run writes the caches again)
      const baseline: string[] = [];
      for (const args of COMMANDS) {
        for (const root of cacheRoots) rmSync(root, { recursive: true, force: true });
        baseline.push(shown(await run(args)));
      }
      if (!baseline[0]?.includes("No changes detected")) throw new Error(`setup: autogenerate without cache: ${baseline[0]}`);
      // warm every cache with every command, then keep their bytes
      for (const args of COMMANDS) await run(args);
      const pristine = new Map(cacheRoots.flatMap(filesUnder).map((file) => [file, readFileSync(file)]));
      for (const [cache, files] of Object.entries(caches)) {
        if (files().length === 0) {
          row.silentDrops += 1;
          row.details.push(`${cache}: no file to damage (the cache was not written)`);
          continue;
        }
        for (const [kind, seed] of TRIALS) {
          for (const root of cacheRoots) rmSync(root, { recursive: true, force: true });
          for (const [file, bytes] of pristine) {
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, bytes);
          }
          for (const [i, file] of files().entries()) writeFileSync(file, damage(readFileSync(file), kind, seed * 1000 + i));
          row.trials += 1;
          for (const [i, args] of COMMANDS.entries()) {
            const output = shown(await run(args));
            if (output !== baseline[i]) {
              row.silentDrops += 1;
              row.details.push(`${cache}, ${kind} (seed ${seed}): \`${args.join(" ")}\` printed ${JSON.stringify(output.slice(0, 300))}, without cache ${JSON.stringify(baseline[i]?.slice(0, 300))}`);
            }
          }
          const now = readdirSync(join(dir, "migrations")).sort().join(",");
          const tablesNow = await tables(executor);
          if (now !== revisionFiles || tablesNow !== tablesBefore) {
            row.silentDrops += 1;
            row.details.push(`${cache}, ${kind} (seed ${seed}): revision files ${now}, tables ${tablesNow}`);
            for (const file of readdirSync(join(dir, "migrations"))) if (!revisionFiles.split(",").includes(file)) rmSync(join(dir, "migrations", file));
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return row;
}
