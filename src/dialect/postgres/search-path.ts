/**
 * A tenant session's search_path: only the tenant's schema (pg_catalog is
 * always searched first), so an unqualified name in a revision creates and
 * finds objects there and never falls through to another schema's object of
 * the same name.
 */
import type { Executor } from "../../db/types";
import { quoteIdent } from "./quote";

export async function useTenantSchema(executor: Executor, schema: string): Promise<void> {
  await executor.exec(`SET search_path TO ${quoteIdent(schema)}`);
}

/** Back to the server's default, for a session that served a tenant before (a shared embedded database). */
export async function resetSearchPath(executor: Executor): Promise<void> {
  await executor.exec("RESET search_path");
}
