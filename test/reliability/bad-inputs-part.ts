/**
 * The whole bad-input corpus as CLI processes (through the code cache, as
 * bin/migrator.js runs), the `server` cases against a reference database
 * whose full pg_dump (schema and data) must not change.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { runCliProcess } from "../helpers/cli";
import { withDatabase } from "../helpers/databases";
import { BAD_INPUTS, BASE_PROJECT, SECRET } from "./bad-inputs";
import { filesHoldingSecret, runBadInput } from "./bad-inputs-run";
import { newRow, type Row } from "./table";
import { makeTempDir } from "./temp";

const PG_DUMP = ["/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"].find((p) => existsSync(p)) ?? "pg_dump";

async function dump(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(PG_DUMP, ["--no-owner", "--no-privileges", url], { maxBuffer: 64 * 1024 * 1024 });
  // pg_dump >= 15.14 fences its output with a random \restrict key per run
  return stdout.replace(/^\\(un)?restrict \S+$/gm, "\\$1restrict KEY");
}

/** The URL with the corpus's password in it (the server trusts, so it still connects). */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = SECRET;
  return parsed.toString();
}

export async function badInputs(adminUrl: string): Promise<Row> {
  const row = newRow("bad-input corpus");
  await withDatabase({ name: "server", adminUrl }, async ({ url }) => {
    const reference = withPassword(url as string);
    const work = makeTempDir("migrator-corpus-");
    const codeCache = join(work, "code-cache");
    try {
      // the reference database: the base project's revisions applied
      const setup = join(work, "setup");
      for (const [path, content] of Object.entries(BASE_PROJECT)) {
        mkdirSync(dirname(join(setup, path)), { recursive: true });
        writeFileSync(join(setup, path), content.replaceAll("{{db}}", reference));
      }
      const applied = await runCliProcess(["upgrade", "head"], setup, { MIGRATOR_CODE_CACHE: codeCache });
      if (applied.code !== 0) throw new Error(`reference database: upgrade head exited ${applied.code}: ${applied.stderr}`);
      const before = await dump(url as string);
      for (const input of BAD_INPUTS) {
        const verdict = await runBadInput(input, (args, cwd, env) => runCliProcess(args, cwd, { MIGRATOR_CODE_CACHE: codeCache, ...env }), reference, null);
        row.trials += 1;
        row.unclear += verdict.unclear ? 1 : 0;
        row.injections += verdict.injection ? 1 : 0;
        row.stackTraces += verdict.stackTrace ? 1 : 0;
        row.secrets += verdict.secretsFound;
        if (verdict.detail) row.details.push(`${input.name}: ${verdict.detail}`);
        if (input.server && (await dump(url as string)) !== before) {
          row.inconsistent += 1;
          row.details.push(`${input.name}: the reference database changed`);
        }
      }
      if ((await dump(url as string)) !== before) {
        row.inconsistent += 1;
        row.details.push("the reference database changed");
      }
      const leaks = filesHoldingSecret(codeCache);
      row.secrets += leaks.length;
      for (const file of leaks) row.details.push(`password in the code cache: ${file}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  return row;
}
