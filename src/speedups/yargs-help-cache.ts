/**
 * After starting any command, yargs renders the whole help text (cliui,
 * wrap-ansi, string-width over every command and option) only to cache it
 * in case the handler later asks for help. Ours never do, so that rendering
 * is skipped; `--help` and usage errors render as before. Reaches into
 * yargs' internals (getInternalMethods().getUsageInstance()): where a yargs
 * version lacks them, nothing is changed.
 */
import { speedupsOn } from "./switch";

export function skipHelpCaching(parser: unknown): void {
  if (!speedupsOn()) return;
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => Record<string, unknown> } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}
