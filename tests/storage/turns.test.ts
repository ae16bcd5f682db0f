import { describe, expect, it } from "vitest";
import { Turns } from "../../src/storage/turns.ts";

describe("turns", () => {
  it("run each piece alone, in the order asked, and go on after one that fails", async () => {
    const turns = new Turns();
    const log: string[] = [];
    const piece = (name: string, ms: number, fail = false) =>
      turns.run(async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });

    const results = await Promise.allSettled([piece("a", 30), piece("b", 1, true), piece("c", 1)]);

    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
