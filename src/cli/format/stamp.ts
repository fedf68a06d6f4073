import type { StampResult } from "../../commands/stamp";

export function formatStamp(result: StampResult): string {
  if (result.sql !== undefined) return result.sql;
  const show = (ids: readonly string[]): string => (ids.length === 0 ? "base" : ids.join(", "));
  return `stamped ${show(result.to)} (was ${show(result.from)})`;
}
