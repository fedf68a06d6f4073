/**
 * The MySQL executor sends the catalog read, and normalise its scratch
 * build, as one text of several statements (one round trip); an executor
 * without that sends them one by one. Both ways must give the same rows and
 * the same models, on schemas with every part the readers know (views,
 * generated columns, checks, json, fulltext, charsets, another database
 * whose name holds a quote and a backslash), and on random entity sets; a
 * failure in the one text must end as the step-by-step path ends.
 */
import "reflect-metadata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Executor, Row } from "../../../src/db/types";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
import { connectServer } from "../../../src/dialect/mysql/connection/server";
import type { ResultSets } from "../../../src/dialect/mysql/connection/executor";
import { mysql } from "../../../src/dialect/mysql/dialect";
import { readCatalogRows } from "../../../src/dialect/mysql/introspect/queries";
import { readEntityModel, type EntityDialect } from "../../../src/entities";
import { DEFAULT_SCHEMA, type SchemaModel } from "../../../src/model/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { entities } from "../../fixtures/entities/mysql";
import { mysqlEntitySets } from "../../fixtures/random/mysql-entity-sets";

const typeorm = require("typeorm") as typeof import("typeorm");
const entityDialect: EntityDialect = mysql;

interface Counted extends Executor {
  /** Round trips so far. */
  readonly calls: () => number;
  /** The scratch databases created so far. */
  readonly scratch: () => string[];
}

