/**
 * `history -r -2:` and `-r -1:head`: yargs-parser reads a word that starts
 * with "-" and is not a number as options (`-2:` became the flags `2` and
 * `:`), so relative ranges never reached the command. A word of that shape
 * (a dash and a digit) after a string option is attached to it, `-r=-2:`,
 * which both parsers read as the option's value. A positional of that shape
 * that is not a plain number (`downgrade -1:base --sql`) is marked with a
 * private-use character the parsers take for text, and unmarked in the
 * parsed arguments before the command sees them (restoreDashWords).
 */
import type { CliCommand } from "./define";
import { commandOptions } from "./command-syntax";
import { aliasesOf, GLOBAL_OPTIONS, type OptionSpec } from "./global-options";

const DASH_DIGIT = /^-\d/;
/** `-1` is read as a number already; `-1:base`, `-2:` are not. */
const DASH_WORD = /^-\d+[^\d]/;
const MARK = "\uE000";

export function attachDashValues(argv: readonly string[], command: CliCommand | undefined): readonly string[] {
  if (!argv.some((arg) => DASH_DIGIT.test(arg))) return argv;
  const flags = stringFlags((command && commandOptions(command)) ?? GLOBAL_OPTIONS);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === "--") return [...out, ...argv.slice(i)];
    if (flags.has(arg) && next !== undefined && DASH_DIGIT.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(DASH_WORD.test(arg) ? `${MARK}${arg}` : arg);
  }
  return out;
}

function stringFlags(options: ReadonlyMap<string, OptionSpec>): Set<string> {
  const flags = new Set<string>();
  for (const [key, spec] of options) {
    if (spec.type !== "string") continue;
    for (const name of [key, ...aliasesOf(spec)]) flags.add(name.length === 1 ? `-${name}` : `--${name}`);
  }
  return flags;
}

/** The parsed arguments with attachDashValues' marks taken off again. */
export function restoreDashWords<T extends object>(args: T): T {
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === "string" && value.startsWith(MARK)) (args as Record<string, unknown>)[key] = value.slice(MARK.length);
    else if (Array.isArray(value)) {
      (args as Record<string, unknown>)[key] = value.map((item: unknown) => (typeof item === "string" && item.startsWith(MARK) ? item.slice(MARK.length) : item));
    }
  }
  return args;
}
