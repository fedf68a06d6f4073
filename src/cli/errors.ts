import { asPrivilegeError } from "../dialect";
import { isMigratorError } from "../errors";
import { redact } from "../redact";

/**
 * One line per error (plus a hint line), exit 1 for user errors and 2 for
 * usage errors; anything else is a bug: one line and where to find the stack.
 * Every line goes through redact: a message quoting a URL or a connection
 * string (ours, yargs', pg's, a stack under --debug) prints no password.
 */
export function reportError(thrown: unknown, debug: boolean, writeRaw: (text: string) => void): number {
  const write = (text: string): void => writeRaw(redact(text));
  // a refused privilege is the user's to grant, wherever it surfaced
  const error = asPrivilegeError(thrown);
  if (isMigratorError(error)) {
    write(`error: ${oneLine(error.message)}\n`);
    if (error.hint) write(`hint: ${oneLine(error.hint)}\n`);
    if (debug && error.stack) write(`${causeChain(error)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  write(`error: ${oneLine(message)}\n`);
  if (debug) write(`${error instanceof Error ? causeChain(error) : String(error)}\n`);
  else write("hint: this looks like a bug in migrator; run with --debug for the stack\n");
  return 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function causeChain(error: Error): string {
  let text = error.stack ?? String(error);
  let cause = error.cause;
  while (cause instanceof Error) {
    text += `\ncaused by: ${cause.stack ?? cause.message}`;
    cause = cause.cause;
  }
  return text;
}
