/**
 * normalise's column forms built while the entities load, from the last
 * run's (src/dialect/mysql/normalise/early-forms.ts): a run that finds them
 * built as it needs them gives the model a run without them gives, and
 * waits for one round trip only; forms that changed are built again and
 * remembered; nothing is left on the server.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Executor, Row } from "../../../src/db/types";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
import { rememberProjectRoot } from "../../../src/dialect/mysql/connection/connect";
import type { ResultSets } from "../../../src/dialect/mysql/connection/executor";
import { connectServer } from "../../../src/dialect/mysql/connection/server";
import { mysql } from "../../../src/dialect/mysql/dialect";
import { readEntityModel, type EntityDialect } from "../../../src/entities";
import { DEFAULT_SCHEMA, type SchemaModel } from "../../../src/model/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { mysqlEntitySets } from "../../fixtures/random/mysql-entity-sets";

const typeorm = require("typeorm") as typeof import("typeorm");
const entityDialect: EntityDialect = mysql;

interface Session extends Executor, ResultSets {
  /** What was sent so far, one entry per round trip. */
  readonly sent: string[];
}

/** A connection of its own, counted, opened for `root` (null: no project, so nothing is built early). */
async function session(url: string, root: string | null): Promise<Session> {
  const executor = (await connectServer(url)) as Executor & ResultSets;
  const sent: string[] = [];
  const counted: Session = {
    ...executor,
    sent,
    query: (sql, params) => (sent.push(sql), executor.query(sql, params)),
    exec: (sql) => (sent.push(sql), executor.exec(sql)),
    resultSets: (statements: readonly string[]): Promise<Row[][]> => (sent.push(statements.join(";\n")), executor.resultSets(statements)),
  };
  if (root !== null) rememberProjectRoot(counted, root);
  return counted;
}

