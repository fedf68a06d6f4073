/**
 * A fleet's tenant session: on MySQL a schema is a database, and `USE`
 * makes it where unqualified names go. Back to the default is back to the
 * database the connection named.
 */
import { ConfigError } from "../../../errors";
import type { Executor } from "../../../db/types";
import { quoteIdent } from "../quote";
import { homeDatabase } from "./executor";

export async function useSchema(executor: Executor, schema: string | null): Promise<void> {
  const target = schema ?? homeDatabase(executor) ?? null;
  if (target === null) {
    if (schema === null) return;
    throw new ConfigError("this connection names no database to go back to");
  }
  await executor.exec(`USE ${quoteIdent(target)}`);
}
