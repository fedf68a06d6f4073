/**
 * The bad-input corpus (issue 12, "A standing suite"), kept as data: each case
 * is a command line, the files and environment it runs with, the exit code
 * and the first stderr line (a regex) a user must get. The runner
 * (bad-inputs-run.ts) adds what holds for every case: no stack trace without
 * --debug, no password in any output or cache file, the reference database
 * unchanged.
 *
 * Placeholders in args, files and env: {{db}} is a database URL carrying
 * {{secret}} as its password (the reference database for `server` cases, a
 * closed port otherwise); {{secret}} is that password.
 * Every case starts from BASE_PROJECT (config, one entity, two revisions)
 * unless `bare`, and its `files` are written over it (null leaves one out).
 */
export interface BadInput {
  readonly name: string;
  readonly args: readonly string[];
  readonly files?: Readonly<Record<string, string | null>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Start from an empty folder instead of BASE_PROJECT. */
  readonly bare?: boolean;
  /** Needs the reference database on the PostgreSQL server (not part of `npm test`). */
  readonly server?: boolean;
  /** Deterministic but slow or machine-dependent (name resolution): reliability suite only. */
  readonly slow?: boolean;
  readonly code: number;
  /** What the first line of stderr must match (/^$/: nothing on stderr). */
  readonly first: RegExp;
  /** A command run next in the same folder that must exit 0 with stdout matching (a hostile -m must leave a loadable file). */
  readonly then?: { readonly args: readonly string[]; readonly stdout: string };
}

export const SECRET = "Pw-S3cret-9137";
/** Any port nothing listens on: connections are refused at once. */
export const DOWN_URL = `postgres://app:${SECRET}@127.0.0.1:1/appdb`;

const rev = (id: string, down: string | null, body = "", extra = ""): string =>
  `/**\n * ${id}\n *\n * Revision ID: ${id}\n */\nexport const revision = "${id}";\nexport const downRevision: string | null = ${down === null ? "null" : JSON.stringify(down)};\n${extra}export async function upgrade(op: any): Promise<void> {${body}}\nexport async function downgrade(): Promise<void> {}\n`;

