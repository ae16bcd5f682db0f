import { describe, expect, it } from "vitest";
import {
  ratioBucket,
  statisticFeatures,
  wordStatisticsOf,
} from "../../../../src/core/ingest/segment/word-statistics.ts";

describe("word statistics at sentence edges, as boundary features", () => {
  it("buckets a smoothed log-ratio, and tells an unseen word apart", () => {
    expect(ratioBucket(0, 0)).toBe("unseen");
    expect(ratioBucket(1, 1)).toBe("-0.5..0.5");
    expect(ratioBucket(40, 0)).toBe("1.5+");
    expect(ratioBucket(0, 40)).toBe("<-3");
  });

  it("says whether the word before usually ends a sentence and the capitalised word usually starts one", () => {
    // `however` opens sentences; `century` often ends them; `harvard` is mostly a name mid-sentence.
    const statistics = wordStatisticsOf({
      however: [30, 0, 25, 24],
      century: [20, 16, 0, 0],
      harvard: [50, 5, 50, 6],
    });
    const pairs: string[] = [];
    statisticFeatures(statistics, { lower: "century", kind: "word" }, { lower: "however" }, true, pairs);
    expect(pairs).toEqual([
      "endsSentence-1",
      "0.5..1.5",
      "startsSentence0",
      "1.5+",
      "writtenCapitalised0",
      "1.5+",
    ]);
    const name: string[] = [];
    statisticFeatures(statistics, { lower: "unheard", kind: "word" }, { lower: "harvard" }, true, name);
    expect(name).toEqual([
      "endsSentence-1",
      "unseen",
      "startsSentence0",
      "-3..-1.5",
      "writtenCapitalised0",
      "1.5+",
    ]);
  });
});
