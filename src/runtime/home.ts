/**
 * Where a config's revisions run: public, or a fleet tenant's schema. There
 * a revision's plain names are the tenant's objects, named exactly (an ALTER
 * never falls through to public's table of the same name), and `public.` in
 * its SQL text (`'open'::public.status`, `public.uuid_generate_v4()`, a view's
 * `FROM public.account`) is dropped, so the tenant's search_path (its schema,
 * then public) finds the tenant's own types and tables first and the
 * extensions' functions and types, which stay in public, after them.
 */
import type { ResolvedConfig } from "../config/types";
import { ConfigError } from "../errors";
import { DEFAULT_SCHEMA } from "../model/types";
import type { RevisionHome } from "../ops/operations";

export function revisionHome(config: ResolvedConfig): RevisionHome | undefined {
  const schema = config.tenantSchema;
  if (schema === undefined || schema === DEFAULT_SCHEMA) return undefined;
  const requalify = config.dialect.quote.requalify;
  if (requalify === undefined) throw new ConfigError(`${config.dialect.name} has no schemas inside a database: a target cannot name schema "${schema}"`);
  return { schema, sql: (text) => requalify(text, DEFAULT_SCHEMA, null) };
}
