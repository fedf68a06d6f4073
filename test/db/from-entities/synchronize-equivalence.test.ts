/**
 * The strongest evidence for the entity reader: for each fixture set, TypeORM's
 * own `synchronize` builds a fresh database, and every table, column, key,
 * constraint, index, enum, extension and view it created must match the raw
 * model — names exactly, types/defaults/expressions after PostgreSQL itself
 * renders the model's raw text (scratch objects in pg_temp).
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEntityModel } from "../../../src/entities";
import type { EntityModel } from "../../../src/entities";
import type { TableModel } from "../../../src/model/types";
import * as catalog from "./catalog";
import { postgres } from "../../../src/dialect";

const SERVER = { host: "127.0.0.1", port: 5432, user: "postgres" };
const SETS = ["core", "trees", "inheritance", "schemas", "phantoms"] as const;
const ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

async function serverAnswers(): Promise<boolean> {
  const client = new Client({ ...SERVER, database: "postgres", connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

// probed once per file; each test skips itself when no server answers
const availability = serverAnswers();
let available = false;
const typeorm = require("typeorm") as typeof import("typeorm");

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const scratchName = (table: { schema: string; name: string }): string => `${table.schema}__${table.name}`;

describe.each(SETS)("synchronize of fixture set %s", (set) => {
  const database = `migrator_fe_${set}_${randomBytes(4).toString("hex")}`;
  let admin: Client;
  let client: Client;
  let read: EntityModel;
  const ddl: string[] = [];

  beforeAll(async () => {
    available = await availability;
    if (!available) return;
    const fixture = (await import(`../../fixtures/entities/${set}`)) as { entities: Function[]; SCHEMAS?: readonly string[] };
    admin = new Client({ ...SERVER, database: "postgres" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${q(database)}`);
    client = new Client({ ...SERVER, database });
    await client.connect();
    for (const schema of fixture.SCHEMAS ?? []) await client.query(`CREATE SCHEMA ${q(schema)}`);

    const dataSource = new typeorm.DataSource({
      type: "postgres", host: SERVER.host, port: SERVER.port, username: SERVER.user, database, entities: fixture.entities, synchronize: true,
      logger: { logQuery: (query: string) => void ddl.push(query), logQueryError: () => undefined, logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined },
      logging: true,
    });
    await dataSource.initialize();
    await dataSource.destroy();
    read = await readEntityModel(fixture.entities, { dialect: postgres, typeorm });
    expect(read.model.schemas).toEqual([...(fixture.SCHEMAS ?? [])].filter((s) => s !== "audit").sort());
  });

  afterAll(async () => {
    if (!available) return;
    await client?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${q(database)} WITH (FORCE)`);
    await admin?.end();
  });

  /** Builds each model table again in pg_temp from the model's raw text, so PostgreSQL renders it. */
  async function scratchTables(tables: readonly TableModel[]): Promise<void> {
    for (const table of tables) {
      const columns = table.columns.map((column) =>
        [q(column.name), column.type,
          column.generated ? `GENERATED ALWAYS AS (${column.generated}) STORED` : "",
          column.collation ? `COLLATE ${q(column.collation)}` : "",
          column.default !== null ? `DEFAULT ${column.default}` : ""].join(" "));
      const constraints = [
        ...table.checks.map((check) => `CONSTRAINT ${q(check.name)} CHECK (${check.expression})`),
        ...table.exclusions.map((exclusion) => `CONSTRAINT ${q(exclusion.name)} EXCLUDE ${exclusion.definition}`),
      ];
      await client.query(`CREATE TEMP TABLE ${q(scratchName(table))} (${[...columns, ...constraints].join(", ")})`);
      for (const index of table.indexes.filter((i) => i.where !== null)) {
        const keys = index.keys.map((key) => ("column" in key ? q(key.column) : key.expression)).join(", ");
        await client.query(`CREATE INDEX ${q(index.name)} ON pg_temp.${q(scratchName(table))} USING ${index.method} (${keys}) WHERE ${index.where}`);
      }
    }
    for (const view of read.model.views) {
      await client.query(`CREATE TEMP VIEW ${q(scratchName(view))} AS ${view.definition}`);
    }
  }

  it("creates exactly the model's tables, columns, types, defaults, identity and serial columns", async ({ skip }) => {
    if (!available) skip();
    const { model } = read;
    await scratchTables(model.tables);
    await client.query("SET search_path = pg_catalog");
    const real = await catalog.readColumns(client, "n.nspname NOT LIKE 'pg_temp%'");
    const scratch = await catalog.readColumns(client, "n.nspname LIKE 'pg_temp%'");
    const tableNames = [...new Set(real.map((column) => column.table))].sort();
    expect(tableNames).toEqual(model.tables.map((table) => `${table.schema}.${table.name}`).sort());
    for (const table of model.tables) {
      const key = `${table.schema}.${table.name}`;
      const realColumns = real.filter((column) => column.table === key);
      const scratchColumns = scratch.filter((column) => column.table.endsWith(`.${scratchName(table)}`));
      expect(realColumns.map((c) => c.name), key).toEqual(table.columns.map((c) => c.name));
      table.columns.forEach((column, i) => {
        const where = `${key}.${column.name}`;
        const actual = realColumns[i]!;
        const rendered = scratchColumns[i]!;
        expect(actual.type, where).toBe(rendered.type);
        expect(actual.nullable, where).toBe(column.nullable);
        expect(actual.identity, where).toBe(column.identity === "ALWAYS" ? "a" : column.identity === "BY DEFAULT" ? "d" : "");
        expect(actual.generated, where).toBe(column.generated ? "s" : "");
        if (column.serial) expect(actual.default, where).toMatch(/^nextval\(/);
        else expect(actual.default, where).toBe(rendered.default);
        expect(actual.collation, where).toBe(column.collation);
        expect(actual.comment, where).toBe(column.comment);
      });
    }
    const comments = await catalog.readTableComments(client);
    for (const table of model.tables) expect(comments[`${table.schema}.${table.name}`] ?? null).toBe(table.comment);
    await client.query("RESET search_path");
  });

  it("creates exactly the model's keys and constraints, with their names", async ({ skip }) => {
    if (!available) skip();
    const { model } = read;
    await client.query("SET search_path = pg_catalog");
    const real = await catalog.readConstraints(client, "n.nspname NOT LIKE 'pg_temp%'");
    const scratch = await catalog.readConstraints(client, "n.nspname LIKE 'pg_temp%'");
    await client.query("RESET search_path");
    const expected = model.tables.flatMap((table) => {
      const key = `${table.schema}.${table.name}`;
      return [
        ...(table.primaryKey ? [{ table: key, name: table.primaryKey.name, kind: "p", columns: table.primaryKey.columns }] : []),
        ...table.uniques.map((u) => ({ table: key, name: u.name, kind: "u", columns: u.columns })),
        ...table.foreignKeys.map((f) => ({ table: key, name: f.name, kind: "f", columns: f.columns })),
        ...table.checks.map((c) => ({ table: key, name: c.name, kind: "c" })),
        ...table.exclusions.map((x) => ({ table: key, name: x.name, kind: "x" })),
      ];
    });
    const actual = real.map((c) => ({ table: c.table, name: c.name, kind: c.kind, ...(["p", "u", "f"].includes(c.kind) ? { columns: c.columns } : {}) }));
    const order = (list: Array<{ table: string; name: string }>) => [...list].sort((a, b) => `${a.table} ${a.name}`.localeCompare(`${b.table} ${b.name}`));
    expect(order(actual)).toEqual(order(expected));

    for (const table of model.tables) {
      const key = `${table.schema}.${table.name}`;
      for (const fk of table.foreignKeys) {
        const found = real.find((c) => c.table === key && c.name === fk.name)!;
        expect(found.referencedTable, fk.name).toBe(`${fk.referencedTable.schema}.${fk.referencedTable.name}`);
        expect(found.referencedColumns, fk.name).toEqual(fk.referencedColumns);
        expect(ACTIONS[found.onDelete], fk.name).toBe(fk.onDelete);
        expect(ACTIONS[found.onUpdate], fk.name).toBe(fk.onUpdate);
        expect(found.deferrable, fk.name).toBe(fk.deferrable);
        expect(found.deferred, fk.name).toBe(fk.initiallyDeferred);
      }
      for (const unique of table.uniques) {
        const found = real.find((c) => c.table === key && c.name === unique.name)!;
        expect([found.deferrable, found.deferred], unique.name).toEqual([unique.deferrable, unique.initiallyDeferred]);
      }
      for (const name of [...table.checks, ...table.exclusions].map((c) => c.name)) {
        const rendered = scratch.find((c) => c.table.endsWith(`.${scratchName(table)}`) && c.name === name)!;
        expect(real.find((c) => c.table === key && c.name === name)!.definition, name).toBe(rendered.definition);
      }
    }
  });

  it("creates exactly the model's indexes, column order and predicates included", async ({ skip }) => {
    if (!available) skip();
    const { model } = read;
    await client.query("SET search_path = pg_catalog");
    const real = await catalog.readIndexes(client, "n.nspname NOT LIKE 'pg_temp%'");
    const scratch = await catalog.readIndexes(client, "n.nspname LIKE 'pg_temp%'");
    await client.query("RESET search_path");
    const owners = [...model.tables, ...model.views];
    const expected = owners.flatMap((owner) => owner.indexes.map((index) => ({
      table: `${owner.schema}.${owner.name}`, name: index.name, unique: index.unique, method: index.method,
      columns: index.keys.map((key) => ("column" in key ? key.column : key.expression)),
    })));
    const actual = real.map(({ predicate: _predicate, ...rest }) => rest);
    const order = (list: Array<{ table: string; name: string }>) => [...list].sort((a, b) => `${a.table} ${a.name}`.localeCompare(`${b.table} ${b.name}`));
    expect(order(actual)).toEqual(order(expected));
    for (const owner of owners) {
      for (const index of owner.indexes) {
        const found = real.find((i) => i.name === index.name && i.table === `${owner.schema}.${owner.name}`)!;
        const rendered = index.where === null ? null : scratch.find((i) => i.name === index.name)!.predicate;
        expect(found.predicate, index.name).toBe(rendered);
      }
    }
  });

  it("creates exactly the model's enums, extensions and views, and leaves unmanaged tables alone", async ({ skip }) => {
    if (!available) skip();
    const { model, unmanaged } = read;
    await client.query("SET search_path = pg_catalog");
    expect(await catalog.readEnums(client)).toEqual(model.enums.map((e) => ({ name: `${e.schema}.${e.name}`, values: e.values })));
    expect(await catalog.readExtensions(client)).toEqual(model.extensions.map((e) => e.name));
    const views = await catalog.readViews(client);
    await client.query("RESET search_path");
    const realViews = views.filter((v) => !v.name.startsWith("pg_temp"));
    expect(realViews.map(({ name, materialized }) => ({ name, materialized }))).toEqual(
      model.views.map((v) => ({ name: `${v.schema}.${v.name}`, materialized: v.materialized })));
    for (const view of model.views) {
      const rendered = views.find((v) => v.name.endsWith(`.${scratchName(view)}`))!;
      expect(realViews.find((v) => v.name === `${view.schema}.${view.name}`)!.definition).toBe(rendered.definition);
    }
    const { rows } = await client.query(`SELECT to_regclass($1) AS oid`, [unmanaged.map((u) => `${q(u.schema)}.${q(u.name)}`)[0] ?? "pg_class"]);
    if (unmanaged.length > 0) expect(rows[0].oid).toBeNull();
  });

  it("names in TypeORM's DDL log are the model's names", ({ skip }) => {
    if (!available) skip();
    const { model } = read;
    const names = new Set<string>([
      ...model.tables.flatMap((t) => [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.foreignKeys.map((f) => f.name),
        ...t.checks.map((c) => c.name), ...t.exclusions.map((x) => x.name), ...t.indexes.map((i) => i.name)]),
      ...model.views.flatMap((v) => v.indexes.map((i) => i.name)),
    ].filter((n): n is string => n !== undefined));
    const logged = ddl.flatMap((sql) => [...sql.matchAll(/(?:CONSTRAINT|INDEX) "([^"]+)"/g)].map((m) => m[1]!));
    expect(logged.length).toBeGreaterThan(0);
    for (const name of logged) expect(names.has(name), name).toBe(true);
  });
});
