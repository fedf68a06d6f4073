/**
 * Hostile literals with `standard_conforming_strings` off and on (issue 12):
 * table and column comments, a string default and enum labels holding
 * backslashes, quotes and `'; DROP TABLE victim; --` go through autogenerate,
 * upgrade, check, downgrade to base and upgrade again as CLI processes. The
 * victim table must survive and every value come back as written; each
 * value that does not, and a lost victim, counts as an injection.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connectServer } from "../../src/dialect/postgres/connection/server";
import { runCliProcess } from "../helpers/cli";
import { withDatabase } from "../helpers/databases";
import { writeProject } from "../helpers/project";
import { newRow, type Row } from "./table";
import { makeTempDir } from "./temp";

const PAYLOAD = "\\'; DROP TABLE victim; --";
const COMMENT = "back\\slash ' quote '' twice \\\\'; DROP TABLE victim; --";
const LABEL = "it's \\ here";
const LABEL2 = "'; DROP TABLE victim; --";
/** TypeORM pastes string defaults between quotes: a quote is written doubled, a backslash as is. */
const DEFAULT = "o'k \\ back \\";
const written = (value: string): string => JSON.stringify(value.replace(/'/g, "''"));

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity({ comment: ${JSON.stringify(PAYLOAD)} })
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ comment: ${JSON.stringify(COMMENT)}, default: ${written(DEFAULT)} }) body!: string;
  @Column({ type: "enum", enum: [${JSON.stringify(LABEL)}, ${JSON.stringify(LABEL2)}, "plain"], default: ${written(LABEL)} }) kind!: string;
}
`;

const EXPECTED: Readonly<Record<string, string>> = { victim: "1", table: PAYLOAD, column: COMMENT, labels: JSON.stringify([LABEL, LABEL2, "plain"]), body: DEFAULT, kind: LABEL };

async function readBack(url: string): Promise<Record<string, string>> {
  const executor = await connectServer(url, "migrator-tests");
  try {
    const one = async (sql: string): Promise<string> => String(Object.values((await executor.query<Record<string, unknown>>(sql)).rows[0] ?? {})[0] ?? "");
    const victim = await one("SELECT count(*)::text FROM victim");
    const table = await one("SELECT obj_description('public.note'::regclass, 'pg_class')");
    const column = await one("SELECT col_description('public.note'::regclass, 2)");
    const labels = JSON.stringify((await executor.query<{ l: string }>("SELECT enumlabel AS l FROM pg_enum ORDER BY enumsortorder")).rows.map((r) => r.l));
    await executor.exec("INSERT INTO note DEFAULT VALUES");
    const row = (await executor.query<{ body: string; kind: string }>("SELECT body, kind::text AS kind FROM note ORDER BY id DESC LIMIT 1")).rows[0];
    return { victim, table, column, labels, body: row?.body ?? "", kind: row?.kind ?? "" };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await executor.close();
  }
}

export async function hostileLiterals(adminUrl: string): Promise<Row> {
  const row = newRow("hostile literals, scs off/on");
  for (const setting of ["off", "on"] as const) {
    await withDatabase({ name: "server", adminUrl }, async ({ executor, url }) => {
      const dir = makeTempDir("migrator-hostile-");
      try {
        await executor.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
        await executor.exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET standard_conforming_strings = ${setting}', current_database()); END $$`);
        mkdirSync(join(dir, "entities"));
        writeFileSync(join(dir, "entities", "note.ts"), ENTITY);
        // the victim is outside what migrator manages, else autogenerate would drop it by design
        writeProject(dir, { entities: ["entities/note.ts"], database: `{ url: ${JSON.stringify(url)} }`, extra: `  exclude: { tables: ["victim"] },\n` });
        const steps: [string[], number, RegExp][] = [
          [["revision", "--autogenerate", "-m", "note", "--rev-id", "aaaa00000001"], 0, /^Generating /],
          [["upgrade", "head"], 0, /./s],
          [["check"], 0, /^up to date/],
          [["downgrade", "base"], 0, /./s],
          [["upgrade", "head"], 0, /./s],
          [["check"], 0, /^up to date/],
          [["revision", "--autogenerate", "-m", "again"], 0, /^No changes detected/],
        ];
        for (const [args, code, stdout] of steps) {
          const result = await runCliProcess(args, dir);
          row.trials += 1;
          if (result.code !== code || !stdout.test(result.stdout)) {
            row.inconsistent += 1;
            row.details.push(`scs ${setting}: ${args.join(" ")}: exit ${result.code}: ${(result.stderr || result.stdout).split("\n")[0]}`);
          }
        }
        const back = await readBack(url as string);
        for (const [key, value] of Object.entries(EXPECTED)) {
          if (back[key] !== value) {
            row.injections += 1;
            row.details.push(`scs ${setting}: ${key} came back as ${JSON.stringify(back[key])}, expected ${JSON.stringify(value)}${back.error ? ` (${back.error})` : ""}`);
          }
        }
        const session = await connectServer(url as string, "migrator-tests");
        const actual = (await session.query<{ s: string }>("SELECT current_setting('standard_conforming_strings') AS s")).rows[0]?.s;
        await session.close();
        if (actual !== setting) {
          row.inconsistent += 1;
          row.details.push(`scs ${setting}: the database's sessions run with ${String(actual)}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  return row;
}
