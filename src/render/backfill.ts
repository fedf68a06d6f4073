/** `await op.backfill(table, { set, where, ... })`, expressions as op.sql templates with their values interpolated. */
import { DEFAULT_BACKFILL_BATCH } from "../ops/backfill-spec";
import type { BackfillOp, SqlExpression } from "../ops/types";
import { call, flat, layout, text, type CallDoc, type Doc } from "./doc";
import { refDoc } from "./specs";
import { objectDoc, stringsDoc, valueDoc } from "./value";

/** Template text that reads back as the same cooked string, on one line. */
function templateText(raw: string): string {
  return raw
    .replace(/\\/g, "\\\\")
    .replace(/`/g, "\\`")
    .replace(/\$\{/g, "\\${")
    .replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function sqlExpressionDoc(expression: SqlExpression): Doc {
  let out = `op.sql\`${templateText(expression.text[0] ?? "")}`;
  expression.params.forEach((value, i) => {
    const doc = valueDoc(value);
    out += `\${${flat(doc) ?? layout(doc)}}${templateText(expression.text[i + 1] ?? "")}`;
  });
  return text(`${out}\``);
}

export function backfillDoc(op: BackfillOp): CallDoc {
  const set = objectDoc(op.set.map((a): [string, Doc] => [a.column, "expression" in a ? sqlExpressionDoc(a.expression) : valueDoc(a.value)]));
  const options = objectDoc([
    ["set", set],
    ["where", op.where === undefined ? undefined : sqlExpressionDoc(op.where)],
    ["batchSize", op.batchSize === DEFAULT_BACKFILL_BATCH ? undefined : text(String(op.batchSize))],
    ["key", op.key === undefined ? undefined : stringsDoc(op.key)],
    ["pauseMs", op.pauseMs === undefined ? undefined : text(String(op.pauseMs))],
  ]);
  return call("await op.backfill", [refDoc(op.table), options]);
}
