/**
 * The MySQL runtime's pure parts: how a database is named in messages
 * (never its password), and refused privileges in the words the server uses
 * (MariaDB's and MySQL's English texts, with the errno mysql2 gives).
 */
import { describe, expect, it } from "vitest";
import { mysqlRuntime } from "../../../src/dialect/mysql/runtime-part";
import { DatabaseError } from "../../../src/errors";

const serverError = (errno: number, message: string): Error => Object.assign(new Error(message), { errno, sqlState: "42000", code: "ER_X" });

describe("the MySQL database line", () => {
  it.each([
    ["mysql://app:S3cret@db.internal:3307/shop", "database: mysql://app@db.internal:3307/shop"],
    ["mariadb://app:S3cret@db/shop", "database: mariadb://app@db:3306/shop"],
    ["MySQL://root@127.0.0.1/", "database: mysql://root@127.0.0.1:3306/(default)"],
  ])("%s is named without its password", (url, line) => {
    expect(mysqlRuntime.describeDatabase({ url }, "/p", "/p")).toBe(line);
  });

  it("a DataSource's parts, with mysql2's defaults where unset", () => {
    expect(mysqlRuntime.describeDatabase({ server: { type: "mariadb", user: "app", password: "S3cret", database: "shop" } }, "/p", "/p")).toBe(
      "database: mariadb://app@localhost:3306/shop",
    );
  });
});

describe("refused privileges", () => {
  it.each([
    [1142, "INSERT command denied to user 'app'@'10.0.0.7' for table `shop`.`migrator_version`", "permission denied: user 'app'@'10.0.0.7' may not insert on table `shop`.`migrator_version`", /^GRANT INSERT ON `shop`\.`migrator_version` TO the account of 'app'@'10\.0\.0\.7'/],
    [1143, "UPDATE command denied to user 'app'@'%' for column 'price' in table 'item'", "permission denied: user 'app'@'%' may not update column price of table item", /^GRANT UPDATE \(price\) ON item TO/],
    [1044, "Access denied for user 'app'@'%' to database 'shop'", "permission denied: user 'app'@'%' may not use database `shop`", /^GRANT the privileges it needs ON `shop`\.\* TO/],
    [1227, "Access denied; you need (at least one of) the SUPER privilege(s) for this operation", "permission denied: the SUPER privilege is needed", /^GRANT SUPER ON \*\.\* TO the user/],
  ])("errno %i becomes one line and a grant", (errno, text, message, hint) => {
    const error = serverError(errno, text);
    expect(mysqlRuntime.isPrivilegeFailure(error)).toBe(true);
    const user = mysqlRuntime.asPrivilegeError(error);
    expect(user).toBeInstanceOf(DatabaseError);
    expect((user as DatabaseError).message).toBe(message);
    expect((user as DatabaseError).hint).toMatch(hint);
  });

  it("other failures, and the client's own (no errno), stay as they are", () => {
    const missing = serverError(1146, "Table 'shop.x' doesn't exist");
    expect(mysqlRuntime.asPrivilegeError(missing)).toBe(missing);
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(mysqlRuntime.isPrivilegeFailure(refused)).toBe(false);
    // a PostgreSQL refusal is PostgreSQL's to read
    expect(mysqlRuntime.isPrivilegeFailure(Object.assign(new Error("permission denied for table t"), { code: "42501" }))).toBe(false);
  });
});
