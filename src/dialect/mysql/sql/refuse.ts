/** What MySQL and MariaDB have no form for: one error shape, naming the thing and what to do instead. */
import { MigratorError } from "../../../errors";

export function refuse(what: string, hint: string): never {
  throw new MigratorError(`MySQL and MariaDB have no ${what}`, { hint });
}
