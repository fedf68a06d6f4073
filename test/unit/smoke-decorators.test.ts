import "reflect-metadata";
import { describe, expect, it } from "vitest";

function Probe(): PropertyDecorator {
  return () => undefined;
}

class Sample {
  @Probe() name!: string;
  @Probe() count!: number;
}

describe("test transform", () => {
  it("emits design:type for decorated properties, as TypeORM needs", () => {
    expect(Reflect.getMetadata("design:type", Sample.prototype, "name")).toBe(String);
    expect(Reflect.getMetadata("design:type", Sample.prototype, "count")).toBe(Number);
  });
});
