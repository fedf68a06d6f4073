/**
 * A tenant session's search_path: the tenant's schema first, so unqualified
 * names in a revision create and find objects there, then public, where
 * extensions and shared objects usually live (uuid_generate_v4(), citext),
 * as schema-per-tenant setups conventionally do. pg_catalog is searched
 * first anyway.
 */
import type { Executor } from "../../db/types";
import { quoteIdent } from "./quote";

export async function useTenantSchema(executor: Executor, schema: string): Promise<void> {
  await executor.exec(`SET search_path TO ${quoteIdent(schema)}, public`);
}

/** Back to the server's default, for a session that served a tenant before (a shared embedded database). */
export async function resetSearchPath(executor: Executor): Promise<void> {
  await executor.exec("RESET search_path");
}
