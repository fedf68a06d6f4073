"use strict";
// Issue 15's figure: autogenerate at N tables on MariaDB. As scenario 1 on
// PostgreSQL: TypeORM's own synchronize builds the database from the
// original entities, every tenth entity then changes, and migrator `check`
// (TypeScript entities, as users run it) is timed against TypeORM's
// createSchemaBuilder().log() on the same entities precompiled to JS. The
// entities use MySQL's types where PostgreSQL's have none (json, datetime).
const { join } = require("node:path");
const lib = require("../lib");

const ADMIN = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

function entitySource(i, changed) {
  const parent = `Entity${Math.max(i - 1, 0)}`;
  return `import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity()
${changed ? "" : '@Index(["name", "count"])\n'}export class Entity${i} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: ${changed ? 200 : 100} }) name!: string;
  @Column({ unique: true }) code!: string;
  @Column({ type: "text", nullable: true }) note!: string | null;
  @Column() count!: number;
  @Column("decimal", { precision: 10, scale: 2 }) price!: string;
  @Column({ default: true }) active!: boolean;
  @Column({ type: "json", nullable: true }) data!: object | null;
  @Column({ type: "datetime", precision: 6, default: () => "CURRENT_TIMESTAMP(6)" }) createdAt!: Date;
  @Column({ type: "enum", enum: ["new", "paid", "sent"], default: "new" }) status!: string;
  @Column("bigint", { default: 0 }) total!: string;
${changed ? "  @Column({ type: \"int\", nullable: true }) extra!: number | null;\n" : ""}  @ManyToOne("${parent}", { onDelete: "CASCADE", nullable: true }) parent!: unknown;
}
`;
}

async function admin(sql) {
  const mysql = require("mysql2/promise");
  const connection = await mysql.createConnection({ uri: ADMIN });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

const { writeProject: writeAutogenerateProject, schemaLog, CHANGES } = require("./autogenerate");

function writeProject(n, url) {
  return writeAutogenerateProject(n, url, { source: entitySource, name: `autogenerate-mariadb-${n}` });
}

async function run(n) {
  const db = `bench_autogenerate_mariadb_${n}`;
  const url = Object.assign(new URL(ADMIN), { pathname: `/${db}` }).toString();
  const dir = writeProject(n, url);
  await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  await admin(`CREATE DATABASE \`${db}\``);
  lib.expectExit(lib.runNode(schemaLog, [join(dir, "js-original"), url, "--apply"]), [0], `setup: TypeORM schema of ${n} tables on MariaDB`);
  const found = (result) => (result.code === 1 && CHANGES.test(result.stdout) ? Number(CHANGES.exec(result.stdout)[1]) : null);
  const sides = {
    migrator: {
      run: () => {
        const result = lib.runNode(lib.MIGRATOR, ["check"], { cwd: dir });
        if (found(result) === null) lib.expectExit(result, [-1], `migrator check on MariaDB (${n} tables) found no changes or failed`);
        return result;
      },
    },
    typeorm: { run: () => lib.expectExit(lib.runNode(schemaLog, [join(dir, "js"), url]), [0], `TypeORM schema log on MariaDB (${n} tables)`) },
  };
  const figures = await lib.alternate(sides);
  const migratorOps = found(figures.migrator.last);
  const typeormStatements = Number(figures.typeorm.last.stdout.trim().split("\n").pop());
  await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  return { tables: n, figures, found: { migratorOpLines: migratorOps, typeormUpQueries: typeormStatements } };
}

module.exports = { run };