const ITEM = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Item {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "text" }) name!: string;\n}\n`;

export const BASE_PROJECT: Readonly<Record<string, string>> = {
  "migrator.config.ts": `export default { entities: ["entities/*.ts"], migrations: "migrations", database: { url: "{{db}}" } };\n`,
  "entities/item.ts": ITEM,
  "migrations/aaaa00000001_item.ts": rev("aaaa00000001", null, `\n  await op.execute("CREATE TABLE item (id serial PRIMARY KEY, name text NOT NULL)");\n`),
  "migrations/bbbb00000002_noop.ts": rev("bbbb00000002", "aaaa00000001"),
};

const config = (body: string): Readonly<Record<string, string>> => ({ "migrator.config.ts": body });
const withDb = (rest: string): string => `export default { entities: ["entities/*.ts"], migrations: "migrations", database: { url: "{{db}}" }, ${rest} };\n`;

/** The revision a hostile -m wrote is the new head, in the migrations folder, and loads. */
const READS_BACK = { args: ["upgrade", "head", "--sql"], stdout: "-- upgrade cccc00000003: " } as const;

export const BAD_INPUTS: readonly BadInput[] = [
  // ---- bad configs
  { name: "config: syntax error", args: ["heads"], files: config("export default {\n"), code: 1, first: /^error: syntax error in migrator\.config\.ts:1:\d+: / },
  { name: "config: throws", args: ["heads"], files: config(`throw new Error("boom");\n`), code: 1, first: /^error: cannot load migrator\.config\.ts: boom$/ },
  { name: "config: no default export", args: ["heads"], files: config("export const x = 1;\n"), code: 1, first: /^error: unknown key "x" in migrator\.config\.ts$/ },
  { name: "config: default export is a number", args: ["heads"], files: config("export default 42;\n"), code: 1, first: /^error: migrator\.config\.ts must export a config object/ },
  { name: "config: unknown key", args: ["heads"], files: config(withDb(`entitys: []`)), code: 1, first: /^error: unknown key "entitys" in migrator\.config\.ts$/ },
  { name: "config: entities is a string", args: ["check"], files: config(`export default { entities: "entities/*.ts", database: { url: "{{db}}" } };\n`), code: 2, first: /^error: "entities" in migrator\.config\.ts must be a list of globs or entity classes, got "entities\/\*\.ts"$/ },
  { name: "config: transactionMode unknown", args: ["heads"], files: config(withDb(`transactionMode: "sometimes"`)), code: 1, first: /^error: "transactionMode" in migrator\.config\.ts must be "per-revision" or "all", got "sometimes"$/ },
  { name: "config: lockTimeout negative", args: ["heads"], files: config(withDb(`lockTimeout: -1`)), code: 1, first: /^error: "lockTimeout" in migrator\.config\.ts must be a non-negative number, got number -1$/ },
  { name: "config: lockTimeout a string", args: ["heads"], files: config(withDb(`lockTimeout: "10"`)), code: 1, first: /^error: "lockTimeout" in migrator\.config\.ts must be a non-negative number, got "10"$/ },
  { name: "config: statementTimeout NaN", args: ["heads"], files: config(withDb(`statementTimeout: NaN`)), code: 1, first: /^error: "statementTimeout" in migrator\.config\.ts must be a non-negative number, got number NaN$/ },
  { name: "config: empty versionTable", args: ["heads"], files: config(withDb(`versionTable: ""`)), code: 1, first: /^error: "versionTable" in migrator\.config\.ts must be a non-empty string, got ""$/ },
  { name: "config: migrations a number", args: ["heads"], files: config(`export default { entities: [], migrations: 42, database: { url: "{{db}}" } };\n`), code: 1, first: /^error: "migrations" in migrator\.config\.ts must be a folder or a list of folders, got number 42$/ },
  { name: "config: database a number", args: ["current"], files: config(`export default { entities: [], migrations: "migrations", database: 42 };\n`), code: 1, first: /^error: "database" in migrator\.config\.ts must be \{ url: "postgres:\/\/\.\.\." \} or \{ embedded: "<folder>" \}, got number 42$/ },
  { name: "config: database url a number", args: ["current"], files: config(`export default { entities: [], migrations: "migrations", database: { url: 5, password: "{{secret}}" } };\n`), code: 1, first: /^error: "database" in migrator\.config\.ts must be .*, got keys "url", "password"$/ },
  { name: "config: embedded folder a number", args: ["current"], files: config(`export default { entities: [], migrations: "migrations", database: { embedded: 42 } };\n`), code: 1, first: /^error: "database\.embedded" in migrator\.config\.ts must be a non-empty string, got number 42$/ },
  { name: "config: include.tables not a list", args: ["heads"], files: config(withDb(`include: { tables: "item" }`)), code: 1, first: /^error: "include" in migrator\.config\.ts must be an object \{ schemas\?: string\[\], tables\?: string\[\] \}/ },
  { name: "config: imports a missing module", args: ["heads"], files: config(`import x from "./nothere";\nexport default x;\n`), code: 1, first: /^error: cannot load migrator\.config\.ts: cannot resolve "\.\/nothere"$/ },
  { name: "config: imports a missing package", args: ["heads"], files: config(`import x from "no-such-package-xyz";\nexport default x;\n`), code: 1, first: /^error: cannot load migrator\.config\.ts: cannot resolve "no-such-package-xyz"$/ },
  { name: "config: type error is not checked, wrong shape is", args: ["heads"], files: config(withDb(`renames: "a:b"`)), code: 1, first: /^error: "renames" in migrator\.config\.ts must be a list of/ },
  { name: "config: missing template file", args: ["revision", "-m", "x"], files: config(withDb(`template: "nothere.ts.tmpl"`)), code: 1, first: /^error: cannot read the revision template \S+\/nothere\.ts\.tmpl$/ },
  { name: "config: missing dataSource module", args: ["check"], files: config(withDb(`dataSource: "nothere.ts"`)), code: 2, first: /^error: data source file not found: nothere\.ts$/ },
  { name: "config: empty file", args: ["heads"], files: config(""), code: 1, first: /^error: migrator\.config\.ts exports nothing$/ },
  { name: "config: binary garbage", args: ["heads"], files: config("\u0000\u0001\u0002\uFFFD{{{"), code: 1, first: /^error: syntax error in migrator\.config\.ts:1:1: / },
  { name: "--config: missing file", args: ["heads", "--config", "nothere.config.ts"], code: 1, first: /^error: config file not found: nothere\.config\.ts$/ },
  { name: "--config: a folder", args: ["heads", "--config", "migrations"], code: 1, first: /^error: --config "migrations" is a folder, not a config file$/ },
  { name: "--config: no value", args: ["heads", "--config"], code: 1, first: /^error: --config "" is a folder, not a config file$/ },
  { name: "no config in an empty folder", args: ["current"], bare: true, code: 1, first: /^error: config file not found: migrator\.config\.ts$/ },
  { name: "-d: missing module", args: ["check", "-d", "nothere.ts"], code: 2, first: /^error: data source file not found: nothere\.ts$/ },
  { name: "-d: module exports no DataSource", args: ["check", "-d", "ds.ts"], files: { "ds.ts": "export const x = 1;\n" }, code: 2, first: /^error: ds\.ts exports no TypeORM DataSource$/ },

  // ---- entity files
  { name: "entity: syntax error", args: ["check"], server: true, files: { "entities/item.ts": "export class {\n" }, code: 2, first: /^error: syntax error in entity file entities\/item\.ts:1:\d+: / },
  { name: "entity: imports a missing module", args: ["check"], server: true, files: { "entities/item.ts": `import "./nothere";\n` }, code: 2, first: /^error: cannot load entity file entities\/item\.ts: cannot resolve "\.\/nothere"$/ },
  { name: "entity: throws at load", args: ["check"], server: true, files: { "entities/item.ts": `throw new Error("entity boom");\n` }, code: 2, first: /^error: cannot load entity file entities\/item\.ts: entity boom$/ },
  { name: "entity: explicit path missing", args: ["check"], server: true, files: config(`export default { entities: ["entities/nothere.ts"], database: { url: "{{db}}" } };\n`), code: 2, first: /^error: no entity files match "entities\/nothere\.ts" \(in \S+\)$/ },

  // ---- bad revision files and headers
  { name: "revision: syntax error", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": "export const revision = ;\n" }, code: 1, first: /^error: \S+\/cccc00000003_bad\.ts: `revision` must be a string literal/ },
  { name: "revision: no revision export", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": `export const downRevision = "bbbb00000002";\n` }, code: 1, first: /^error: \S+\/cccc00000003_bad\.ts is not a revision file: no `export const revision/ },
  { name: "revision: empty file", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": "" }, code: 1, first: /^error: \S+\/cccc00000003_bad\.ts is not a revision file/ },
  { name: "revision: id is a number", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": `export const revision = 42;\nexport const downRevision = "bbbb00000002";\n` }, code: 1, first: /^error: \S+\/cccc00000003_bad\.ts: `revision` must be a string literal.*, not 42;$/ },
  { name: "revision: downRevision is a number", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": `export const revision = "cccc00000003";\nexport const downRevision = 7;\n` }, code: 1, first: /^error: \S+\/cccc00000003_bad\.ts: `downRevision` must be a string literal.*, not 7;$/ },
  { name: "revision: parent missing", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "ffff00000009") }, code: 1, first: /^error: revision cccc00000003 in \S+ has downRevision ffff00000009, which does not exist$/ },
  { name: "revision: duplicate id", args: ["heads"], files: { "migrations/cccc00000003_dup.ts": rev("bbbb00000002", "aaaa00000001") }, code: 1, first: /^error: revision bbbb00000002 is defined twice: in \S+\/bbbb00000002_noop\.ts and in \S+\/cccc00000003_dup\.ts$/ },
  { name: "revision: cycle", args: ["heads"], files: { "migrations/aaaa00000001_item.ts": rev("aaaa00000001", "bbbb00000002") }, code: 1, first: /^error: revisions form a cycle: / },
  { name: "revision: self parent", args: ["history"], files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "cccc00000003") }, code: 1, first: /^error: revision cccc00000003 in \S+ names itself as its downRevision$/ },
  { name: "revision: id with a quote", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": rev("cc'; DROP TABLE victim; --", "bbbb00000002") }, code: 1, first: /^error: revision id "cc'; DROP TABLE victim; --" in \S+ is empty or contains whitespace$/ },
  { name: "revision: id empty", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": rev("", "bbbb00000002") }, code: 1, first: /^error: revision id "" in \S+ is empty or contains whitespace$/ },
  { name: "revision: throws at import", args: ["upgrade", "head", "--sql"], files: { "migrations/cccc00000003_bad.ts": `${rev("cccc00000003", "bbbb00000002")}throw new Error("revision boom");\n` }, code: 1, first: /^error: cannot load revision cccc00000003 migrations\/cccc00000003_bad\.ts: revision boom$/ },
  { name: "revision: upgrade is not a function", args: ["upgrade", "head", "--sql"], files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "bbbb00000002").replace(/export async function upgrade[^\n]*\n/, "export const upgrade = 5;\n") }, code: 1, first: /^error: revision cccc00000003 \(migrations\/cccc00000003_bad\.ts\) has no exported `upgrade\(op\)` function$/ },
  { name: "revision: transactional not a boolean", args: ["upgrade", "head", "--sql"], files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "bbbb00000002", "", `export const transactional = "no";\n`) }, code: 1, first: /^error: revision cccc00000003 \(migrations\/cccc00000003_bad\.ts\) exports transactional = "no": it must be true or false$/ },
  { name: "revision: dependsOn missing", args: ["heads"], files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "bbbb00000002", "", `export const dependsOn = ["ffff00000009"];\n`) }, code: 1, first: /^error: revision cccc00000003 in \S+ depends on ffff00000009, which is neither a revision nor a branch label$/ },
  { name: "sql revision: unknown header key", args: ["heads"], files: { "migrations/cccc00000003_bad.sql": "-- revision: cccc00000003\n-- down_revison: bbbb00000002\nSELECT 1;\n" }, code: 1, first: /^error: \S+\/cccc00000003_bad\.sql:2: unknown header key `down_revison` \(did you mean `down_revision`\?\)$/ },
  { name: "sql revision: duplicate key", args: ["heads"], files: { "migrations/cccc00000003_bad.sql": "-- revision: cccc00000003\n-- down_revision: bbbb00000002\n-- down_revision: none\n" }, code: 1, first: /^error: \S+\/cccc00000003_bad\.sql:3: `down_revision` is given twice \(first at line 2\); a header gives each key once$/ },
  { name: "sql revision: COMMIT in a transactional one", args: ["upgrade", "head", "--sql"], files: { "migrations/cccc00000003_bad.sql": "-- revision: cccc00000003\n-- down_revision: bbbb00000002\nSELECT 1;\nCOMMIT;\n-- @UNDO\n" }, code: 1, first: /^error: migrations\/cccc00000003_bad\.sql:4: COMMIT inside the revision's transaction would break its atomicity$/ },
  { name: "sql revision: unterminated string", args: ["upgrade", "head", "--sql"], files: { "migrations/cccc00000003_bad.sql": "-- revision: cccc00000003\n-- down_revision: bbbb00000002\nSELECT 'x;\n-- @UNDO\n" }, code: 1, first: /^error: migrations\/cccc00000003_bad\.sql:3: unterminated quoted string$/ },
  { name: "migrations folder missing", args: ["heads"], files: config(`export default { entities: [], migrations: "nothere", database: { url: "{{db}}" } };\n`), code: 1, first: /^error: revision folder \S+\/nothere does not exist$/ },

  // ---- hostile -m messages: written as data, exit 0
  { name: "-m: SQL injection", args: ["revision", "-m", "'; DROP TABLE victim; --", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: comment close and code", args: ["revision", "-m", "*/ process.exit(3); /*", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: path traversal", args: ["revision", "-m", "../../../../tmp/evil", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: backticks and ${}", args: ["revision", "-m", "`${process.exit(4)}`", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: newlines", args: ["revision", "-m", "a\n*/\nprocess.exit(5)\n/*", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: backslashes and quotes", args: ["revision", "-m", `\\'"\\"\\\\`, "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: unicode", args: ["revision", "-m", "naïve ☃ 𝄞 \u202Eevil", "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: 5000 characters", args: ["revision", "-m", "x".repeat(5000), "--rev-id", "cccc00000003"], code: 0, first: /^$/, then: READS_BACK },
  { name: "-m: empty", args: ["revision", "-m", ""], code: 2, first: /^error: a revision needs a message \(-m\)$/ },
  { name: "-m: no value", args: ["revision", "-m"], code: 2, first: /^error: a revision needs a message \(-m\)$/ },
  { name: "revision: no -m", args: ["revision"], code: 2, first: /^error: a revision needs a message \(-m\)$/ },
  { name: "--rev-id: a quote", args: ["revision", "-m", "x", "--rev-id", "ab'; DROP TABLE victim; --"], code: 1, first: /^error: revision id "ab'; DROP TABLE victim; --" in --rev-id is empty or contains whitespace$/ },
  { name: "--rev-id: a path", args: ["revision", "-m", "x", "--rev-id", "../../evil"], code: 1, first: /^error: fileTemplate "\{rev\}_\{slug\}" gives an unusable file name "\.\.\/\.\.\/evil_x"$/ },
  { name: "--rev-id: taken", args: ["revision", "-m", "x", "--rev-id", "aaaa00000001"], code: 1, first: /^error: revision aaaa00000001 already exists in \S+\/aaaa00000001_item\.ts$/ },
  { name: "--head: unknown", args: ["revision", "-m", "x", "--head", "ffff00000009"], code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "--version-path: not configured", args: ["revision", "-m", "x", "--version-path", "/tmp"], code: 1, first: /^error: --version-path \/tmp is not one of the configured revision folders$/ },
  { name: "--rename-column: malformed", args: ["revision", "--autogenerate", "-m", "x", "--rename-column", "nocolon"], code: 2, first: /^error: --rename-column nocolon: expected TABLE\.OLD:NEW$/ },

  // ---- bad targets (offline: no connection)
  { name: "upgrade: unknown target --sql", args: ["upgrade", "ffff00000009", "--sql"], code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "upgrade: empty target --sql", args: ["upgrade", "", "--sql"], code: 1, first: /^error: empty revision target$/ },
  { name: "upgrade: injection as target --sql", args: ["upgrade", "head'; DROP TABLE victim; --", "--sql"], code: 1, first: /^error: no revision or branch label "head'; DROP TABLE victim; --"$/ },
  { name: "upgrade: no target", args: ["upgrade"], code: 2, first: /^error: upgrade needs a TARGET$/ },
  { name: "upgrade: relative garbage --sql", args: ["upgrade", "+abc", "--sql"], code: 1, first: /^error: no revision or branch label "\+abc"$/ },
  { name: "upgrade: head+5 --sql", args: ["upgrade", "head+5", "--sql"], code: 1, first: /^error: head\+5: cannot move 5 step\(s\) up, stopped after 0 at bbbb00000002: it is a head$/ },
  { name: "downgrade: a range backwards --sql", args: ["downgrade", "aaaa00000001:bbbb00000002", "--sql"], code: 1, first: /^error: downgrade bbbb00000002: revision bbbb00000002 is not applied \(current: aaaa00000001\)$/ },
  { name: "show: unknown revision", args: ["show", "ffff00000009"], code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "show: ambiguous prefix", args: ["show", "xx"], files: { "migrations/xxaa00000003_a.ts": rev("xxaa00000003", "bbbb00000002"), "migrations/xxbb00000004_b.ts": rev("xxbb00000004", "bbbb00000002") }, code: 1, first: /^error: revision prefix "xx" is ambiguous: xxaa00000003 / },
  { name: "merge: one revision", args: ["merge", "bbbb00000002", "-m", "m"], code: 1, first: /^error: merge needs at least two revisions, got bbbb00000002$/ },
  { name: "merge: unknown revision", args: ["merge", "bbbb00000002", "ffff00000009", "-m", "m"], code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "history: bad range", args: ["history", "-r", "nope"], code: 1, first: /^error: history range "nope" must look like A:B, A: or :B$/ },

  // ---- unknown commands and options
  { name: "unknown command", args: ["frobnicate"], code: 2, first: /^error: unknown command "frobnicate"$/ },
  { name: "misspelled command", args: ["upgrad", "head"], code: 2, first: /^error: unknown command "upgrad"$/ },
  { name: "no command", args: [], code: 2, first: /^error: name a command; see migrator --help$/ },
  { name: "unknown option", args: ["heads", "--nope"], code: 2, first: /^error: Unknown argument: nope$/ },
  { name: "extra argument", args: ["heads", "extra"], code: 2, first: /^error: Unknown argument: extra$/ },

  // ---- numeric options
  { name: "--lock-timeout: not a number", args: ["upgrade", "head", "--lock-timeout", "abc"], code: 2, first: /^error: --lock-timeout must be a non-negative number, got "abc"$/ },
  { name: "--lock-timeout: negative", args: ["upgrade", "head", "--lock-timeout=-5"], code: 2, first: /^error: --lock-timeout must be a non-negative number, got "-5"$/ },
  { name: "--lock-timeout: no value", args: ["upgrade", "head", "--lock-timeout"], code: 2, first: /^error: --lock-timeout needs a number$/ },
  { name: "--lock-timeout: Infinity", args: ["stamp", "head", "--lock-timeout", "Infinity"], code: 2, first: /^error: --lock-timeout must be a non-negative number, got "Infinity"$/ },
  { name: "--lock-timeout: empty", args: ["upgrade", "head", "--lock-timeout="], code: 2, first: /^error: --lock-timeout must be a non-negative number, got ""$/ },

  // ---- bad URLs, each with a password
  { name: "--url: not a URL", args: ["current", "--url", "not a url {{secret}}"], code: 1, first: /^error: database url is not a valid URL$/ },
  { name: "--url: mysql, down", args: ["current", "--url", "mysql://u:{{secret}}@127.0.0.1:1/db"], code: 1, first: /^error: cannot connect to mysql:\/\/u@127\.0\.0\.1:1\/db: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "--url: unknown scheme", args: ["current", "--url", "http://u:{{secret}}@127.0.0.1/db"], code: 1, first: /^error: database url: unknown scheme http:\/\/$/ },
  { name: "--url: unterminated IPv6 host", args: ["current", "--url", "postgres://u:{{secret}}@[::1/db"], code: 1, first: /^error: database url is not a valid URL$/ },
  { name: "--url: port out of range", args: ["current", "--url", "postgres://u:{{secret}}@127.0.0.1:99999/db"], code: 1, first: /^error: database url is not a valid URL$/ },
  { name: "--url: empty", args: ["current", "--url", ""], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "--url: unknown host", args: ["current", "--url", "postgres://u:{{secret}}@no-such-host.invalid/db"], slow: true, code: 1, first: /^error: cannot connect to postgres:\/\/u@no-such-host\.invalid:5432\/db: getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid$/ },
  { name: "--url: percent-encoded password, down", args: ["current", "--url", "postgres://u:%25{{secret}}%40x@127.0.0.1:1/db"], code: 1, first: /^error: cannot connect to postgres:\/\/u@127\.0\.0\.1:1\/db: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "config url from an unset env variable", args: ["current"], files: config(`export default { entities: [], migrations: "migrations", database: { url: process.env.NOT_SET_XYZ } };\n`), code: 1, first: /^error: "database\.url" in migrator\.config\.ts must be a non-empty string, got nothing \(undefined\)$/ },
  { name: "server: database does not exist", args: ["current", "--url", "postgres://postgres:{{secret}}@127.0.0.1:5432/no_such_db_xyz"], server: true, code: 1, first: /^error: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:5432\/no_such_db_xyz: database "no_such_db_xyz" does not exist$/ },
  { name: "server: role does not exist", args: ["current", "--url", "postgres://no_such_role_xyz:{{secret}}@127.0.0.1:5432/postgres"], server: true, code: 1, first: /^error: cannot connect to postgres:\/\/no_such_role_xyz@127\.0\.0\.1:5432\/postgres: role "no_such_role_xyz" does not exist$/ },

  // ---- the database is down (config URL on a closed port)
  { name: "down: current", args: ["current"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: upgrade head", args: ["upgrade", "head"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: downgrade base", args: ["downgrade", "base"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: stamp head", args: ["stamp", "head"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: status", args: ["status"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: check", args: ["check"], code: 2, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: validate", args: ["validate"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: revision --autogenerate", args: ["revision", "--autogenerate", "-m", "x"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: history -i", args: ["history", "-i"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },
  { name: "down: --debug prints a stack, still no password", args: ["current", "--debug"], code: 1, first: /^error: cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/appdb: connect ECONNREFUSED 127\.0\.0\.1:1$/ },

  // ---- against the reference database: refused, nothing changed
  { name: "server: upgrade unknown target", args: ["upgrade", "ffff00000009"], server: true, code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "server: downgrade above current", args: ["downgrade", "+1"], server: true, code: 1, first: /^error: downgrade \+1: a relative step up is an upgrade$/ },
  { name: "server: stamp unknown", args: ["stamp", "ffff00000009"], server: true, code: 1, first: /^error: no revision or branch label "ffff00000009"$/ },
  { name: "server: upgrade past head", args: ["upgrade", "+1"], server: true, code: 1, first: /^error: \+1: cannot move 1 step\(s\) up, stopped after 0 at bbbb00000002: it is a head$/ },
  { name: "server: applied revision file gone", args: ["upgrade", "head"], server: true, files: { "migrations/bbbb00000002_noop.ts": null }, code: 1, first: /^error: the database is at revision bbbb00000002, which no revision file defines$/ },
  { name: "server: failing revision rolls back", args: ["upgrade", "head"], server: true, files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "bbbb00000002", `\n  await op.execute("CREATE TABLE side (id int)");\n  await op.execute("SELECT * FROM no_such_table_xyz");\n`) }, code: 1, first: /^error: upgrade of revision cccc00000003 \(migrations\/cccc00000003_bad\.ts\) failed: relation "no_such_table_xyz" does not exist \[SQLSTATE 42P01\]: statement: SELECT \* FROM no_such_table_xyz$/ },
  { name: "server: revision syntax error at upgrade", args: ["upgrade", "head"], server: true, files: { "migrations/cccc00000003_bad.ts": rev("cccc00000003", "bbbb00000002", `\n  await op.execute("CREATE TABLE side (id int)");\n  await op.execute("CREATE TABLE (");\n`) }, code: 1, first: /^error: upgrade of revision cccc00000003 \(migrations\/cccc00000003_bad\.ts\) failed: syntax error at or near "\(" \[SQLSTATE 42601\]: statement: CREATE TABLE \($/ },
  { name: "server: --lock-timeout with no value", args: ["stamp", "base", "--lock-timeout"], server: true, code: 2, first: /^error: --lock-timeout needs a number$/ },
];
