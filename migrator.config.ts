import { defineConfig } from "typeorm-migrator";

export default defineConfig({
  entities: ["entities/**/*.ts"],          // globs, or entity classes
  migrations: "migrations",                // the folder of revision files
  database: process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }    // a PostgreSQL server
    : { embedded: ".migrator/db" },        // the embedded default (PGlite)
});
