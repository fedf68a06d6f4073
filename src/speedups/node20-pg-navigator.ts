/**
 * NODE 20 ONLY: delete when Node 20 support is dropped (Node 21+ has a
 * global `navigator`, and this does nothing there).
 *
 * pg probes for Cloudflare Workers when it loads: without a global
 * `navigator` it builds a `Response`, which makes Node load undici, about
 * 150 ms of every command that talks to a server. A navigator that is there
 * only while pg loads answers the probe instead.
 */
import { speedupsOn } from "./switch";

/** `load()` (the require of pg) with a navigator in place when there is none. */
export function withNavigatorWhileLoading<T>(load: () => T): T {
  const global = globalThis as { navigator?: unknown };
  if (!speedupsOn() || global.navigator !== undefined) return load();
  Object.defineProperty(globalThis, "navigator", { value: { userAgent: "Node.js" }, configurable: true, writable: true });
  try {
    return load();
  } finally {
    delete global.navigator;
  }
}
