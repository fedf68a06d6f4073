/**
 * Setting a column NOT NULL loses nothing, but fails when a row holds NULL
 * and scans the table under an ACCESS EXCLUSIVE lock: `revision
 * --autogenerate` says so on stderr and marks the op in the file, both where
 * the upgrade sets it and where the downgrade sets back a NOT NULL that the
 * upgrade drops. It is a caution, never a "destructive" mark.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest } from "../../helpers/databases";
import { cli, configure, withProject, withProjectExecutor } from "../guarantees/support";

const ENTITIES = `import "reflect-metadata";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("note")
export class Note {
  @PrimaryColumn({ type: "int", primaryKeyConstraintName: "note_pkey" })
  id!: number;

  @Column({ type: "text" })
  body!: string;

  @Column({ type: "text", nullable: true })
  title?: string;
}
`;

const CAUTION = "fails if any row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock";

describe.each(backendsUnderTest())("NOT NULL cautions on $name", (backend) => {
  it("are marked in the revision and said on stderr, for the upgrade and the downgrade", async () => {
    await withProject(backend, async (dir, db) => {
      const file = join(dir, "entities.ts");
      writeFileSync(file, ENTITIES);
      configure(dir, [file], db);
      // The database as it was before the entities changed: body nullable, title NOT NULL.
      await withProjectExecutor(db, (executor) =>
        executor.exec(`CREATE TABLE public.note (id integer CONSTRAINT note_pkey PRIMARY KEY, body text, title text NOT NULL)`),
      );
      const result = await cli(dir, ["revision", "--autogenerate", "-m", "body required"]);
      // lint's findings on the revision follow (test/db/autogenerate/lint-autogenerate.test.ts); here, the cautions
      expect(result.stderr).toContain("lint: error M004 set-not-null-scan (op 1)");
      expect(withoutDatabaseLine(result.stderr).replace(/^(lint: |  fix: ).*\n/gm, "")).toBe(
        [
          `warning: caution: the upgrade sets "note"."body" NOT NULL: ${CAUTION}`,
          `warning: caution: the downgrade sets "note"."title" NOT NULL: ${CAUTION}`,
          "",
        ].join("\n"),
      );
      const path = /^Generating (.+) \.\.\. done$/m.exec(result.stdout)?.[1] ?? "";
      const source = readFileSync(path, "utf8");
      const body = (name: string): string => source.slice(source.indexOf(`export async function ${name}`)).split("\n}\n")[0]!;
      expect(body("upgrade")).toBe(
        [
          "export async function upgrade(op: Operations): Promise<void> {",
          '  // table "note"',
          `  // caution: sets "note"."body" NOT NULL: ${CAUTION}`,
          '  await op.alterColumn("note", "body", { nullable: false });',
          '  await op.alterColumn("note", "title", { nullable: true });',
        ].join("\n"),
      );
      expect(body("downgrade")).toBe(
        [
          "export async function downgrade(op: Operations): Promise<void> {",
          '  // table "note"',
          `  // caution: sets "note"."title" NOT NULL: ${CAUTION}`,
          '  await op.alterColumn("note", "title", { nullable: false, existingNullable: true });',
          '  await op.alterColumn("note", "body", { nullable: true, existingNullable: false });',
        ].join("\n"),
      );
    });
  });
});
