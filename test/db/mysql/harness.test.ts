import { describe, expect, it } from "vitest";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";

describe.skipIf(!mariadbUrl())("MariaDB test harness", () => {
  it("gives each test a database of its own and drops it afterwards", async () => {
    const name = await withMariaDb(async ({ connection, database }) => {
      const [rows] = await connection.query("SELECT DATABASE() AS current");
      expect((rows as { current: string }[])[0]?.current).toBe(database);
      return database;
    });
    await withMariaDb(async ({ connection }) => {
      const [rows] = await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name]);
      expect(rows).toEqual([]);
    });
  });
});
