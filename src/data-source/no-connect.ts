/**
 * A DataSource module may connect as it is imported: `typeorm init` projects
 * and many tutorials end data-source.ts with `AppDataSource.initialize()`,
 * often with `synchronize: true`, which would change the database before
 * migrator compared it (dropping what the entities no longer name). While
 * migrator loads the module, the DataSource methods that connect or write
 * do nothing: each returns a promise that never settles, so neither the
 * module's `.then` (its logging on our stdout) nor a connection pool runs,
 * and the call is reported once as a warning.
 */
const GUARDED = ["initialize", "connect", "synchronize", "runMigrations", "undoLastMigration", "dropDatabase", "destroy"] as const;

/** `load()` with the DataSource class's connecting methods disabled; `called` gets each method the module called. */
export function withoutConnecting<T>(dataSourceClass: unknown, load: () => T, called: (method: string) => void): T {
  const prototype = typeof dataSourceClass === "function" ? (dataSourceClass.prototype as Record<string, unknown> | undefined) : undefined;
  if (prototype === undefined) return load();
  const saved = GUARDED.map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)] as const);
  for (const [name, descriptor] of saved) {
    if (typeof descriptor?.value !== "function") continue;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      value: function notConnecting(): Promise<never> {
        called(name);
        return new Promise<never>(() => undefined);
      },
    });
  }
  try {
    return load();
  } finally {
    for (const [name, descriptor] of saved) if (descriptor !== undefined) Object.defineProperty(prototype, name, descriptor);
  }
}
