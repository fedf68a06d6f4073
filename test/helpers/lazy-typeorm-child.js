#!/usr/bin/env node
// A process that (with LAZY=1) installs the deferred loading of TypeORM's
// modules from src/ as the CLI's entry does, builds TypeORM's metadata of a
// few EntitySchemas for postgres offline, and prints as JSON what it built,
// which of TypeORM's files were compiled, and whether classes reached two
// ways are the same. Used by test/unit/speedups/typeorm-lazy-modules.test.ts.
"use strict";
const { join, sep } = require("node:path");
const Module = require("node:module");
const src = join(__dirname, "..", "..", "src");
require("./ts-require-hook");
const compiled = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const at = filename.lastIndexOf(`${sep}node_modules${sep}typeorm${sep}`);
  if (at >= 0) compiled.push(filename.slice(at + "/node_modules/typeorm/".length).split(sep).join("/"));
  return compile.call(this, content, filename);
};
if (process.env.LAZY === "1") require(join(src, "speedups", "typeorm-lazy-modules.ts")).installLazyTypeormModules();
(async () => {
  const typeorm = require("typeorm");
  const afterIndex = compiled.length;
  const Author = new typeorm.EntitySchema({
    name: "Author",
    columns: { id: { type: Number, primary: true, generated: true }, name: { type: String, length: 80 }, born: { type: "date", nullable: true } },
    relations: { books: { type: "one-to-many", target: "Book", inverseSide: "author" } },
    indices: [{ name: "IDX_author_name", columns: ["name"] }],
  });
  const Book = new typeorm.EntitySchema({
    name: "Book",
    columns: { id: { type: "uuid", primary: true, generated: "uuid" }, title: { type: "text" }, kind: { type: "enum", enum: ["novel", "essay"], default: "novel" } },
    relations: { author: { type: "many-to-one", target: "Author", inverseSide: "books", onDelete: "CASCADE" }, tags: { type: "many-to-many", target: "Tag", joinTable: true } },
  });
  const Tag = new typeorm.EntitySchema({ name: "Tag", columns: { id: { type: Number, primary: true, generated: "increment" }, label: { type: String, unique: true } } });
  const dataSource = new typeorm.DataSource({ type: "postgres", entities: [Author, Book, Tag] });
  await dataSource.buildMetadatas();
  const built = dataSource.entityMetadatas.map((m) => ({
    table: m.tableName,
    columns: m.columns.map((c) => [c.databaseName, dataSource.driver.normalizeType(c), c.isNullable, c.default === undefined ? null : String(c.default)]),
    foreignKeys: m.foreignKeys.map((f) => [f.name, f.columnNames, f.referencedTablePath, f.onDelete]),
    indices: m.indices.map((i) => [i.name, i.columns.map((c) => c.databaseName)]),
  }));
  const sameClass =
    typeorm.DataSource === require("typeorm/data-source/DataSource").DataSource &&
    typeorm.EntitySchema === require("typeorm/entity-schema/EntitySchema").EntitySchema &&
    Author instanceof require("typeorm/entity-schema/EntitySchema").EntitySchema;
  // a write to a deferred module's export reaches the module, as with plain exports
  const OrmUtils = require("typeorm/util/OrmUtils");
  const original = OrmUtils.OrmUtils;
  OrmUtils.OrmUtils = "replaced";
  const assigned = require("typeorm/util/OrmUtils").OrmUtils === "replaced";
  OrmUtils.OrmUtils = original;
  const beforeSqlServer = [...compiled];
  const SqlServerDriver = require("typeorm/driver/sqlserver/SqlServerDriver").SqlServerDriver;
  process.stdout.write(
    JSON.stringify({ built, sameClass, assigned, afterIndex, compiledBefore: beforeSqlServer, sqlServerIsClass: typeof SqlServerDriver === "function", compiledAfter: compiled }),
  );
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exitCode = 3;
});
