/** MySQL and MariaDB as one Dialect object, its parts (./parts.ts) loaded when one is first read. */
import type { Dialect } from "../dialect";
import { lazyDialect } from "../lazy-dialect";
import { isPrivilegeFailure } from "./connection/privilege-failure";

export const mysql: Dialect = lazyDialect({
  name: "mysql",
  typeormType: "mysql",
  // a require, not an import: nothing of MySQL compiles until a part is read (under vitest a setup file has registered the parts first)
  load: () => (require("./parts") as typeof import("./parts")).mysqlParts,
  isPrivilegeFailure,
});