/** As compare: the catalog read goes out (the early build after it), then the entities' model is normalised. Returns it and the round trips normalise waited for. */
async function compareLike(url: string, root: string | null, raw: SchemaModel): Promise<{ model: SchemaModel; normaliseTrips: number; scratch: string[] }> {
  const executor = await session(url, root);
  try {
    let sent!: () => void;
    const onTheWay = new Promise<void>((resolve) => (sent = resolve));
    const live = mysqlCatalog.introspect(executor, { schemas: [DEFAULT_SCHEMA], onSent: sent });
    await onTheWay;
    await live;
    const before = executor.sent.length;
    const model = await mysqlCatalog.normalise(raw, executor);
    const scratch = executor.sent.flatMap((sql) => [...sql.matchAll(/CREATE DATABASE `(migrator_scratch_[^`]+)`/g)].map((m) => m[1]!));
    return { model, normaliseTrips: executor.sent.length - before, scratch };
  } finally {
    await executor.close();
  }
}

async function existing(url: string, databases: readonly string[]): Promise<string[]> {
  const executor = await connectServer(url);
  try {
    const { rows } = await executor.query<{ db: string }>(`SELECT SCHEMA_NAME AS db FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (${databases.map(() => "?").join(", ")})`, databases);
    return rows.map((row) => row.db);
  } finally {
    await executor.close();
  }
}

async function rawModel(url: string, set: readonly (Function | InstanceType<typeof typeorm.EntitySchema>)[]): Promise<SchemaModel> {
  const executor = await connectServer(url);
  try {
    const typeormDriver = await mysqlCatalog.entityDriver!(executor);
    return (await readEntityModel([...set], { typeorm, dialect: entityDialect, typeormDriver })).model;
  } finally {
    await executor.close();
  }
}

/** Plain tables only (column-forms.ts: no generated column, check, TIMESTAMP or table charset), with most of MySQL's column kinds. */
function plainShop(): InstanceType<typeof typeorm.EntitySchema>[] {
  const Customer = new typeorm.EntitySchema({
    name: "Customer", tableName: "customer",
    columns: {
      id: { type: "uuid", primary: true, generated: "uuid" },
      email: { type: "varchar", length: 190, unique: true },
      name: { type: "varchar", length: 60, charset: "latin1", collation: "latin1_swedish_ci", comment: "shown as it's written" },
      preferences: { type: "json", nullable: true },
      channels: { type: "set", enum: ["mail", "sms", "push"], default: ["mail", "sms"] },
      vip: { type: "boolean", default: false },
      updatedAt: { type: "datetime", precision: 6, default: () => "CURRENT_TIMESTAMP(6)", onUpdate: "CURRENT_TIMESTAMP(6)" },
    },
  });
  const Product = new typeorm.EntitySchema({
    name: "Product", tableName: "product",
    columns: {
      id: { type: "int", unsigned: true, primary: true, generated: "increment" },
      code: { type: "char", length: 8, collation: "utf8mb4_bin" },
      status: { type: "enum", enum: ["draft", "live", "it's gone"], default: "draft" },
      price: { type: "decimal", precision: 10, scale: 2, default: "0.00" },
      stock: { type: "bigint", unsigned: true, default: 0 },
      body: { type: "mediumtext", nullable: true },
    },
    indices: [{ name: "IDX_product_code_status", columns: ["code", "status"], unique: true }],
  });
  const Order = new typeorm.EntitySchema<{ id: number; note: string | null; customer: unknown; product: unknown }>({
    name: "Order", tableName: "orders",
    columns: { id: { type: "int", primary: true, generated: "increment" }, note: { type: "varchar", length: 255, nullable: true, default: "a ''quoted'' note" } },
    relations: {
      customer: { type: "many-to-one", target: "Customer", onDelete: "CASCADE" },
      product: { type: "many-to-one", target: "Product", onDelete: "SET NULL", onUpdate: "CASCADE" },
    },
  });
  return [Customer, Product, Order];
}

describe.skipIf(!mariadbUrl())("MySQL column forms built while the entities load", () => {
  it("the second run uses them: the same model, one round trip in normalise; changed forms are built again and kept", async () => {
    await withMariaDb(async ({ url }) => {
      const root = mkdtempSync(join(tmpdir(), "migrator-early-forms-"));
      const fixture = await rawModel(url, plainShop());
      const reference = await compareLike(url, null, fixture);
      const first = await compareLike(url, root, fixture);
      expect(first.model).toEqual(reference.model);
      expect(existsSync(join(root, ".migrator", "cache", "mysql-column-forms.json"))).toBe(true);
      const second = await compareLike(url, root, fixture);
      expect(second.model).toEqual(reference.model);
      // the session's facts and defaults: the forms were built and read while the entities loaded
      expect(second.normaliseTrips).toBe(1);
      // other forms: built again (the early ones are not used), and kept for the run after
      const other = await rawModel(url, [new typeorm.EntitySchema({ name: "T", tableName: "t", columns: { id: { type: "int", primary: true }, label: { type: "varchar", length: 12, default: "it''s" } } })]);
      const changed = await compareLike(url, root, other);
      expect(changed.model).toEqual((await compareLike(url, null, other)).model);
      expect(changed.normaliseTrips).toBe(3);
      const again = await compareLike(url, root, other);
      expect(again.model).toEqual(changed.model);
      expect(again.normaliseTrips).toBe(1);
      const scratch = [reference, first, second, changed, again].flatMap((run) => run.scratch);
      expect(scratch.length).toBeGreaterThan(5);
      expect(await existing(url, scratch)).toEqual([]);
    });
  });

  it("a damaged or edited forms file is no hint: nothing of it reaches the server", async () => {
    await withMariaDb(async ({ url, connection }) => {
      const root = mkdtempSync(join(tmpdir(), "migrator-early-forms-"));
      const fixture = await rawModel(url, plainShop());
      await compareLike(url, root, fixture);
      const file = join(root, ".migrator", "cache", "mysql-column-forms.json");
      const written = readFileSync(file, "utf8");
      const marker = `migrator_forms_pwned_${randomBytes(4).toString("hex")}`;
      // a column type turned into a second statement, the checksum line left as it was
      const edited = written.replace(/"type":"int( unsigned)?"/, `"type":"int) ; CREATE DATABASE ${marker}; -- "`);
      expect(edited).not.toBe(written);
      for (const damaged of [edited, written.slice(0, written.length - 7), written.replace(/^sha256=[0-9a-f]+\n/, "")]) {
        writeFileSync(file, damaged);
        const run = await compareLike(url, root, fixture);
        // built after loading, as without a hint
        expect(run.normaliseTrips).toBe(3);
        expect(run.model).toEqual((await compareLike(url, null, fixture)).model);
      }
      const [databases] = await connection.query("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [marker]);
      expect(databases).toEqual([]);
    });
  });

  it("random entity sets: the model from forms built early is the model without", async () => {
    await withMariaDb(async ({ url }) => {
      let builtEarly = 0;
      await fc.assert(
        fc.asyncProperty(mysqlEntitySets, async (schemas) => {
          const root = mkdtempSync(join(tmpdir(), "migrator-early-forms-"));
          const raw = await rawModel(url, schemas.map((options) => new typeorm.EntitySchema(options)));
          const without = await compareLike(url, null, raw);
          await compareLike(url, root, raw);
          // only a model of plain tables leaves forms to build early
          const kept = existsSync(join(root, ".migrator", "cache", "mysql-column-forms.json"));
          if (kept) builtEarly += 1;
          const early = await compareLike(url, root, raw);
          expect(early.model).toEqual(without.model);
          expect(early.normaliseTrips).toBe(kept ? 1 : 3);
        }),
        { numRuns: 16, endOnFailure: true },
      );
      expect(builtEarly).toBeGreaterThan(0);
    });
  }, 120_000);
});
