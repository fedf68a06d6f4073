/**
 * Which actions read or rewrite an existing table's rows on PostgreSQL:
 * the same knowledge the rules (./rules) turn into findings, said as work
 * for the estimates of a dry run. A table created earlier in the revision
 * holds no rows: nothing to say about it.
 */
import { displayIdent } from "../../../model/names";
import type { LintAction, RuleContext, TableWork } from "../../lint";

export function tableWork(action: LintAction, context: RuleContext): TableWork | undefined {
  if (!("table" in action) || context.isNew(action.table)) return undefined;
  const table = action.table;
  const scan = (because: string, certain = true): TableWork => ({ table, kind: "scan", certain, because });
  const rewrite = (because: string, certain = true): TableWork => ({ table, kind: "rewrite", certain, because });
  switch (action.kind) {
    case "createIndex":
      return scan(`builds index ${displayIdent(action.name)}${action.concurrently ? " concurrently" : ""}`);
    case "addConstraint":
      if (action.type === "foreignKey" || action.type === "check") return action.notValid ? undefined : scan(`checks every row for ${displayIdent(action.name)}`);
      // UNIQUE / PRIMARY KEY USING INDEX attach an index built beforehand
      return action.usingIndex ? undefined : scan(`builds the index of ${displayIdent(action.name)}`);
    case "validateConstraint":
      return scan(`validates ${displayIdent(action.name)}`);
    case "setNotNull":
      // PostgreSQL 12+ skips the scan when a validated check proves the column has no NULL
      return context.hasValidNotNullCheck(table, action.column) ? undefined : scan(`checks ${displayIdent(action.column)} for NULLs`);
    case "changeType": {
      const change = `type of ${displayIdent(action.column)}${action.from === undefined ? "" : ` ${action.from} ->`} ${action.to}`;
      switch (action.cost) {
        case "rewrite":
          return rewrite(change);
        case "unknown":
          return rewrite(`${change}, unless a binary-compatible widening`, false);
        case "reindex":
          return scan(`rebuilds the indexes of ${displayIdent(action.column)} (${change})`);
        case "none":
          return undefined;
      }
      return undefined;
    }
    case "addColumn": {
      const what = action.fillWith === undefined ? "" : ` (${action.fillWith})`;
      if (action.fill === "per-row") return rewrite(`fills ${displayIdent(action.column)} per row${what}`);
      if (action.fill === "unknown") return rewrite(`fills ${displayIdent(action.column)} per row if its default is volatile${what}`, false);
      return undefined;
    }
    case "writeRows": {
      const verb = action.change === "update" ? "updates" : "deletes";
      // the rows written stay locked against other writers until the transaction ends
      return action.everyRow ? scan(`${verb} every row, each locked to writers until commit`) : scan(`${verb} the rows its WHERE selects, each locked to writers until commit`, false);
    }
    default:
      return undefined;
  }
}