/** The executor's calls counted; with `oneByOne`, without its resultSets (so the catalog sends statements one at a time). */
function counted(executor: Executor & ResultSets, oneByOne = false): Counted {
  const sent: string[] = [];
  const base: Executor = {
    ...executor,
    query: (sql, params) => (sent.push(sql), executor.query(sql, params)),
    exec: (sql) => (sent.push(sql), executor.exec(sql)),
  };
  const resultSets = (statements: readonly string[]): Promise<Row[][]> => (sent.push(statements.join(";\n")), executor.resultSets(statements));
  const calls = (): number => sent.length;
  const scratch = (): string[] => sent.flatMap((sql) => [...sql.matchAll(/CREATE DATABASE `(migrator_scratch_[^`]+)`/g)].map((m) => m[1]!));
  if (oneByOne) {
    const { resultSets: _left, ...rest } = base as Executor & Partial<ResultSets>;
    return { ...rest, calls, scratch };
  }
  return { ...base, resultSets, calls, scratch } as Counted;
}

/** Which of the databases exist (other test files' scratch databases come and go meanwhile: only ours are asked for). */
async function existing(executor: Executor, databases: readonly string[]): Promise<string[]> {
  if (databases.length === 0) return [];
  const { rows } = await executor.query<{ db: string }>(`SELECT SCHEMA_NAME AS db FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (${databases.map(() => "?").join(", ")})`, databases);
  return rows.map((row) => row.db);
}

async function withExecutor<T>(url: string, fn: (executor: Executor & ResultSets) => Promise<T>): Promise<T> {
  const executor = (await connectServer(url)) as Executor & ResultSets;
  try {
    return await fn(executor);
  } finally {
    await executor.close();
  }
}

/** Rows as the readers see them (rows.ts reads every value as text or a number): the two protocols type some numbers differently. */
function asText(rows: readonly Row[]): Record<string, string | null>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : Buffer.isBuffer(value) ? value.toString("utf8") : String(value)])));
}

async function normaliseBothWays(executor: Executor & ResultSets, raw: SchemaModel): Promise<{ oneText: SchemaModel; oneByOne: SchemaModel; calls: number; left: string[] }> {
  const fast = counted(executor);
  const oneText = await mysqlCatalog.normalise(raw, fast);
  const slow = counted(executor, true);
  const oneByOne = await mysqlCatalog.normalise(raw, slow);
  return { oneText, oneByOne, calls: fast.calls(), left: await existing(executor, [...fast.scratch(), ...slow.scratch()]) };
}

describe.skipIf(!mariadbUrl())("MySQL catalog: one text or one statement at a time", () => {
  it("reads the same rows and the same model both ways, databases with odd names included", async () => {
    await withMariaDb(async ({ connection, url, database }) => {
      const other = `${database}_o'dd\\b`;
      const quoted = `\`${other.replace(/`/g, "``")}\``;
      await connection.query(`CREATE DATABASE ${quoted} CHARACTER SET latin1`);
      try {
        const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities, synchronize: true });
        await dataSource.initialize();
        await dataSource.destroy();
        await connection.query(
          `CREATE TABLE \`${database}\`.\`keeper\` (id int PRIMARY KEY); ` +
            `CREATE TABLE ${quoted}.\`pet\` (id int PRIMARY KEY, keeper int NULL, note varchar(20) DEFAULT 'it''s', ` +
            `CONSTRAINT pet_chk CHECK (id > 0), CONSTRAINT pet_fk FOREIGN KEY (keeper) REFERENCES \`${database}\`.keeper (id) ON DELETE SET NULL); ` +
            `CREATE VIEW ${quoted}.\`pets\` AS SELECT id FROM ${quoted}.\`pet\``,
        );
        await withExecutor(url, async (executor) => {
          const databases = [database, other];
          const fast = counted(executor);
          const oneText = await readCatalogRows(fast, databases, true);
          expect(fast.calls()).toBe(1);
          const oneByOne = await readCatalogRows(counted(executor, true), databases, true);
          for (const part of Object.keys(oneText) as (keyof typeof oneText)[]) expect(asText(oneText[part]), part).toEqual(asText(oneByOne[part]));
          expect(oneText.tables.length).toBeGreaterThan(5);
          expect(oneText.foreignKeys.some((row) => row["db"] === other)).toBe(true);
          expect(oneText.checks.some((row) => row["db"] === other)).toBe(true);
          expect(oneText.views.map((row) => row["name"]).sort()).toEqual(["live_product", "pets"]);
          const options = { schemas: [DEFAULT_SCHEMA, other] };
          const model = await mysqlCatalog.introspect(counted(executor), options);
          expect(model).toEqual(await mysqlCatalog.introspect(counted(executor, true), options));
          expect(model.tables.find((t) => t.name === "pet")).toMatchObject({ schema: other, checks: [{ name: "pet_chk" }] });
        });
      } finally {
        await connection.query(`SET foreign_key_checks = 0; DROP DATABASE IF EXISTS ${quoted}; SET foreign_key_checks = 1`);
      }
    });
  });

  it("normalises the fixture set (its view left out) and an entity in another database the same both ways, in three round trips", async () => {
    await withMariaDb(async ({ connection, url, database }) => {
      const other = `${database}_b`;
      await connection.query(`CREATE DATABASE \`${other}\` CHARACTER SET latin1`);
      try {
        const isView = (entity: Function): boolean => typeorm.getMetadataArgsStorage().tables.some((t) => t.target === entity && t.type === "view");
        const Owner = new typeorm.EntitySchema({
          name: "Owner", tableName: "owner", database: other,
          columns: { id: { type: "int", primary: true, generated: "increment" }, name: { type: "varchar", length: 30, default: "x" }, code: { type: "varchar", length: 10, collation: "utf8mb4_bin" } },
        });
        const Pet = new typeorm.EntitySchema<{ id: number; label: string; owner: unknown }>({
          name: "Pet", tableName: "pet",
          columns: { id: { type: "int", primary: true, generated: "increment" }, label: { type: "varchar", length: 30 } },
          relations: { owner: { type: "many-to-one", target: "Owner", onDelete: "CASCADE" } },
        });
        await withExecutor(url, async (executor) => {
          const typeormDriver = await mysqlCatalog.entityDriver!(executor);
          for (const set of [entities.filter((entity) => !isView(entity)), [Owner, Pet]]) {
            const read = await readEntityModel(set, { typeorm, dialect: entityDialect, typeormDriver });
            expect(read.model.views).toEqual([]);
            const { oneText, oneByOne, calls, left } = await normaliseBothWays(executor, read.model);
            expect(oneText).toEqual(oneByOne);
            // the session's facts and defaults, the build and read, the clean-up
            expect(calls).toBe(3);
            expect(left).toEqual([]);
          }
        });
      } finally {
        await connection.query(`DROP DATABASE IF EXISTS \`${other}\``);
      }
    });
  });

  it("normalises random entity sets the same both ways", async () => {
    await withMariaDb(async ({ url }) => {
      await withExecutor(url, async (executor) => {
        const typeormDriver = await mysqlCatalog.entityDriver!(executor);
        await fc.assert(
          fc.asyncProperty(mysqlEntitySets, async (schemas) => {
            const read = await readEntityModel(schemas.map((options) => new typeorm.EntitySchema(options)), { typeorm, dialect: entityDialect, typeormDriver });
            const { oneText, oneByOne, calls, left } = await normaliseBothWays(executor, read.model);
            expect(oneText).toEqual(oneByOne);
            expect(calls).toBe(3);
            expect(left).toEqual([]);
          }),
          { numRuns: 15, endOnFailure: true },
        );
      });
    });
  }, 120_000);

  it("a table the server refuses is named, as step by step, and nothing is left behind", async () => {
    await withMariaDb(async ({ url, database }) => {
      await withExecutor(url, async (executor) => {
        await executor.exec("SET SESSION foreign_key_checks = 1");
        const column = { name: "a", type: "varchar", nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null } as const;
        const table = (name: string, type: string) => ({
          schema: DEFAULT_SCHEMA, name, columns: [{ ...column, type }], primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null,
          options: { engine: "InnoDB", charset: null, collation: null },
        });
        // varchar without a length: the server refuses it
        const raw = { schemas: [], extensions: [], enums: [], views: [], tables: [table("fine", "int"), table("bad", "varchar")] };
        const fast = counted(executor);
        await expect(mysqlCatalog.normalise(raw, fast)).rejects.toThrow(/^the server refused table bad as the entities declare it/);
        // the one text was tried, then the step-by-step path: two builds, both dropped
        expect(fast.scratch()).toHaveLength(2);
        expect(await existing(executor, fast.scratch())).toEqual([]);
        const { rows } = await executor.query<{ db: string; fkc: unknown }>("SELECT DATABASE() AS db, @@foreign_key_checks AS fkc");
        expect({ ...rows[0], fkc: Number(rows[0]!.fkc) }).toEqual({ db: database, fkc: 1 });
      });
    });
  });
});
