import { describe, expect, it } from "vitest";
import { redact } from "../../../src/redact";

describe("redact", () => {
  it.each([
    ["postgres://user:S3cret@db.example:5432/app", "postgres://user:***@db.example:5432/app"],
    ["postgresql://:S3cret@host/db", "postgresql://:***@host/db"],
    ['got "postgres://u:p@ss:w/rd@host/db"', 'got "postgres://u:***@host/db"'],
    ["Unknown argument: postgres://app:hunter22@127.0.0.1/x", "Unknown argument: postgres://app:***@127.0.0.1/x"],
    ["host=db user=app password=S3cret dbname=x", "host=db user=app password=*** dbname=x"],
    ["password='se cret' port=5432", "password=*** port=5432"],
    ["PGPASSWORD=S3cret migrator upgrade head", "PGPASSWORD=*** migrator upgrade head"],
    ["postgres://h/db?sslmode=require&password=S3cret&x=1", "postgres://h/db?sslmode=require&password=***&x=1"],
    ['database: { url: "x", password: "S3cret" }', 'database: { url: "x", password: *** }'],
    ['{"password":"S3cret"}', '{"password":***}'],
  ])("%s", (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it.each([
    'password authentication failed for user "app"',
    "postgres://app@host:5432/db",
    "connect ECONNREFUSED 127.0.0.1:5432",
    "http://example.com:8080/path",
    "--lock-timeout must be a number",
  ])("leaves %s as it is", (text) => {
    expect(redact(text)).toBe(text);
  });
});
