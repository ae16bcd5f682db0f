import { describe, expect, it } from "vitest";
import { stem, stemCacheSize } from "../../../src/core/text/terms.ts";

describe("stemming", () => {
  it("reduces inflections and irregular past forms to one stem, and leaves numbers as written", () => {
    expect(stem("mosques")).toBe(stem("mosque"));
    expect(stem("took")).toBe(stem("take"));
    expect(stem("1965")).toBe("1965");
  });

  it("memoises a bounded number of words however many distinct ones are asked", () => {
    for (let n = 0; n < 250_000; n++) stem(`zq${n.toString(36)}ings`);
    expect(stemCacheSize()).toBeGreaterThan(0);
    expect(stemCacheSize()).toBeLessThanOrEqual(200_000);
    expect(stem("zqaings")).toBe(stem("zqaing"));
  });
});
