/** Double-quotes an identifier the way PostgreSQL expects (embedded quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
