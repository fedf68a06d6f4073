/**
 * Number options as typed. yargs and yargs-parser read `--lock-timeout abc`
 * as NaN and a bare `--lock-timeout` as nothing, and run the command anyway
 * (a lock wait of NaN ms is no wait at all); both parse paths refuse such a
 * value here instead, naming the option and what was given.
 */
import { UsageError } from "../errors";

export interface NumberOptionSpec {
  readonly type?: string;
  readonly alias?: string | readonly string[];
}

/** Throws a UsageError for the first number option in `argv` whose value is not a non-negative number. */
export function checkNumberOptions(argv: readonly string[], options: ReadonlyMap<string, NumberOptionSpec>): void {
  const spellings = new Map<string, string>();
  for (const [key, spec] of options) {
    if (spec.type !== "number") continue;
    const aliases = spec.alias === undefined ? [] : typeof spec.alias === "string" ? [spec.alias] : [...spec.alias];
    for (const name of [key, ...aliases]) {
      spellings.set(name, key);
      spellings.set(camelCase(name), key);
    }
  }
  if (spellings.size === 0) return;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return;
    const match = /^--?(no-)?([^=]+)(?:=(.*))?$/s.exec(arg);
    const key = match ? spellings.get(match[2] as string) : undefined;
    if (!match || key === undefined) continue;
    const next = argv[i + 1];
    const raw = match[1] ? undefined : match[3] ?? (next !== undefined && !/^--?[^\d.]/.test(next) ? next : undefined);
    if (raw === undefined) {
      throw new UsageError(`${flag(key)} needs a number`, { hint: `e.g. ${flag(key)} 5000` });
    }
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`${flag(key)} must be a non-negative number, got ${JSON.stringify(raw)}`, { hint: `e.g. ${flag(key)} 5000` });
    }
  }
}

function camelCase(name: string): string {
  return name.replace(/-+([^-])/g, (_, c: string) => c.toUpperCase());
}

/** How the option is spelled on a command line: `-n`, `--lock-timeout`. */
function flag(key: string): string {
  return key.length === 1 ? `-${key}` : `--${key}`;
}
