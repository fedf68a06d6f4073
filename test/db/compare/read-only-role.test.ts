/**
 * `check` as a role that may only read: normalising builds the entities'
 * schema in a rolled-back transaction, which such a role may not do. Until
 * it can (issue 12.11), the failure says which privilege is missing instead
 * of blaming the entities' column types.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serverUrl, withDatabase } from "../../helpers/databases";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Gadget {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() name!: string;\n}\n`;

describe.skipIf(!serverUrl())("check as a read-only role", () => {
  it("names the missing privilege", async () => {
    await withDatabase({ name: "server", adminUrl: serverUrl() as string }, async (db) => {
      const role = `migrator_ro_${randomBytes(4).toString("hex")}`;
      await db.executor.exec(`CREATE TABLE gadget (id serial PRIMARY KEY, name varchar NOT NULL)`);
      await db.executor.exec(`CREATE ROLE ${role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      try {
        await withTempDir(async (dir) => {
          writeFileSync(join(dir, "gadget.ts"), ENTITY);
          const url = new URL(db.url as string);
          url.username = role;
          writeProject(dir, { entities: ["gadget.ts"], database: `{ url: ${JSON.stringify(url.toString())} }` });
          const result = await runCli(["check"], dir);
          expect(result.code).toBe(2); // check: any failure
          expect(withoutDatabaseLine(result.stderr)).toMatch(/^error: normalising the entity model needs to build it in a transaction that is rolled back, and the role may not: permission denied/);
          expect(result.stderr).toContain("hint: connect as a role with CREATE");
          expect(result.stderr).not.toContain("column types");
        });
      } finally {
        await db.executor.exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`).catch(() => undefined);
      }
    });
  });
});
