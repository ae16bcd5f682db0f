import { describe, expect, it } from "vitest";
import { splitWords, stem, stemCacheSize } from "../../../src/core/text/terms.ts";

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

describe("splitting text into words", () => {
  const norms = (text: string) => splitWords(text).map((word) => word.norm);

  it("reads `1st` to `10th` as the ordinal word, in articles as in questions, keeping the text as written", () => {
    expect(norms("the 1st Battalion and the 10th")).toEqual([
      "the",
      "first",
      "battalion",
      "and",
      "the",
      "tenth",
    ]);
    expect(splitWords("the 2nd-largest")[1]).toMatchObject({
      surface: "2nd",
      norm: "second",
      start: 4,
      end: 7,
    });
  });

  it("reads written abbreviations as the word, in articles as in questions, keeping the text as written", () => {
    expect(norms("Govt fell after approx. 4-5 hrs; Cmdr-in-chief")).toEqual([
      "government",
      "fell",
      "after",
      "approximately",
      "4",
      "5",
      "hours",
      "commander",
      "in",
      "chief",
    ]);
    expect(splitWords("the HQ")[1]).toMatchObject({ surface: "HQ", norm: "headquarters", start: 4, end: 6 });
    // Letters and chat shorthand that an article may mean otherwise stay as written.
    expect(norms("U temp uni")).toEqual(["u", "temp", "uni"]);
  });

  it("leaves larger ordinals and numbers as they were read before", () => {
    expect(norms("the 21st century, 12,000 people")).toEqual([
      "the",
      "21",
      "st",
      "century",
      "12000",
      "people",
    ]);
  });

  it("lower-cases words, drops a possessive `'s` and inner apostrophes, and joins digit groups", () => {
    expect(norms("Zia's O’Neil didn't pay 1,500 rupees in 2007 ÉLAN")).toEqual([
      "zia",
      "oneil",
      "didnt",
      "pay",
      "1500",
      "rupees",
      "in",
      "2007",
      "élan",
    ]);
  });
});
