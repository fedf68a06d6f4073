/**
 * All chunks in one round trip: a temporary plpgsql function (created in the
 * outer transaction, so rolled back with it) runs each chunk inside an
 * exception block, which is a subtransaction. The block creates the chunk,
 * reads it back with the introspector's catalog statement under
 * `search_path = pg_catalog`, counts the locks it holds, then raises a
 * private SQLSTATE that the block itself catches: PostgreSQL rolls the
 * subtransaction back (its objects, its search_path, its locks) and the
 * function keeps what it read, as plpgsql variables are not transactional.
 * Any other error leaves the function as it is, rolling everything back.
 */
import type { Executor } from "../../../db/types";
import { quoteLiteral } from "../quote";
import { MigratorError } from "../../../errors";
import { CATALOG_SQL } from "../introspect/read-catalog";
import { dollarTag } from "./scratch-ddl";

export const SCRATCH_FUNCTION = "pg_temp.migrator_normalise_chunks";

/** What one chunk runs: its statements, and the catalog statement's parameters (each text[] or null). */
export interface ChunkPayload {
  readonly statements: readonly string[];
  readonly params: ReadonlyArray<readonly string[] | null>;
}

const ROLL_BACK_CHUNK = "MGRRB";

export function createScratchFunction(paramCount: number): string {
  const params = Array.from({ length: paramCount }, (_, i) =>
    `CASE WHEN json_typeof(params -> ${i}) = 'array' THEN ARRAY(SELECT json_array_elements_text(params -> ${i})) END`);
  const read = `SELECT row_to_json(catalog) FROM (${CATALOG_SQL}) AS catalog`;
  const tag = dollarTag("chunks", [read]);
  return `CREATE FUNCTION ${SCRATCH_FUNCTION}(chunks json) RETURNS json LANGUAGE plpgsql AS ${tag}
DECLARE
  chunk json;
  params json;
  statement text;
  catalog json;
  locks bigint;
  results json[] := '{}';
BEGIN
  FOR chunk IN SELECT value FROM json_array_elements(chunks) LOOP
    params := chunk -> 'params';
    BEGIN
      FOR statement IN SELECT value FROM json_array_elements_text(chunk -> 'statements') LOOP
        EXECUTE statement;
      END LOOP;
      PERFORM set_config('search_path', 'pg_catalog', true);
      EXECUTE ${quoteLiteral(read)} INTO catalog USING
        ${params.join(",\n        ")};
      SELECT count(*) INTO locks FROM pg_locks WHERE pid = pg_backend_pid();
      RAISE SQLSTATE '${ROLL_BACK_CHUNK}';
    EXCEPTION WHEN SQLSTATE '${ROLL_BACK_CHUNK}' THEN
      results := results || json_build_object('catalog', catalog, 'locks', locks);
    END;
  END LOOP;
  RETURN array_to_json(results);
END
${tag}`;
}

export function callScratchFunction(): string {
  return `SELECT ${SCRATCH_FUNCTION}($1::json) AS chunks`;
}

/** Each chunk's catalog read (as CATALOG_SQL's row) and the locks it held; `failure` turns PostgreSQL's refusal into the error to throw. */
export async function runChunks(
  executor: Executor,
  payload: readonly ChunkPayload[],
  failure: (error: unknown) => Error,
): Promise<Array<{ catalog: Record<string, unknown>; locks: number }>> {
  const chunkJson = JSON.stringify(payload);
  let value: unknown;
  try {
    const { rows } = await executor.query(callScratchFunction(), [chunkJson]);
    value = rows[0]?.["chunks"];
  } catch (error) {
    throw failure(error);
  }
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(parsed) || parsed.length !== payload.length) {
    throw new MigratorError("normalise: the scratch function returned an unexpected result");
  }
  return parsed.map((item: unknown) => {
    const entry = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    const catalog = typeof entry["catalog"] === "object" && entry["catalog"] !== null ? (entry["catalog"] as Record<string, unknown>) : {};
    return { catalog, locks: Number(entry["locks"] ?? 0) };
  });
}
