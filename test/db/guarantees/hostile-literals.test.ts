/**
 * A server with standard_conforming_strings = off reads `'\'` as an open
 * string: a comment, default or enum label holding `\'; DROP TABLE ...` must
 * still be data, in autogenerate, in upgrade and in an offline script.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { backendsUnderTest } from "../../helpers/databases";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { writeProject } from "../../helpers/project";
import { cli, expectFixpoint, withProject, type ProjectDatabase } from "./support";

const PAYLOAD = "\\'; DROP TABLE victim; --";
const LABEL = "it's \\ here";
/** TypeORM pastes string defaults between quotes: a quote is written doubled, a backslash as is. */
const DEFAULT = "o'k \\ back \\";
const written = (value: string): string => JSON.stringify(value.replace(/'/g, "''"));

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity({ comment: ${JSON.stringify(PAYLOAD)} })
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ comment: ${JSON.stringify(PAYLOAD)}, default: ${written(DEFAULT)} }) body!: string;
  @Column({ type: "enum", enum: [${JSON.stringify(LABEL)}, "plain"], default: ${written(LABEL)} }) kind!: string;
}
`;

/** The project, with the victim outside what migrator manages (else autogenerate would drop it by design). */
function configure(dir: string, db: ProjectDatabase, entity = ENTITY): void {
  mkdirSync(join(dir, "entities"), { recursive: true });
  writeFileSync(join(dir, "entities", "note.ts"), entity);
  const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
  writeProject(dir, { entities: ["entities/note.ts"], database, extra: `  exclude: { tables: ["victim"] },\n` });
}

async function open(db: ProjectDatabase): Promise<Executor> {
  return db.url ? connectServer(db.url, "migrator-tests") : connectEmbedded(db.dataDir);
}

/**
 * The victim table, and the database set to read backslashes in plain strings
 * as escapes (PGlite starts its single backend without per-database settings:
 * there the offline script is what runs under `off`).
 */
async function prepare(db: ProjectDatabase): Promise<void> {
  const executor = await open(db);
  try {
    await executor.exec(`CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)`);
    await executor.exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET standard_conforming_strings = off', current_database()); END $$`);
  } finally {
    await executor.close();
  }
}

async function readBack(db: ProjectDatabase): Promise<Record<string, unknown>> {
  const executor = await open(db);
  try {
    const setting = await executor.query<{ standard_conforming_strings: string }>("SHOW standard_conforming_strings");
    const victim = await executor.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_class WHERE relname = 'victim'");
    const comments = await executor.query<{ t: string | null; c: string | null }>(
      `SELECT obj_description('public.note'::regclass, 'pg_class') AS t, col_description('public.note'::regclass, 2) AS c`,
    );
    const labels = await executor.query<{ l: string }>("SELECT enumlabel AS l FROM pg_enum ORDER BY enumsortorder");
    await executor.exec("INSERT INTO note DEFAULT VALUES");
    const row = await executor.query<{ body: string; kind: string }>("SELECT body, kind::text AS kind FROM note");
    return { setting: setting.rows[0]?.standard_conforming_strings, victim: victim.rows[0]?.n, comments: comments.rows[0], labels: labels.rows.map((r) => r.l), row: row.rows[0] };
  } finally {
    await executor.close();
  }
}

const EXPECTED = {
  victim: "1",
  comments: { t: PAYLOAD, c: PAYLOAD },
  labels: [LABEL, "plain"],
  row: { body: DEFAULT, kind: LABEL },
};

describe.each(backendsUnderTest())("hostile literals with standard_conforming_strings = off on $name", (backend) => {
  it("autogenerate and upgrade keep them data, and they round-trip exactly", async () => {
    await withProject(backend, async (dir, db) => {
      configure(dir, db);
      await prepare(db);
      await cli(dir, ["revision", "--autogenerate", "-m", "note", "--rev-id", "aaaa00000001"]);
      await cli(dir, ["upgrade", "head"]);
      expect(await readBack(db)).toEqual({ ...EXPECTED, setting: expect.any(String) });
      await expectFixpoint(dir);
    });
  });

  it("the offline script keeps them data when run under off", async () => {
    await withProject(backend, async (dir, db) => {
      configure(dir, db);
      await prepare(db);
      await cli(dir, ["revision", "--autogenerate", "-m", "note", "--rev-id", "aaaa00000001"]);
      const script = (await cli(dir, ["upgrade", "head", "--sql"])).stdout;
      const executor = await open(db);
      try {
        // its own statement: a query string is parsed whole before any of it runs
        await executor.exec("SET standard_conforming_strings = off");
        await executor.exec(script);
      } finally {
        await executor.close();
      }
      expect(await readBack(db)).toEqual({ ...EXPECTED, setting: expect.any(String) });
    });
  });
});

describe("a string default with a lone quote", () => {
  it("is one error naming the entity and property, not SQL", async () => {
    await withProject({ name: "pglite" }, async (dir, db) => {
      configure(dir, db, ENTITY.replace(/default: "o''k[^"]*"/, `default: ${JSON.stringify(PAYLOAD)}`));
      const result = await runCli(["check"], dir);
      expect(result.code).toBe(2); // check: any failure
      const [error, hint] = withoutDatabaseLine(result.stderr).split("\n");
      expect(error).toBe(`error: the default of Note.body contains a lone quote: ${JSON.stringify(PAYLOAD)}`);
      expect(hint).toMatch(/^hint: TypeORM pastes a string default/);
    });
  });
});
