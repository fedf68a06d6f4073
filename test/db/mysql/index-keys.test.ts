/**
 * Index keys as MariaDB reports them: a SPATIAL index's key carries a
 * SUB_PART (32 on MariaDB) that is the engine's, not a prefix anyone wrote
 * (`SPATIAL INDEX (at(32))` is an error), so it reads as the plain column,
 * as the entity declares it; a real prefix on a text key stays an expression.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
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
});
