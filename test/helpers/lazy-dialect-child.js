#!/usr/bin/env node
// A process that loads the dialect chooser (src/dialect/index.ts) from src/
// as the CLI does (its .ts files through a require hook, so a Dialect object's
// `require("./parts")` runs as it does in dist/), uses every part of the
// dialect named by argv[2], then passes asPrivilegeError a plain error and a
// refusal of the other database; prints as JSON which files of each dialect
// folder are loaded after each step. Used by test/unit/dialect/lazy-parts.test.ts.
"use strict";
const { join, relative, sep } = require("node:path");
require("./ts-require-hook");
const src = join(__dirname, "..", "..", "src");
const folders = ["mysql", "postgres"];

/** The files of src/dialect/<folder>/ in require.cache, relative to the folder. */
function loaded() {
  const files = Object.keys(require.cache);
  return Object.fromEntries(
    folders.map((folder) => {
      const root = join(src, "dialect", folder) + sep;
      return [folder, files.filter((file) => file.startsWith(root)).map((file) => relative(root, file).split(sep).join("/")).sort()];
    }),
  );
}

const chooser = require(join(src, "dialect", "index.ts"));
const used = chooser.dialects.find((dialect) => dialect.name === process.argv[2]);
const other = chooser.dialects.find((dialect) => dialect !== used);
const atStart = loaded();
const parts = [used.quote, used.sql, used.types, used.catalog, used.runtime, used.lint];
const uses = {
  ident: used.quote.ident("a b"),
  statements: used.sql.splitStatements("SELECT 1; SELECT 2;").statements.length,
  everyPartAnObject: parts.every((part) => typeof part === "object" && part !== null),
  sameOnSecondRead: [used.quote, used.sql, used.types, used.catalog, used.runtime, used.lint].every((part, i) => part === parts[i]),
};
const afterUse = loaded();
const plain = new Error("connection reset");
const plainKept = chooser.asPrivilegeError(plain) === plain;
const afterPlainError = loaded();
// a refusal as the other database's driver shapes it: its parts load, and it is converted as before
const refusal =
  other.name === "mysql"
    ? Object.assign(new Error("SELECT command denied to user 'app'@'%' for table `shop`.`t`"), { errno: 1142, sqlState: "42000", code: "ER_TABLEACCESS_DENIED_ERROR" })
    : Object.assign(new Error('permission denied for table "t"'), { code: "42501", severity: "ERROR" });
const converted = chooser.asPrivilegeError(refusal);
const afterRefusal = loaded();
process.stdout.write(
  JSON.stringify({
    atStart,
    afterUse,
    uses,
    plainKept,
    afterPlainError,
    converted: { name: converted.constructor.name, message: converted.message, causeIsRefusal: converted.cause === refusal },
    afterRefusal,
  }),
);
