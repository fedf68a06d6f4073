/**
 * Index keys as MariaDB reports them: a SPATIAL index's key carries a
 * SUB_PART (32 on MariaDB) that is the engine's, not a prefix anyone wrote
 * (`SPATIAL INDEX (at(32))` is an error), so it reads as the plain column,
 * as the entity declares it; a real prefix on a text key stays an expression.
 * And dropping an index: a table without a primary key clusters on its first
 * UNIQUE NOT NULL index, which InnoDB cannot drop in place (a primary key
 * changed in one revision drops the old key, then such an index).
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
import { mysqlSql } from "../../../src/dialect/mysql/sql-part";
import { DEFAULT_SCHEMA } from "../../../src/model/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { mysqlTestExecutor } from "../../helpers/mysql-executor";

describe.skipIf(!mariadbUrl())("index keys on MariaDB", () => {
  it("a spatial index's key is its column; a prefix index's is the prefix", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE place (id int PRIMARY KEY, at point NOT NULL, name varchar(100) NOT NULL, SPATIAL INDEX SP_at (at), INDEX IDX_name (name(10)))");
      const live = await mysqlCatalog.introspect(mysqlTestExecutor(connection), { schemas: [DEFAULT_SCHEMA] });
      expect(live.tables[0]!.indexes.map((index) => [index.name, index.method, index.keys])).toEqual([
        ["IDX_name", "btree", [{ expression: "`name`(10)" }]],
        ["SP_at", "spatial", [{ column: "at" }]],
      ]);
    });
  });

  it("drops a unique index that stands in for a dropped primary key, and still drops others in place", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (id varchar(40) NOT NULL PRIMARY KEY, a int NOT NULL, b int, UNIQUE KEY u_a (a), KEY k_b (b))");
      const table = { schema: DEFAULT_SCHEMA, name: "t" };
      const run = async (statements: ReturnType<typeof mysqlSql.toSql>): Promise<string[]> => {
        const sent: string[] = [];
        for (const s of statements) {
          await connection.query(s.sql, s.params);
          if (s.sql.startsWith("SET @migrator_ddl")) sent.push(String(((await connection.query("SELECT @migrator_ddl AS ddl"))[0] as { ddl: string }[])[0]!.ddl));
        }
        return sent;
      };
      expect(await run(mysqlSql.toSql({ kind: "dropIndex", table, name: "k_b" }))).toEqual(["ALTER TABLE `t` DROP INDEX `k_b`, ALGORITHM=INPLACE, LOCK=NONE"]);
      await run(mysqlSql.toSql({ kind: "dropConstraint", table, name: "PRIMARY" }));
      await run(mysqlSql.toSql({ kind: "dropIndex", table, name: "u_a" }));
      const [left] = await connection.query("SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'");
      expect(left).toEqual([]);
    });
  });
});
