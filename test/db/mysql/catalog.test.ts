/**
 * The MySQL catalog on MariaDB: TypeORM's own synchronize builds the MySQL
 * fixture set, introspection reads it, and the entity model read and
 * normalised by migrator must be that same model (no phantom change).
 * Introspection costs the same number of statements for 10 tables as for 100.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
import { mysql } from "../../../src/dialect/mysql/dialect";
import { tableSizes } from "../../../src/dialect/mysql/introspect/table-sizes";
import { readEntityModel, type EntityDialect } from "../../../src/entities";
import { DEFAULT_SCHEMA } from "../../../src/model/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { mysqlTestExecutor } from "../../helpers/mysql-executor";
import { keysByName } from "./keys-by-name";
import { entities } from "../../fixtures/entities/mysql";

const typeorm = require("typeorm") as typeof import("typeorm");

/** The entity reader reads through the MySQL dialect itself. */
const entityDialect: EntityDialect = mysql;

async function synchronize(url: string): Promise<string> {
  const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities, synchronize: true });
  await dataSource.initialize();
  const version = (dataSource.driver as unknown as { version: string }).version;
  await dataSource.destroy();
  return version;
}

describe.skipIf(!mariadbUrl())("MySQL catalog on MariaDB", () => {
  it("reads synchronize's schema as the entity model normalised by the server: no phantom change", async () => {
    await withMariaDb(async ({ connection, url }) => {
      const version = await synchronize(url);
      const executor = mysqlTestExecutor(connection);
      const live = await mysqlCatalog.introspect(executor, { schemas: [DEFAULT_SCHEMA] });
      // the driver compare reads the entities through: the one synchronize connected
      const typeormDriver = await mysqlCatalog.entityDriver!(executor);
      expect(typeormDriver).toEqual({ type: "mariadb", version });
      const read = await readEntityModel(entities, { typeorm, dialect: entityDialect, typeormDriver });
      const normalised = await mysqlCatalog.normalise(read.model, executor);

      expect(live.tables.map((t) => t.name)).toEqual(["audit_note", "customer", "orders", "product", "product_tags", "tag"]);
      expect(keysByName(normalised)).toEqual(live);
      expect(live.views.map((v) => v.name)).toEqual(["live_product"]);
      expect(live.views[0]!.definition).not.toContain(new URL(url).pathname.slice(1));
      // TypeORM's rows about the view and the generated columns, in the model's terms
      const rows = await mysqlCatalog.readTypeormMetadata(executor, { schema: DEFAULT_SCHEMA, name: "typeorm_metadata" });
      expect(rows?.map((row) => [row.type, row.schema, row.table, row.name, row.here]).sort()).toEqual([
        ["GENERATED_COLUMN", DEFAULT_SCHEMA, "product", "grossPrice", true],
        ["GENERATED_COLUMN", DEFAULT_SCHEMA, "product", "variantNumber", true],
        ["VIEW", DEFAULT_SCHEMA, null, "live_product", true],
      ]);
      expect(await mysqlCatalog.readTypeormMetadata(executor, { schema: DEFAULT_SCHEMA, name: "no_such_table" })).toBeNull();
      // the read itself, in the model's terms (equal sides could both be wrong)
      const table = (name: string) => live.tables.find((t) => t.name === name)!;
      const column = (tableName: string, name: string) => table(tableName).columns.find((c) => c.name === name)!;
      expect(column("customer", "preferences")).toMatchObject({ type: "json", collation: null, default: null });
      expect(table("customer").checks).toEqual([]);
      expect(column("customer", "name")).toMatchObject({ charset: "latin1", collation: "latin1_swedish_ci", comment: "shown as it's written" });
      expect(column("customer", "updatedAt")).toMatchObject({ type: "datetime(6)", default: "current_timestamp(6)", onUpdate: "current_timestamp(6)" });
      expect(column("customer", "channels")).toMatchObject({ type: "set('mail','sms','push')", default: "'mail,sms'" });
      expect(column("product", "variantNumber")).toMatchObject({ generated: "`variant` + 1", generatedStorage: "virtual" });
      expect(column("product", "grossPrice").generatedStorage).toBeUndefined();
      expect(column("product", "status")).toMatchObject({ type: "enum('draft','live','it''s gone')", default: "'draft'" });
      expect(column("product", "id")).toMatchObject({ type: "int(10) unsigned", identity: "BY DEFAULT", serial: false, default: null });
      expect(column("audit_note", "weight").comment).toBe("a back\\slash and a 'quote'");
      expect(table("audit_note").options).toEqual({ engine: "MyISAM", charset: "utf8mb4", collation: expect.any(String) });
      expect(table("product").indexes.map((i) => [i.name, i.unique, i.method])).toEqual([
        ["IDX_product_fulltext", false, "fulltext"],
        ["UQ_product_code_variant", true, "btree"],
      ]);
      // the index MySQL made for a foreign key is the key's, not listed
      const orders = table("orders");
      expect(orders.foreignKeys.map((fk) => [fk.columns, fk.onDelete, fk.onUpdate])).toEqual([
        [["productId"], "SET NULL", "CASCADE"],
        [["customerId"], "CASCADE", "NO ACTION"],
      ]);
      expect(orders.indexes.some((i) => orders.foreignKeys.some((fk) => fk.name === i.name))).toBe(false);
      // normalise left nothing behind and put the session back (other files' scratch databases may come and go meanwhile)
      const scratch = executor.log().flatMap((sql) => [...sql.matchAll(/CREATE DATABASE `(migrator_scratch_[^`]+)`/g)].map((m) => m[1]!));
      expect(scratch).toHaveLength(1);
      // plain tables were not built one by one: their column forms were (the tables views read, built whole)
      const built = executor.log().flatMap((sql) => [...sql.matchAll(/CREATE TABLE `[^`]+`\.`([^`]+)`/g)].map((m) => m[1]!));
      expect(built.filter((name) => !name.startsWith("migrator forms ")).sort()).toEqual(["orders", "product"]);
      const [dbs] = await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)", [scratch]);
      expect(dbs).toEqual([]);
      const [[session]] = (await connection.query("SELECT DATABASE() AS db, @@foreign_key_checks AS fkc")) as unknown as [[{ db: string; fkc: number }]];
      expect(session).toEqual({ db: new URL(url).pathname.slice(1), fkc: 1 });
    });
  });

  it("introspects 100 tables in as many statements as 10", async () => {
    const statementsFor = (count: number) =>
      withMariaDb(async ({ connection }) => {
        const tables = Array.from({ length: count }, (_, i) =>
          `CREATE TABLE t${i} (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20) DEFAULT 'x', parent int NULL, ` +
          `KEY name_idx (name), CONSTRAINT t${i}_chk CHECK (parent <> 0)` +
          (i === 0 ? "" : `, CONSTRAINT t${i}_fk FOREIGN KEY (parent) REFERENCES t${i - 1} (id)`) +
          `)`,
        );
        await connection.query(tables.join(";"));
        await connection.query("CREATE VIEW v AS SELECT id FROM t0");
        const executor = mysqlTestExecutor(connection);
        const model = await mysqlCatalog.introspect(executor, { schemas: [DEFAULT_SCHEMA] });
        expect(model.tables).toHaveLength(count);
        expect(model.tables.find((t) => t.name === "t1")).toMatchObject({
          foreignKeys: [{ name: "t1_fk", columns: ["parent"], referencedTable: { schema: DEFAULT_SCHEMA, name: "t0" } }],
          checks: [{ name: "t1_chk", expression: "`parent` <> 0" }],
        });
        expect(model.views).toEqual([{ schema: DEFAULT_SCHEMA, name: "v", materialized: false, definition: "select `t0`.`id` AS `id` from `t0`", indexes: [] }]);
        return executor.sent();
      });
    const ten = await statementsFor(10);
    expect(await statementsFor(100)).toBe(ten);
    expect(ten).toBeLessThanOrEqual(8);
  });

  it("a user who may not create the scratch databases is told which grant normalising needs, and the session is as it was", async () => {
    await withMariaDb(async ({ connection, url, database }) => {
      const user = `mig_ro_${database.slice(-8)}`;
      await connection.query(`CREATE USER '${user}'@'%'; GRANT SELECT ON \`${database}\`.* TO '${user}'@'%'`);
      const mysql = await import("mysql2/promise");
      const limited = new URL(url);
      limited.username = user;
      const reader = await mysql.createConnection({ uri: limited.toString(), multipleStatements: true });
      try {
        await reader.query("SET SESSION foreign_key_checks = 1");
        const executor = mysqlTestExecutor(reader);
        const raw = { schemas: [], extensions: [], enums: [], views: [], tables: [
          { schema: DEFAULT_SCHEMA, name: "t", columns: [], primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null },
        ] };
        await expect(mysqlCatalog.normalise(raw, executor)).rejects.toMatchObject({
          message: expect.stringContaining("may not create them"),
          hint: expect.stringContaining("GRANT ALL ON `migrator\\_scratch\\_%`.*"),
        });
        const [[session]] = (await reader.query("SELECT DATABASE() AS db, @@foreign_key_checks AS fkc")) as unknown as [[{ db: string; fkc: number }]];
        expect(session).toEqual({ db: database, fkc: 1 });
      } finally {
        await reader.end();
        await connection.query(`DROP USER '${user}'@'%'`);
      }
    });
  });

  it("a schema is a database: entities in another database, a foreign key across, read and normalised alike", async () => {
    await withMariaDb(async ({ connection, url, database }) => {
      const other = `${database}_b`;
      await connection.query(`CREATE DATABASE \`${other}\` CHARACTER SET latin1`);
      try {
        const Owner = new typeorm.EntitySchema({
          name: "Owner", tableName: "owner", database: other,
          columns: { id: { type: "int", primary: true, generated: "increment" }, name: { type: "varchar", length: 30, default: "x" } },
        });
        const Pet = new typeorm.EntitySchema<{ id: number; label: string; owner: unknown }>({
          name: "Pet", tableName: "pet",
          columns: { id: { type: "int", primary: true, generated: "increment" }, label: { type: "varchar", length: 30 } },
          relations: { owner: { type: "many-to-one", target: "Owner", onDelete: "CASCADE" } },
        });
        const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities: [Owner, Pet], synchronize: true });
        await dataSource.initialize();
        await dataSource.destroy();
        const executor = mysqlTestExecutor(connection);
        const live = await mysqlCatalog.introspect(executor, { schemas: [DEFAULT_SCHEMA, other] });
        const read = await readEntityModel([Owner, Pet], { typeorm, dialect: entityDialect, typeormDriver: await mysqlCatalog.entityDriver!(executor) });
        expect(read.model.schemas).toEqual([other]);
        expect(live.schemas).toEqual([other]);
        expect(live.tables.map((t) => [t.schema, t.name, t.options?.charset])).toEqual([
          [other, "owner", "latin1"],
          [DEFAULT_SCHEMA, "pet", "utf8mb4"],
        ]);
        expect(live.tables[1]!.foreignKeys[0]!.referencedTable).toEqual({ schema: other, name: "owner" });
        expect(keysByName(await mysqlCatalog.normalise(read.model, executor))).toEqual(live);
        // sizes for lint and the dry run, in one statement: the default schema is this database
        await connection.query(`INSERT INTO \`${other}\`.owner (name) VALUES ('a'), ('b')`);
        await connection.query(`ANALYZE TABLE \`${other}\`.owner`);
        const before = executor.sent();
        const sizes = await tableSizes(executor, [{ schema: DEFAULT_SCHEMA, name: "pet" }, { schema: other, name: "owner" }, { schema: DEFAULT_SCHEMA, name: "owner" }]);
        expect(executor.sent() - before).toBe(1);
        expect(sizes.map((s) => [s.table.name, s.size === null ? null : s.size.bytes > 0, s.size?.rows ?? null])).toEqual([
          ["pet", true, 0],
          ["owner", true, 2],
          ["owner", null, null],
        ]);
      } finally {
        // the test's database refers to it: dropped without the check
        await connection.query(`SET foreign_key_checks = 0; DROP DATABASE IF EXISTS \`${other}\`; SET foreign_key_checks = 1`);
      }
    });
  });
});
