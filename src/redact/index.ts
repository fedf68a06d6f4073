/**
 * Credentials out of text migrator prints: a database URL's password
 * (`postgres://user:***@host/db`) and password settings in connection strings
 * or object text (`password=***`, `password: ***`). One function, used where
 * a message quotes user input and once more by the CLI's error reporter, so a
 * message nobody thought of still loses its secret. Only the secret goes: the
 * user, host and the words around it stay, so the message still says what
 * failed ("password authentication failed for user ...").
 */

/**
 * `scheme://user:secret@`: the secret runs to the last `@` of the word, as a
 * URL parser reads it (an unescaped `@` in a password is a common mistake).
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):\S*@/gi;

/** `password=secret`, `PGPASSWORD=secret`, `?password=secret&`, `password='se cret'`. */
const KEY_VALUE = /\b([\w-]*password\s*=\s*)('(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|[^\s&;,'"]+)/gi;

/** `password: "secret"` and `"password": "secret"` (a config's object text, JSON). */
const PROPERTY = /\b([\w-]*password["']?\s*:\s*)("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?)/gi;

const HIDDEN = "***";

export function redact(text: string): string {
  return text.replace(URL_PASSWORD, `$1:${HIDDEN}@`).replace(KEY_VALUE, `$1${HIDDEN}`).replace(PROPERTY, `$1${HIDDEN}`);
}
