import { describe, expect, it } from "vitest";
import { MAX_PARAMS, toSql, type Statement } from "../../../src/dialect/postgres";
import { MigratorError } from "../../../src/errors";
import { collectOperations, type Operations } from "../../../src/ops";
import { postgres } from "../../../src/dialect";

/** A schema and a table whose names need every kind of quoting. */
const S = 'Sch"ema';
const T = { schema: S, name: "my.Table x" };
const QT = '"Sch""ema"."my.Table x"';

async function sql(build: (op: Operations) => Promise<void>): Promise<string[]> {
  const ops = await collectOperations(build, postgres.types);
  return ops.flatMap((o) => toSql(o)).map((s) => s.sql);
}

async function statements(build: (op: Operations) => Promise<void>): Promise<Statement[]> {
  return (await collectOperations(build, postgres.types)).flatMap((o) => toSql(o));
}

describe("postgres dialect: schemas, extensions, enums", () => {
  it("schemas", async () => {
    expect(await sql((op) => op.createSchema(S))).toEqual(['CREATE SCHEMA "Sch""ema"']);
    expect(await sql((op) => op.createSchema("a.b", { ifNotExists: true }))).toEqual(['CREATE SCHEMA IF NOT EXISTS "a.b"']);
    expect(await sql((op) => op.dropSchema("With Space", { cascade: true, ifExists: true }))).toEqual(['DROP SCHEMA IF EXISTS "With Space" CASCADE']);
  });

  it("extensions", async () => {
    expect(await sql((op) => op.createExtension("uuid-ossp", { schema: S, ifNotExists: true }))).toEqual([
      'CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "Sch""ema"',
    ]);
    expect(await sql((op) => op.dropExtension("citext"))).toEqual(['DROP EXTENSION "citext"']);
  });

  it("enums", async () => {
    const E = { schema: S, name: "Mood" };
    expect(await sql((op) => op.createEnum(E, ["ok", "it's"]))).toEqual([`CREATE TYPE "Sch""ema"."Mood" AS ENUM ('ok', 'it''s')`]);
    expect(await sql((op) => op.dropEnum(E))).toEqual(['DROP TYPE "Sch""ema"."Mood"']);
    expect(await sql((op) => op.addEnumValue(E, "new"))).toEqual([`ALTER TYPE "Sch""ema"."Mood" ADD VALUE 'new'`]);
    expect(await sql((op) => op.addEnumValue(E, "x", { before: "ok" }))).toEqual([`ALTER TYPE "Sch""ema"."Mood" ADD VALUE 'x' BEFORE 'ok'`]);
    expect(await sql((op) => op.addEnumValue(E, "y", { after: "ok" }))).toEqual([`ALTER TYPE "Sch""ema"."Mood" ADD VALUE 'y' AFTER 'ok'`]);
    expect(await sql((op) => op.renameEnumValue(E, "ok", "o'k"))).toEqual([`ALTER TYPE "Sch""ema"."Mood" RENAME VALUE 'ok' TO 'o''k'`]);
    expect(await sql((op) => op.renameEnum(E, 'New "Mood"'))).toEqual([`ALTER TYPE "Sch""ema"."Mood" RENAME TO "New ""Mood"""`]);
  });

  it("renames of constraints, indexes and sequences stay in the table's schema", async () => {
    expect(
      await sql(async (op) => {
        await op.renameConstraint(T, "PK_old", 'PK "new"');
        await op.renameIndex(T, "IDX_old", "IDX.new");
        await op.renameSequence({ schema: S, name: "my.Table x_id_seq" }, "t_id_seq");
      }),
    ).toEqual([
      `ALTER TABLE ${QT} RENAME CONSTRAINT "PK_old" TO "PK ""new"""`,
      `ALTER INDEX "Sch""ema"."IDX_old" RENAME TO "IDX.new"`,
      `ALTER SEQUENCE "Sch""ema"."my.Table x_id_seq" RENAME TO "t_id_seq"`,
    ]);
  });

  it("recreateEnum converts every usage through text and restores defaults", async () => {
    const out = await sql((op) =>
      op.recreateEnum({ schema: S, name: "Mood" }, ["b", "a"], {
        existingValues: ["a", "b", "c"],
        usages: [
          { table: T, column: "Feel", default: `'a'::"Sch""ema"."Mood"` },
          { table: "plain", column: "moods", array: true },
          { table: "other", column: "m", default: "'c'", newDefault: "'b'" },
        ],
      }),
    );
    expect(out).toEqual([
      'ALTER TYPE "Sch""ema"."Mood" RENAME TO "Mood__migrator_old"',
      `CREATE TYPE "Sch""ema"."Mood" AS ENUM ('b', 'a')`,
      `ALTER TABLE ${QT} ALTER COLUMN "Feel" DROP DEFAULT`,
      `ALTER TABLE ${QT} ALTER COLUMN "Feel" TYPE "Sch""ema"."Mood" USING "Feel"::text::"Sch""ema"."Mood"`,
      `ALTER TABLE ${QT} ALTER COLUMN "Feel" SET DEFAULT 'a'::"Sch""ema"."Mood"`,
      `ALTER TABLE "public"."plain" ALTER COLUMN "moods" TYPE "Sch""ema"."Mood"[] USING "moods"::text[]::"Sch""ema"."Mood"[]`,
      `ALTER TABLE "public"."other" ALTER COLUMN "m" DROP DEFAULT`,
      `ALTER TABLE "public"."other" ALTER COLUMN "m" TYPE "Sch""ema"."Mood" USING "m"::text::"Sch""ema"."Mood"`,
      `ALTER TABLE "public"."other" ALTER COLUMN "m" SET DEFAULT 'b'`,
      'DROP TYPE "Sch""ema"."Mood__migrator_old"',
    ]);
  });
});

