/** MySQL and MariaDB as one Dialect object, built from its parts. */
import type { Dialect } from "../dialect";
import { mysqlCatalog } from "./catalog-part";
import { mysqlLint } from "./lint-part";
import { mysqlQuoting } from "./quoting-part";
import { mysqlRuntime } from "./runtime-part";
import { mysqlSql } from "./sql-part";
import { mysqlTypes } from "./types-part";

export const mysql: Dialect = Object.freeze({
  name: "mysql",
  typeormType: "mysql",
  quote: mysqlQuoting,
  sql: mysqlSql,
  types: mysqlTypes,
  catalog: mysqlCatalog,
  runtime: mysqlRuntime,
  lint: mysqlLint,
});
