"use strict";
// TypeORM's side of the autogenerate scenario, as a process: load precompiled
// entity classes (its best case: no TypeScript, no globbing), connect, and ask
// the schema builder what it would change. Prints the number of up queries.
// With --apply it runs them instead (the scenario's setup), 500 statements per
// transaction: synchronize's single transaction runs out of lock slots
// (max_locks_per_transaction = 64) at 3000 tables on a default server.
require("reflect-metadata");
const { readdirSync } = require("node:fs");
const { join } = require("node:path");
const { DataSource } = require("typeorm");

async function main() {
  const [folder, url, flag] = process.argv.slice(2);
  const dir = require("node:path").resolve(folder);
  const entities = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .flatMap((f) => Object.values(require(join(dir, f))));
  // mysql:// and mariadb:// URLs: TypeORM's mariadb driver (the server here is MariaDB)
  const type = /^(mysql|mariadb):/i.test(url) ? "mariadb" : "postgres";
  const dataSource = new DataSource({ type, url: url.replace(/^mariadb:/i, "mysql:"), entities });
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (flag === "--apply") {
      for (let i = 0; i < sql.upQueries.length; i += 500) {
        const runner = dataSource.createQueryRunner();
        await runner.startTransaction();
        for (const q of sql.upQueries.slice(i, i + 500)) await runner.query(q.query, q.parameters);
        await runner.commitTransaction();
        await runner.release();
      }
      return;
    }
    console.log(sql.upQueries.length);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
