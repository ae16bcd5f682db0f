import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { ingestFile } from "../../../src/core/ingest/corpus.ts";
import { compareDates } from "../../../src/core/study/dates.ts";
import { buildTimeline } from "../../../src/core/study/timeline.ts";
import type { Article } from "../../../src/core/types.ts";
import { multiArticleCorpusDir } from "../../support/engines.ts";
import { describeWithSharedData } from "../../support/paths.ts";

const multi = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null }).engine.articles;

describe("the Lal Masjid timeline", () => {
  const timeline = buildTimeline(multi, { articleId: "lal-masjid" });

  it("lists every dated event in chronological order, inferring the year of Tuesday, July 10", () => {
    expect(timeline.map((event) => event.label)).toEqual([
      "1965",
      "1979–1989",
      "1998",
      "July 3, 2007",
      "July 8, 2007",
      "July 10, 2007",
      "July 6, 2008",
      "2009",
      "December 2014",
      "May 2018",
    ]);
    expect(timeline.find((event) => event.label === "July 10, 2007")).toMatchObject({
      date: { year: 2007, month: 7, day: 10 },
      section: "Mosque stormed",
    });
    expect(timeline.find((event) => event.label === "July 10, 2007")?.summary).toContain("Tuesday, July 10");
  });

  it("starts with the mosque being built in 1965, cited to the History section", () => {
    expect(timeline[0]).toMatchObject({
      date: { year: 1965 },
      summary: "It was built in 1965 and is named for its red walls and interiors.",
      articleId: "lal-masjid",
      article: "Lal Masjid",
      section: "History",
      url: "https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad",
    });
    expect(timeline[0]?.passageId).toMatch(/^lal-masjid\/history\/\d+$/u);
  });

  it("keeps the Soviet Afghan War as one 1979–1989 range", () => {
    const war = timeline.find((event) => event.summary.includes("Soviet Afghan War"));
    expect(war).toMatchObject({ label: "1979–1989", date: { year: 1979, endYear: 1989 } });
  });

  it("takes no event from categories, counts (12,000 students) or the 7 50 PM time", () => {
    expect(timeline.filter((event) => event.date.year === 1965)).toHaveLength(1);
    expect(timeline.some((event) => /Categor/u.test(event.section))).toBe(false);
    expect(timeline.every((event) => event.date.year >= 1900 && event.date.year <= 2100)).toBe(true);
  });

  it("summarises long sentences in at most 120 characters around the date", () => {
    for (const event of timeline) expect(event.summary.length).toBeLessThanOrEqual(120);
    const december = timeline.find((event) => event.label === "December 2014");
    expect(december?.summary).toContain("December 2014");
    expect(december?.summary.startsWith("…")).toBe(true);
    expect(timeline.find((event) => event.label === "July 3, 2007")?.summary).toMatch(
      /^On July 3, 2007, the stand off .*…$/u,
    );
  });
});

describeWithSharedData("a timeline over several articles", () => {
  const timeline = buildTimeline(multi);

  it("interleaves the articles chronologically and names the article of each event", () => {
    for (let i = 1; i < timeline.length; i++) {
      expect(
        compareDates(
          (timeline[i - 1] as (typeof timeline)[0]).date,
          (timeline[i] as (typeof timeline)[0]).date,
        ),
      ).toBeLessThanOrEqual(0);
    }
    const commissioned = timeline.filter((event) =>
      event.summary.includes("commissioned by the emperor Aurangzeb"),
    );
    expect(commissioned.map((event) => event.label)).toEqual(["1671", "1673"]);
    for (const event of commissioned) {
      expect(event).toMatchObject({
        article: "Badshahi Mosque",
        articleId: "badshahi-mosque",
        section: "Introduction",
      });
    }
    expect(timeline[0]?.label).toBe("1671");
    expect(timeline.find((event) => event.label === "1980")?.article).toBe("Margalla Hills");
    expect(timeline.find((event) => event.label === "1965")?.article).toBe("Lal Masjid");
  });

  it("ignores 1,604 metres and 17,000 hectares", () => {
    expect(timeline.some((event) => /1,604|17,000/u.test(event.summary))).toBe(false);
  });

  it("lists one article's events only when asked for that article", () => {
    const badshahi = buildTimeline(multi, { articleId: "badshahi-mosque" });
    expect(badshahi.map((event) => event.label)).toEqual([
      "1671",
      "1673",
      "1799",
      "1841",
      "1849",
      "1852",
      "1939",
      "1942",
      "1960",
      "February 1974",
      "1993",
    ]);
    expect(new Set(badshahi.map((event) => event.articleId))).toEqual(new Set(["badshahi-mosque"]));
    expect(buildTimeline(multi, { articleId: "no-such-article" })).toEqual([]);
  });
});

describe("dating events in a small ingested article", () => {
  const article = ingestFile({
    file: "old-harbour.md",
    id: "old-harbour",
    metadata: {},
    text: [
      "# Old Harbour",
      "",
      "The Old Harbour was finished in 1770, and a survey of 1770 praised its walls.",
      "",
      "## History",
      "",
      "On 4 June 1890, a pier was added for the fishing fleet. Storms in 1890 damaged the new pier badly.",
      "On Friday, August 2 the harbour reopened to boats after the repairs.",
      "",
      "## Trade",
      "",
      "By March 12 the harbour held about 1,200 boats and 1500 sailors worked there.",
      "",
      "Category: Ports | Buildings completed in 1770",
    ].join("\n"),
  }) as Article;
  const timeline = buildTimeline([article]);

  it("gives a sentence naming the same date twice one event", () => {
    expect(timeline.filter((event) => event.label === "1770")).toHaveLength(1);
  });

  it("sorts a year alone before a full date of that year, and reads day-first dates", () => {
    expect(timeline.map((event) => event.label)).toEqual(["1770", "1890", "June 4, 1890", "August 2, 1890"]);
    expect(timeline[1]?.summary).toBe("Storms in 1890 damaged the new pier badly.");
  });

  it("skips a day without a year when its section has no full date before it, and counts like 1500 sailors", () => {
    expect(timeline.some((event) => event.section === "Trade")).toBe(false);
  });
});
