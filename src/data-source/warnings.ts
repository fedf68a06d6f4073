/** Warnings from loading DataSource modules, kept apart so the CLI can take them without loading the loader. */
const pending: string[] = [];

export function warnAboutDataSource(warning: string): void {
  pending.push(warning);
}

/** What loading DataSource modules had to say since the last call (the CLI prints it on stderr). */
export function takeDataSourceWarnings(): string[] {
  return pending.splice(0);
}
