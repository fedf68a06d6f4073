/** PostgreSQL as one Dialect object, built from its parts. */
import type { Dialect } from "../dialect";
import { postgresCatalog } from "./catalog-part";
import { postgresLint } from "./lint-part";
import { postgresQuoting } from "./quoting-part";
import { postgresRuntime } from "./runtime-part";
import { postgresSql } from "./sql-part";
import { postgresTypes } from "./types-part";

export const postgres: Dialect = Object.freeze({
  name: "postgres",
  typeormType: "postgres",
  quote: postgresQuoting,
  sql: postgresSql,
  types: postgresTypes,
  catalog: postgresCatalog,
  runtime: postgresRuntime,
  lint: postgresLint,
});
