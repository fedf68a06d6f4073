/**
 * PostgreSQL's refusals (SQLSTATE 42501), as the executor notes them and
 * asPrivilegeError words them: the role, what it may not do, the object,
 * and the GRANT that would allow it; inside a transaction too, where the
 * session cannot be asked for its role until the rollback.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PrivilegeError, asPrivilegeError } from "../../src/dialect/postgres/connection/privilege";
import type { Executor } from "../../src/db/types";
import { backendsUnderTest, withDatabase } from "../helpers/databases";

async function refusal(executor: Executor, run: () => Promise<unknown>): Promise<{ message: string; hint: string | undefined }> {
  try {
    await run();
  } catch (error) {
    const converted = asPrivilegeError(error);
    expect(converted).toBeInstanceOf(PrivilegeError);
    const { message, hint } = converted as PrivilegeError;
    return { message, hint };
  }
  throw new Error("the statement was not refused");
}

describe.each(backendsUnderTest())("privilege errors on $name", (backend) => {
  it("name the role, the privilege and the object", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const role = `migrator_reader_${randomBytes(4).toString("hex")}`;
      await executor.exec(`CREATE SCHEMA books; CREATE TABLE books.ledger (id int); CREATE TABLE item (id int);
        CREATE ROLE ${role}; GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON item TO ${role}`);
      try {
        await executor.exec(`SET ROLE ${role}`);
        expect(await refusal(executor, () => executor.exec(`CREATE TABLE "public"."gadget" (id int)`))).toEqual({
          message: `permission denied: role "${role}" may not create tables in schema "public"`,
          hint: `GRANT CREATE ON SCHEMA "public" TO "${role}", or run migrator as the objects' owner`,
        });
        expect(await refusal(executor, () => executor.query(`SELECT * FROM "books"."ledger"`))).toEqual({
          message: `permission denied: role "${role}" may not use schema "books"`,
          hint: `GRANT USAGE ON SCHEMA "books" TO "${role}", or run migrator as the objects' owner`,
        });
        expect(await refusal(executor, () => executor.query(`DELETE FROM "public"."item" WHERE id = $1`, [1]))).toEqual({
          message: `permission denied: role "${role}" may not delete from "public"."item"`,
          hint: `GRANT DELETE ON TABLE "public"."item" TO "${role}", or run migrator as the objects' owner`,
        });
        expect(await refusal(executor, () => executor.exec(`ALTER TABLE "public"."item" RENAME TO "thing"`))).toEqual({
          message: `permission denied: role "${role}" may not alter table "public"."item" (only its owner may)`,
          hint: `run migrator as the objects' owner (or as a member of the owner's role)`,
        });
        // in a transaction the session answers nothing until the rollback: the role is asked afterwards
        expect(await refusal(executor, () => executor.transaction(() => executor.query(`INSERT INTO item VALUES (1)`)))).toEqual({
          message: `permission denied: role "${role}" may not insert into "item"`,
          hint: `GRANT INSERT ON TABLE "item" TO "${role}", or run migrator as the objects' owner`,
        });
      } finally {
        await executor.exec("RESET ROLE");
        await executor.exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    });
  });
});
