import { describe, expect, it } from "vitest";
import { RecentlyUsed } from "../../src/core/recently-used.ts";

describe("a most-recently-used map", () => {
  it("makes an entry once, and drops the least recently used past its capacity", () => {
    const made: string[] = [];
    const held = new RecentlyUsed<string>(2);
    const get = (key: string) =>
      held.getOrMake(key, () => {
        made.push(key);
        return key.toUpperCase();
      });
    expect(get("a")).toBe("A");
    get("b");
    expect(get("a")).toBe("A"); // held, and now the most recent
    get("c"); // drops b
    expect(held.size).toBe(2);
    get("a");
    get("b");
    expect(made).toEqual(["a", "b", "c", "b"]);
  });

  it("admitting on second use, keeps only entries asked for again while their key is recent", () => {
    const made: string[] = [];
    const held = new RecentlyUsed<string>(1, { admitOnSecondUse: true });
    const get = (key: string) =>
      held.getOrMake(key, () => {
        made.push(key);
        return key.toUpperCase();
      });
    get("a");
    expect(held.size).toBe(0);
    get("a"); // second use: made again and kept
    get("a");
    expect(made).toEqual(["a", "a"]);
    for (const key of ["b", "c", "d", "e", "f"]) get(key); // used once each: a stays held, b drops from the recent keys
    expect(held.size).toBe(1);
    get("a");
    get("b");
    expect(made).toEqual(["a", "a", "b", "c", "d", "e", "f", "b"]);
    expect(held.size).toBe(1);
  });
});