describe("postgres dialect: tables and columns", () => {
  it("createTable with every column feature, constraints, comments and indexes", async () => {
    const out = await sql((op) =>
      op.createTable(T, {
        columns: [
          { name: "Id", type: "integer", identity: "ALWAYS", primaryKey: true },
          { name: "seq", type: "bigint", serial: true },
          { name: "small", type: "smallint", serial: true },
          { name: "e.mail", type: "character varying(255)", nullable: false, collation: "C", comment: "it's mail" },
          { name: "created", type: "timestamp with time zone", default: "now()" },
          { name: "double it", type: "integer", generated: '"Id" * 2' },
          { name: "by default", type: "bigint", identity: "BY DEFAULT" },
          { name: "owner", type: "integer" },
        ],
        uniques: [{ columns: ["e.mail"], initiallyDeferred: true }, { name: "u2", columns: ["owner", "created"], deferrable: true }],
        checks: [{ name: "positive", expression: '"owner" > 0' }],
        foreignKeys: [
          { columns: ["owner"], references: { schema: S, name: "Owner" }, referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION" },
          { name: "fk2", columns: ["seq"], references: "seqs", referencedColumns: ["n"], onUpdate: "SET NULL", deferrable: true },
        ],
        exclusions: [{ name: "no overlap", definition: 'USING gist ("owner" WITH =)' }],
        indexes: [
          { name: "ix a", keys: ["created", { expression: 'lower("e.mail")', descending: true, nullsFirst: false }], where: '"owner" IS NOT NULL', include: ["seq"] },
          { name: "ix_u", keys: [{ column: "small", nullsFirst: true }], unique: true, method: "hash" },
        ],
        comment: "the table",
      }),
    );
    expect(out).toEqual([
      `CREATE TABLE ${QT} (\n  ` +
        [
          '"Id" integer GENERATED ALWAYS AS IDENTITY NOT NULL',
          '"seq" bigserial NOT NULL',
          '"small" smallserial NOT NULL',
          '"e.mail" character varying(255) COLLATE "C" NOT NULL',
          '"created" timestamp with time zone DEFAULT now()',
          '"double it" integer GENERATED ALWAYS AS ("Id" * 2) STORED',
          '"by default" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL',
          '"owner" integer',
          'CONSTRAINT "my.Table x_pkey" PRIMARY KEY ("Id")',
          'CONSTRAINT "my.Table x_e.mail_key" UNIQUE ("e.mail") DEFERRABLE INITIALLY DEFERRED',
          'CONSTRAINT "u2" UNIQUE ("owner", "created") DEFERRABLE',
          'CONSTRAINT "positive" CHECK ("owner" > 0)',
          'CONSTRAINT "my.Table x_owner_fkey" FOREIGN KEY ("owner") REFERENCES "Sch""ema"."Owner" ("id") ON DELETE CASCADE',
          'CONSTRAINT "fk2" FOREIGN KEY ("seq") REFERENCES "public"."seqs" ("n") ON UPDATE SET NULL DEFERRABLE',
          'CONSTRAINT "no overlap" EXCLUDE USING gist ("owner" WITH =)',
        ].join(",\n  ") +
        "\n)",
      `COMMENT ON TABLE ${QT} IS 'the table'`,
      `COMMENT ON COLUMN ${QT}."e.mail" IS 'it''s mail'`,
      `CREATE INDEX "ix a" ON ${QT} USING "btree" ("created", (lower("e.mail")) DESC NULLS LAST) INCLUDE ("seq") WHERE "owner" IS NOT NULL`,
      `CREATE UNIQUE INDEX "ix_u" ON ${QT} USING "hash" ("small" NULLS FIRST)`,
    ]);
  });

  it("serial needs an integer type", async () => {
    const ops = await collectOperations((op) => op.addColumn(T, { name: "s", type: "text", serial: true }), postgres.types);
    expect(() => toSql(ops[0]!)).toThrow(MigratorError);
  });

  it("drop, rename, add, drop and rename columns", async () => {
    expect(
      await sql(async (op) => {
        await op.dropTable(T);
        await op.dropTable("x", { cascade: true });
        await op.renameTable(T, 'New "Name"');
        await op.addColumn(T, { name: "Phone No", type: "varchar(20)", comment: "c" });
        await op.dropColumn(T, "Phone No");
        await op.renameColumn(T, "a", "B");
      }),
    ).toEqual([
      `DROP TABLE ${QT}`,
      'DROP TABLE "public"."x" CASCADE',
      `ALTER TABLE ${QT} RENAME TO "New ""Name"""`,
      `ALTER TABLE ${QT} ADD COLUMN "Phone No" varchar(20)`,
      `COMMENT ON COLUMN ${QT}."Phone No" IS 'c'`,
      `ALTER TABLE ${QT} DROP COLUMN "Phone No"`,
      `ALTER TABLE ${QT} RENAME COLUMN "a" TO "B"`,
    ]);
  });
});

describe("postgres dialect: alterColumn", () => {
  const A = `ALTER TABLE ${QT} ALTER COLUMN "Col"`;

  it("each change as its own clause, in an order PostgreSQL accepts", async () => {
    expect(
      await sql((op) =>
        op.alterColumn(T, "Col", {
          type: "bigint",
          using: '"Col"::bigint',
          nullable: false,
          default: "0",
          identity: null,
          existingIdentity: "ALWAYS",
          comment: null,
        }),
      ),
    ).toEqual([
      `${A} DROP IDENTITY`,
      `${A} DROP DEFAULT`,
      `${A} TYPE bigint USING "Col"::bigint`,
      `${A} SET NOT NULL`,
      `${A} SET DEFAULT 0`,
      `COMMENT ON COLUMN ${QT}."Col" IS NULL`,
    ]);
  });

  it("identity: add, set generated; nullable drop; default drop", async () => {
    expect(await sql((op) => op.alterColumn(T, "Col", { identity: "BY DEFAULT", nullable: true, default: null }))).toEqual([
      `${A} DROP DEFAULT`,
      `${A} DROP NOT NULL`,
      `${A} ADD GENERATED BY DEFAULT AS IDENTITY`,
    ]);
    expect(await sql((op) => op.alterColumn(T, "Col", { identity: "ALWAYS", existingIdentity: "BY DEFAULT" }))).toEqual([`${A} SET GENERATED ALWAYS`]);
  });

  it("collation through TYPE ... COLLATE, needing a type", async () => {
    expect(await sql((op) => op.alterColumn(T, "Col", { collation: "C", existingType: "text" }))).toEqual([`${A} TYPE text COLLATE "C"`]);
    expect(await sql((op) => op.alterColumn(T, "Col", { collation: null, type: "varchar(5)" }))).toEqual([`${A} TYPE varchar(5) COLLATE pg_catalog."default"`]);
    const ops = await collectOperations((op) => op.alterColumn(T, "Col", { collation: "C" }), postgres.types);
    expect(() => toSql(ops[0]!)).toThrow(/collation/);
  });

  it("generated: DROP EXPRESSION to null; drop and re-add otherwise, said in a comment", async () => {
    expect(await sql((op) => op.alterColumn(T, "Col", { generated: null }))).toEqual([`${A} DROP EXPRESSION`]);
    const readd = (await sql((op) => op.alterColumn(T, "Col", { generated: "a * 3", type: "integer", nullable: false, comment: null }))).find((s) => s.includes("DROP COLUMN"));
    expect(readd).toBe(
      `-- generated expression of ${QT}."Col" changed: PostgreSQL 15 cannot alter it in place, so the column is dropped and added back\n` +
        `ALTER TABLE ${QT} DROP COLUMN "Col", ADD COLUMN "Col" integer GENERATED ALWAYS AS (a * 3) STORED NOT NULL`,
    );
    // what the op leaves out (NOT NULL, the comment) is read from the catalog, not lost
    const [typed] = await sql((op) => op.alterColumn(T, "Col", { generated: "a * 3", type: "integer" }));
    expect(typed).toContain("EXECUTE format(");
    expect(typed).toContain("'integer', CASE WHEN not_null THEN ' NOT NULL' ELSE '' END");
    expect(typed).toContain("IF description IS NOT NULL THEN");
    const [viaCatalog] = await sql((op) => op.alterColumn(T, "Col", { generated: "a % 3" }));
    expect(viaCatalog).toContain("DO $migrator$");
    expect(viaCatalog).toContain("GENERATED ALWAYS AS (a %% 3) STORED");
  });

  it("refuses an alterColumn that changes nothing", async () => {
    await expect(collectOperations((op) => op.alterColumn(T, "Col", { existingType: "int" }), postgres.types)).rejects.toThrow(/changes nothing/);
  });
});

describe("postgres dialect: indexes, constraints, comments, views", () => {
  it("indexes, concurrently outside a transaction", async () => {
    const out = await statements(async (op) => {
      await op.createIndex(T, "Ix", ["a"], { concurrently: true, ifNotExists: true });
      await op.dropIndex(T, "Ix", { concurrently: true, ifExists: true });
      await op.dropIndex("t", "i2");
      await op.dropIndex("t", "i3", { concurrently: true });
    });
    expect(out).toEqual([
      // re-runnable: an INVALID index of that name (left by an interrupted run) is dropped first
      {
        sql:
          "DO $migrator$\nBEGIN\n" +
          `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass('"Sch""ema"."Ix"') AND NOT indisvalid) THEN\n` +
          '    DROP INDEX "Sch""ema"."Ix";\n  END IF;\nEND\n$migrator$',
      },
      { sql: `CREATE INDEX CONCURRENTLY IF NOT EXISTS "Ix" ON ${QT} USING "btree" ("a")`, transactional: false },
      { sql: 'DROP INDEX CONCURRENTLY IF EXISTS "Sch""ema"."Ix"', transactional: false },
      { sql: 'DROP INDEX "public"."i2"' },
      { sql: 'DROP INDEX CONCURRENTLY IF EXISTS "public"."i3"', transactional: false },
    ]);
  });

  it("constraints", async () => {
    expect(
      await sql(async (op) => {
        await op.createPrimaryKey(T, "P K", ["a", "b"]);
        await op.createUniqueConstraint(T, "U", ["a"], { deferrable: true, initiallyDeferred: true });
        await op.createForeignKey(T, "F", ["a"], { schema: "o", name: "R" }, ["x"], { onDelete: "SET DEFAULT", onUpdate: "RESTRICT", initiallyDeferred: true });
        await op.createCheckConstraint(T, "C", "a <> 'x'");
        await op.createExclusionConstraint(T, "X", "USING gist (a WITH &&)");
        await op.dropConstraint(T, 'we"ird');
      }),
    ).toEqual([
      `ALTER TABLE ${QT} ADD CONSTRAINT "P K" PRIMARY KEY ("a", "b")`,
      `ALTER TABLE ${QT} ADD CONSTRAINT "U" UNIQUE ("a") DEFERRABLE INITIALLY DEFERRED`,
      `ALTER TABLE ${QT} ADD CONSTRAINT "F" FOREIGN KEY ("a") REFERENCES "o"."R" ("x") ON DELETE SET DEFAULT ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED`,
      `ALTER TABLE ${QT} ADD CONSTRAINT "C" CHECK (a <> 'x')`,
      `ALTER TABLE ${QT} ADD CONSTRAINT "X" EXCLUDE USING gist (a WITH &&)`,
      `ALTER TABLE ${QT} DROP CONSTRAINT "we""ird"`,
    ]);
  });

  it("comments", async () => {
    expect(
      await sql(async (op) => {
        await op.setTableComment(T, "it's");
        await op.setTableComment(T, null);
        await op.setColumnComment(T, "C.c", "x");
      }),
    ).toEqual([`COMMENT ON TABLE ${QT} IS 'it''s'`, `COMMENT ON TABLE ${QT} IS NULL`, `COMMENT ON COLUMN ${QT}."C.c" IS 'x'`]);
  });

  it("views, materialized with indexes", async () => {
    expect(
      await sql(async (op) => {
        await op.createView({ schema: S, name: "V" }, "SELECT 1 AS one", { orReplace: true });
        await op.createView("mv", "SELECT 1 AS one", { materialized: true, indexes: [{ name: "mv_one", keys: ["one"], unique: true }] });
        await op.dropView({ schema: S, name: "V" });
        await op.dropView("mv", { materialized: true });
      }),
    ).toEqual([
      `CREATE OR REPLACE VIEW "Sch""ema"."V" AS SELECT 1 AS one`,
      `CREATE MATERIALIZED VIEW "public"."mv" AS SELECT 1 AS one`,
      `CREATE UNIQUE INDEX "mv_one" ON "public"."mv" USING "btree" ("one")`,
      `DROP VIEW "Sch""ema"."V"`,
      `DROP MATERIALIZED VIEW "public"."mv"`,
    ]);
    const ops = await collectOperations((op) => op.createView("mv", "SELECT 1", { materialized: true, orReplace: true }), postgres.types);
    expect(() => toSql(ops[0]!)).toThrow(MigratorError);
  });
});

describe("postgres dialect: data", () => {
  it("execute keeps its params", async () => {
    expect(await statements((op) => op.execute("UPDATE t SET a = $1", ["x"]))).toEqual([{ sql: "UPDATE t SET a = $1", params: ["x"] }]);
    expect(await statements((op) => op.execute("SELECT 1"))).toEqual([{ sql: "SELECT 1" }]);
  });

  it("bulkInsert: the union of keys, DEFAULT for a missing one", async () => {
    expect(await statements((op) => op.bulkInsert(T, [{ a: 1, "B b": "x" }, { a: 2, c: null }]))).toEqual([
      { sql: `INSERT INTO ${QT} ("a", "B b", "c") VALUES ($1, $2, DEFAULT), ($3, DEFAULT, $4)`, params: [1, "x", 2, null] },
    ]);
    expect(await statements((op) => op.bulkInsert("t", [{ tags: ["a b", null] }]))).toEqual([
      { sql: 'INSERT INTO "public"."t" ("tags") VALUES ($1)', params: ['{"a b",NULL}'] },
    ]);
    expect(await statements((op) => op.bulkInsert(T, [{}, {}]))).toEqual([
      { sql: `INSERT INTO ${QT} DEFAULT VALUES` },
      { sql: `INSERT INTO ${QT} DEFAULT VALUES` },
    ]);
    expect(await statements((op) => op.bulkInsert(T, []))).toEqual([]);
  });

  it("bulkInsert splits so no statement exceeds the parameter limit", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ a: i, b: -i }));
    const out = await statements((op) => op.bulkInsert("t", rows));
    expect(out.length).toBeGreaterThan(1);
    for (const s of out) expect(s.params!.length).toBeLessThanOrEqual(MAX_PARAMS);
    expect(out.flatMap((s) => s.params)).toEqual(rows.flatMap((r) => [r.a, r.b]));
    const last = out[out.length - 1]!;
    expect(last.sql.match(/\$\d+/g)!.length).toBe(last.params!.length);
  });
});
