/** PostgreSQL as one Dialect object, its parts (./parts.ts) loaded when one is first read. */
import type { Dialect } from "../dialect";
import { lazyDialect } from "../lazy-dialect";
import { isPrivilegeFailure } from "./connection/privilege-failure";

export const postgres: Dialect = lazyDialect({
  name: "postgres",
  typeormType: "postgres",
  // a require, not an import: nothing of PostgreSQL compiles until a part is read (under vitest a setup file has registered the parts first)
  load: () => (require("./parts") as typeof import("./parts")).postgresParts,
  isPrivilegeFailure,
});
