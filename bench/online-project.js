"use strict";
// The online bench's schema: one busy table ("orders", N rows) and a small one
// it may point at ("customer"), written as TypeORM entities in two states — the
// base the template database is built from, and the base plus ONE of the six
// changes. The same source feeds migrator (TypeScript, as users write it) and
// TypeORM (compiled to JS by lib.compileTs, as a build step would).
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const lib = require("./lib");

/** The six entity changes of issue 13, in its order. */
const CHANGES = ["add-index", "add-foreign-key", "add-check", "set-not-null", "add-column-default", "widen-varchar"];

function entitySource(change) {
  const is = (name) => change === name;
  return `import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity("customer")
export class Customer {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
}

@Entity("orders")
${is("add-index") ? '@Index("IDX_orders_code", ["code"])\n' : ""}${is("add-check") ? '@Check("CHK_orders_qty", \'"qty" >= 0\')\n' : ""}export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "integer" }) customerId!: number;
${is("add-foreign-key") ? '  @ManyToOne("Customer") @JoinColumn({ name: "customerId" }) customer!: unknown;\n' : ""}  @Column({ length: 40 }) code!: string;
  @Column({ type: "integer", nullable: ${is("set-not-null") ? "false" : "true"} }) qty!: number | null;
  @Column({ type: "varchar", length: ${is("widen-varchar") ? 200 : 100}, nullable: true }) note!: string | null;
${is("add-column-default") ? '  @Column({ type: "integer", default: 0 }) flag!: number;\n' : ""}}
`;
}

/** Rows for both tables, in set-based SQL (a million rows in seconds). Every row satisfies every change. */
function fillSql(rows) {
  return [
    `INSERT INTO "customer" ("name") SELECT 'customer ' || i FROM generate_series(1, 1000) AS i`,
    `INSERT INTO "orders" ("customerId", "code", "qty", "note")
       SELECT 1 + i % 1000, 'c' || i, i % 100, 'note ' || i FROM generate_series(1, ${Number(rows)}) AS i`,
    "VACUUM ANALYZE",
  ];
}

/** Does the built migrator accept `online` in its config (the lock-friendly forms)? Read from dist, not assumed. */
function migratorHasOnline() {
  try {
    return /\bonline\s*:/.test(readFileSync(join(lib.ROOT, "dist", "config", "validate.js"), "utf8"));
  } catch {
    return false;
  }
}

/** Does the built runtime set a DDL lock_timeout (the retry helper's work)? Only a label: the run observes the behaviour. normalise/ sets one for its scratch schema, not for revisions. */
function migratorHasDdlLockTimeout() {
  const { execFileSync } = require("node:child_process");
  try {
    return execFileSync("grep", ["-rlI", "--exclude-dir=normalise", "lock_timeout", join(lib.ROOT, "dist")], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false; // grep exits 1 when nothing matches
  }
}

/** migrator's project for one change: entities/model.ts, migrator.config.ts, an empty migrations/. */
function writeMigratorProject(dir, change, url, online) {
  mkdirSync(join(dir, "entities"), { recursive: true });
  mkdirSync(join(dir, "migrations"), { recursive: true });
  writeFileSync(join(dir, "entities", "model.ts"), entitySource(change));
  const config = lib.migratorConfig(url);
  writeFileSync(join(dir, "migrator.config.ts"), online ? config.replace("\n};", "\n  online: true,\n};") : config);
}

/** TypeORM's project for one change: js/model.js, migrations/, data-source.js. Returns the data source path. */
function writeTypeormProject(dir, change, url) {
  for (const sub of ["js", "migrations"]) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, "js", "model.js"), lib.compileTs(entitySource(change)));
  const dataSource = join(dir, "data-source.js");
  writeFileSync(
    dataSource,
    `"use strict";
require("reflect-metadata");
const { DataSource } = require("typeorm");
exports.dataSource = new DataSource({ type: "postgres", url: ${JSON.stringify(url)}, entities: Object.values(require("./js/model.js")), migrations: [${JSON.stringify(join(dir, "migrations", "*.js"))}] });
`,
  );
  return dataSource;
}

module.exports = { CHANGES, entitySource, fillSql, migratorHasOnline, migratorHasDdlLockTimeout, writeMigratorProject, writeTypeormProject };
