/**
 * Why a connection failed, in the words pg and the server used, minus any
 * credential: "password authentication failed" is the reason and stays; a
 * password in the URL never appears.
 */
import { DatabaseError as PgError } from "pg";
import { describe, expect, it } from "vitest";
import { connectFailureReason, connectServer } from "../../../src/dialect/postgres/connection/server";
import { DatabaseError } from "../../../src/errors";

const SECRET = "Pw-S3cret-4242";

describe("a failed connection", () => {
  it("keeps the server's reason for a wrong password", () => {
    // the error pg raises for the server's 28P01 (what a wrong password gets)
    const error = new PgError('password authentication failed for user "app"', 100, "error");
    expect(connectFailureReason(error)).toBe('password authentication failed for user "app"');
  });

  it("drops a credential the reason quotes, and only that", () => {
    expect(connectFailureReason(new Error(`invalid connection string postgres://app:${SECRET}@h/db`))).toBe("invalid connection string postgres://app:***@h/db");
    expect(connectFailureReason(new Error(`bad option password=${SECRET} sslmode=x`))).toBe("bad option password=*** sslmode=x");
    expect(connectFailureReason(Object.assign(new Error(""), { code: "ECONNRESET" }))).toBe("ECONNRESET");
  });

  it("a refused connection names the server without the password", async () => {
    let error: unknown;
    try {
      await connectServer(`postgres://app:${SECRET}@127.0.0.1:1/db`);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DatabaseError);
    const message = (error as DatabaseError).message;
    expect(message).toMatch(/^cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/db: .*ECONNREFUSED/);
    expect(message).not.toContain(SECRET);
  });
});
