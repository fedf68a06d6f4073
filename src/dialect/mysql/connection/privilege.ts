/**
 * A refused privilege in words. The server names the user and what was
 * refused in English ("INSERT command denied to user 'app'@'%' for table
 * `shop`.`migrator_version`"), so no note is kept and nothing is asked
 * afterwards. Other wordings keep the server's text.
 */
import { DatabaseError } from "../../../errors";
import type { Executor } from "../../../db/types";
import type { PrivilegeDescription } from "../../runtime";
import { isPrivilegeFailure } from "./privilege-failure";

export { isPrivilegeFailure };

/** A refused privilege as one line; `code` keeps the server's error number for code that reads it. */
export class MySqlPrivilegeError extends DatabaseError {}

export function asPrivilegeError(error: unknown): unknown {
  if (error instanceof DatabaseError || !isPrivilegeFailure(error)) return error;
  const { message, hint } = describePrivilegeFailure(error);
  return new MySqlPrivilegeError(message, { hint, cause: error });
}

export async function withPrivilegeErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asPrivilegeError(error);
  }
}

/** Nothing to ask: the server's message names the user. */
export async function completePrivilegeNote(_error: unknown, _executor: Pick<Executor, "query">): Promise<void> {}

const OWNER = "or run migrator as a user that has it";

export function describePrivilegeFailure(thrown: unknown, _statement?: string): PrivilegeDescription {
  const error = thrown instanceof MySqlPrivilegeError ? thrown.cause : thrown;
  const text = error instanceof Error ? error.message : String(error);
  const table = /^(\w+(?:,\s*\w+)*) command denied to user (\S+) for table (.+)$/.exec(text);
  if (table) {
    const verbs = table[1]!.toUpperCase();
    return { message: `permission denied: user ${table[2]} may not ${verbs.toLowerCase()} on table ${table[3]}`, hint: `GRANT ${verbs} ON ${table[3]} TO ${account(table[2]!)}, ${OWNER}` };
  }
  const column = /^(\w+) command denied to user (\S+) for column '(.+)' in table '(.+)'$/.exec(text);
  if (column) {
    const verb = column[1]!.toUpperCase();
    return {
      message: `permission denied: user ${column[2]} may not ${verb.toLowerCase()} column ${column[3]} of table ${column[4]}`,
      hint: `GRANT ${verb} (${column[3]}) ON ${column[4]} TO ${account(column[2]!)}, ${OWNER}`,
    };
  }
  const database = /^Access denied for user (\S+) to database '(.+)'$/.exec(text);
  if (database) return { message: `permission denied: user ${database[1]} may not use database \`${database[2]}\``, hint: `GRANT the privileges it needs ON \`${database[2]}\`.* TO ${account(database[1]!)}, ${OWNER}` };
  const specific = /^Access denied; you need \(at least one of\) the (.+) privilege\(s\) for this operation$/.exec(text);
  if (specific) return { message: `permission denied: the ${specific[1]} privilege is needed`, hint: `GRANT ${specific[1]} ON *.* TO the user, ${OWNER}` };
  return { message: `permission denied: ${text}`, hint: `grant the privilege the server names, ${OWNER}` };
}

/**
 * The server names the user and the host it came from; a grant goes to the
 * account it was let in as, whose host may be a pattern ('%').
 */
function account(userAtHost: string): string {
  return `the account of ${userAtHost} (SELECT CURRENT_USER() names it)`;
}
