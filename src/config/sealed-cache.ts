/**
 * The config file's compiled JavaScript, kept between runs without keeping
 * what it says. A config may hold a literal password, so its entry in
 * .migrator/cache/config is sealed: AES-256-GCM under a random key of the
 * user's own (`sealing-key` in migrator's folder of the user's cache, never in
 * the project nor in a folder a variable can point into the project; none,
 * and so no entry, with MIGRATOR_CODE_CACHE=off), and
 * named by an HMAC under that key. The project's caches alone (a CI cache,
 * an image layer, a copied folder) then give neither the password nor a way
 * to test guesses of it offline; anyone holding the key and the entry could
 * as well read migrator.config.ts itself.
 *
 * What it saves: loading swc's native binding and compiling, ~20-30 ms of
 * every command. GCM's tag also makes the entry tamper- and corruption-proof:
 * a truncated, flipped or foreign entry fails to open and the config is
 * compiled again, as without a cache.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userCacheDir, userCacheOff } from "../cache-files/user-cache-dir";
import { makeCacheFolder, writeAtomically } from "../cache-files/write-atomically";

/** Changes with the entry's layout. */
const MAGIC = Buffer.from("MGRCFG\0\x01", "latin1");
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DIGEST_BYTES = 32;

export interface SealedCacheOptions {
  /** The project's cache folder (.migrator/cache); null: no cache. */
  readonly projectCache: string | null;
  /** What identifies the compiler's output (its options and version): a change makes every entry stale. */
  readonly compilerKey: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `compile()`'s result for this file and source, from the sealed entry when
 * one opens and matches the source; else compiled and sealed for next time.
 * Never throws for the cache's sake: anything wrong with it means compiling.
 */
export function compileSealed(file: string, source: string, compile: () => string, options: SealedCacheOptions): string {
  const key = options.projectCache === null ? null : sealingKey(options.env ?? process.env);
  if (key === null || options.projectCache === null) return compile();
  const entry = join(options.projectCache, "config", `${hmac(key, "entry", file).subarray(0, 16).toString("hex")}.bin`);
  const expected = hmac(key, "source", options.compilerKey, file, source);
  const known = open(entry, key, expected);
  if (known !== null) return known;
  const code = compile();
  writeAtomically(entry, seal(key, expected, code));
  return code;
}

function hmac(key: Buffer, ...parts: string[]): Buffer {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part).update("\0");
  return mac.digest();
}

/** The entry's code when it opens under `key` and was sealed for the same source; null otherwise. */
function open(entry: string, key: Buffer, expected: Buffer): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entry);
  } catch {
    return null;
  }
  const head = MAGIC.length + IV_BYTES + TAG_BYTES;
  if (bytes.length < head + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES));
    decipher.setAuthTag(bytes.subarray(MAGIC.length + IV_BYTES, head));
    const plain = Buffer.concat([decipher.update(bytes.subarray(head)), decipher.final()]);
    // an entry of this config as it was before an edit: stale, not wrong
    if (!plain.subarray(0, DIGEST_BYTES).equals(expected)) return null;
    return plain.subarray(DIGEST_BYTES).toString("utf8");
  } catch {
    return null; // the tag does not match: damaged, or sealed under another key
  }
}

function seal(key: Buffer, expected: Buffer, code: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(expected), cipher.update(code, "utf8"), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), sealed]);
}

/** The user's sealing key, made on first use (mode 0600); null where there is no user cache folder or it cannot be written. */
function sealingKey(env: NodeJS.ProcessEnv): Buffer | null {
  if (userCacheOff(env)) return null;
  const dir = userCacheDir(env);
  if (dir === null) return null;
  const file = join(dir, "sealing-key");
  const existing = readKey(file);
  if (existing !== null) return existing;
  if (!makeCacheFolder(dir)) return null;
  const fresh = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
    return fresh;
  } catch {
    // made meanwhile by another process (that one is used), or damaged (replaced: what it sealed no longer opens)
    return readKey(file) ?? (writeAtomically(file, fresh) ? fresh : null);
  }
}

function readKey(file: string): Buffer | null {
  try {
    const key = readFileSync(file);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}
