/**
 * The ops arbitrary of test/unit/ops also builds states PostgreSQL and the op
 * API rule out (a column with both a default and an identity, INITIALLY
 * DEFERRED without DEFERRABLE, a foreign key whose two column lists differ in
 * length, a column placed after itself). The renderer writes API calls, so
 * these are mapped to the nearest state the API can express before a round
 * trip.
 */
import fc from "fast-check";
import { dataLoss } from "../../../src/ops/loss";
import type { Operation } from "../../../src/ops/types";
import { reversibleOp } from "../ops/arbitraries";
import { postgres } from "../../../src/dialect";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function fix(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fix);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fix(v)]));
  if (typeof out.deferrable === "boolean" && out.initiallyDeferred === true) out.deferrable = true;
  if ("serial" in out && "identity" in out && "generated" in out && "default" in out) {
    // A column has at most one of identity, generated and default.
    if (out.identity !== null) out.generated = out.default = null;
    else if (out.generated !== null) out.default = null;
  }
  if (Array.isArray(out.columns) && Array.isArray(out.referencedColumns)) {
    const n = Math.min(out.columns.length, out.referencedColumns.length);
    out.columns = out.columns.slice(0, n);
    out.referencedColumns = out.referencedColumns.slice(0, n);
  }
  return out;
}

/** The API refuses a column placed after itself. */
function placeable(op: Operation): Operation {
  if (op.kind !== "addColumn" && op.kind !== "dropColumn") return op;
  const name = op.kind === "addColumn" ? op.column.name : op.column;
  if (op.position === undefined || !("after" in op.position) || op.position.after !== name) return op;
  const { position: _itself, ...rest } = op;
  return rest;
}

export function representable(op: Operation): Operation {
  const { destructive: _ignored, ...rest } = placeable(fix(op) as Operation);
  const loss = dataLoss(rest, postgres.types);
  return loss === undefined ? rest : { ...rest, destructive: loss };
}

/** Ops of every reversible kind in states the op API can build. */
export const apiOp: fc.Arbitrary<Operation> = reversibleOp.map(representable);
