/**
 * Rendering a revision file from the Handlebars template. The template gets
 * the variables below plus config.templateArgs; helpers turn values into
 * TypeScript literals and bodies into indented code, or, for an .sql
 * revision (templates/revision.sql.hbs), into header values and SQL.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Handlebars from "handlebars";
import { RevisionError } from "../errors";
import { formatCreateDate, printableLine } from "./naming";

/** The template shipped with the package (same relative place from src/ and dist/). */
export { PACKAGED_TEMPLATE_PATH as PACKAGED_TEMPLATE } from "../config/load";

export interface RevisionFileContent {
  readonly message: string;
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly createDate: Date;
  /** Extra import lines, written as they are. */
  readonly imports?: readonly string[];
  /** Statement lines of upgrade()/downgrade(), not indented (the template indents them). */
  readonly upgrades?: string;
  readonly downgrades?: string;
  /** An .sql revision with statements that cannot run in a transaction (`-- transactional: false`). */
  readonly nonTransactional?: boolean;
  /** The database commits each DDL statement at once (MySQL): the file says what a failure half-way leaves. */
  readonly ddlCommitsAtOnce?: boolean;
}

const PLACEHOLDER = "// nothing to do";
const SQL_PLACEHOLDER = "-- nothing to do";

function createRenderer(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("tsLiteral", (value: unknown) => tsLiteral(value));
  hb.registerHelper("body", (value: unknown) => indentBody(typeof value === "string" ? value : ""));
  // an empty body leaves `op` unused: named `_op`, the file compiles under noUnusedParameters
  hb.registerHelper("opParam", (value: unknown) => (typeof value === "string" && value.trim() !== "" ? "op" : "_op"));
  // one comment line per message line; nothing in a line can end the comment or the line
  hb.registerHelper("docComment", (value: unknown) =>
    String(value ?? "").replace(/\*\//g, "*\\/").split(/\r?\n/).map(printableLine).join("\n * "),
  );
  // .sql header values: ids comma-separated (`none` for no parent), the message's further lines
  // indented so that none reads as a `-- key:` or `-- @UNDO` line (sql-header.ts)
  hb.registerHelper("sqlList", (value: unknown) => sqlList(value));
  hb.registerHelper("sqlMessage", (value: unknown) =>
    String(value ?? "")
      .split(/\r?\n/)
      .map(printableLine)
      .map((line, i) => (i === 0 ? line : line.trim() === "" ? "--" : `--   ${line}`))
      .join("\n"),
  );
  hb.registerHelper("sqlBody", (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.replace(/\s+$/, "") : SQL_PLACEHOLDER));
  return hb;
}

/** A value as TypeScript source: strings double-quoted, lists inline, null. */
export function tsLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  throw new RevisionError(`cannot render ${typeof value} as a TypeScript literal in a revision file`);
}

function sqlList(value: unknown): string {
  const items = value === null || value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  return items.length === 0 ? "none" : items.map(printableLine).join(", ");
}

function indentBody(body: string): string {
  if (body.trim() === "") return `  ${PLACEHOLDER}`;
  return body
    .replace(/\s+$/, "")
    .split(/\r?\n/)
    .map((line) => (line.trim() === "" ? "" : `  ${line}`))
    .join("\n");
}

export function renderRevision(
  templatePath: string,
  content: RevisionFileContent,
  templateArgs: Readonly<Record<string, unknown>> = {},
): string {
  let source: string;
  try {
    source = fs.readFileSync(templatePath, "utf8");
  } catch (cause) {
    throw new RevisionError(`cannot read the revision template ${templatePath}`, { cause });
  }
  const down = content.downRevision;
  const downList = down === null ? [] : typeof down === "string" ? [down] : down;
  const variables = {
    ...templateArgs,
    message: content.message,
    revision: content.revision,
    downRevision: down,
    revises: downList.join(", "),
    branchLabels: content.branchLabels,
    dependsOn: content.dependsOn,
    createDate: formatCreateDate(content.createDate),
    imports: content.imports ?? [],
    upgrades: content.upgrades ?? "",
    downgrades: content.downgrades ?? "",
    nonTransactional: content.nonTransactional === true,
    ddlCommitsAtOnce: content.ddlCommitsAtOnce === true,
  };
  try {
    return createRenderer().compile(source, { noEscape: true, strict: false })(variables);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new RevisionError(`the revision template ${templatePath} failed to render: ${detail}`, { cause });
  }
}

/** Render and write; refuses to overwrite an existing file. */
export function writeRevisionFile(
  file: string,
  templatePath: string,
  content: RevisionFileContent,
  templateArgs?: Readonly<Record<string, unknown>>,
): void {
  const text = renderRevision(templatePath, content, templateArgs);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { flag: "wx" });
  } catch (cause) {
    throw new RevisionError(`cannot write ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
}
