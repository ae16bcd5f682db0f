import { describe, expect, it } from "vitest";
import { compareDates, formatDate, parseDate, sectionDates } from "../../../src/core/study/dates.ts";
import { tagWords } from "../../../src/core/text/lexicon.ts";

const sentence = (text: string) => ({ text, wordTags: tagWords(text) });

describe("parsing dates as articles write them", () => {
  it("reads full dates month first and day first", () => {
    expect(parseDate("July 3, 2007")).toEqual({
      precision: "day",
      date: { year: 2007, month: 7, day: 3 },
      dayFirst: false,
    });
    expect(parseDate("3 July 2007")).toEqual({
      precision: "day",
      date: { year: 2007, month: 7, day: 3 },
      dayFirst: true,
    });
  });

  it("reads an ordinal day, `of` and a month in lower case, as people write dates outside encyclopedias", () => {
    expect(parseDate("december 21st 1872")).toEqual({
      precision: "day",
      date: { year: 1872, month: 12, day: 21 },
      dayFirst: false,
    });
    expect(parseDate("21st of December, 1872")).toMatchObject({
      precision: "day",
      date: { year: 1872, month: 12, day: 21 },
      dayFirst: true,
    });
  });

  it("reads months, years, ranges and decades", () => {
    expect(parseDate("December 2014")).toMatchObject({ precision: "month", date: { year: 2014, month: 12 } });
    expect(parseDate("1965")).toMatchObject({ precision: "year", date: { year: 1965 } });
    expect(parseDate("1979 1989")).toMatchObject({ precision: "range", date: { year: 1979, endYear: 1989 } });
    expect(parseDate("1979–1989")).toMatchObject({ precision: "range", date: { year: 1979, endYear: 1989 } });
    expect(parseDate("2000s")).toMatchObject({ precision: "decade", date: { year: 2000, endYear: 2009 } });
  });

  it("reads a day without a year as a month-day and rejects impossible dates", () => {
    expect(parseDate("July 10")).toMatchObject({ precision: "month-day", date: { month: 7, day: 10 } });
    expect(parseDate("July 45")).toBeNull();
    expect(parseDate("1989 1979")).toBeNull();
  });

  it("writes dates back at every precision", () => {
    const day = { year: 2007, month: 7, day: 3 };
    expect(formatDate(day, "day")).toBe("July 3, 2007");
    expect(formatDate(day, "day", true)).toBe("3 July 2007");
    expect(formatDate(day, "month-day")).toBe("July 3");
    expect(formatDate(day, "month")).toBe("July 2007");
    expect(formatDate(day, "year")).toBe("2007");
    expect(formatDate({ year: 1979, endYear: 1989 }, "range")).toBe("1979–1989");
  });

  it("orders a year before the months and days of that year", () => {
    expect(compareDates({ year: 2007 }, { year: 2007, month: 7, day: 3 })).toBeLessThan(0);
    expect(compareDates({ year: 2007, month: 7 }, { year: 2007, month: 7, day: 3 })).toBeLessThan(0);
    expect(compareDates({ year: 2008, month: 7, day: 6 }, { year: 2007, month: 7, day: 10 })).toBeGreaterThan(
      0,
    );
  });
});

describe("finding the dates of a section's sentences", () => {
  it("gives a weekday date the year of the full date before it, without the weekday", () => {
    const [first, second] = sectionDates([
      sentence("On July 8, 2007, most of the private media outlets became convinced."),
      sentence(
        "At dawn on Tuesday, July 10, after attempts at negotiation failed, troops stormed the mosque.",
      ),
    ]);
    expect(first?.map((date) => date.text)).toEqual(["July 8, 2007"]);
    expect(second).toEqual([
      {
        start: 20,
        end: 27,
        text: "July 10",
        precision: "month-day",
        date: { year: 2007, month: 7, day: 10 },
        dayFirst: false,
      },
    ]);
  });

  it("drops a day whose year nothing before it gives", () => {
    expect(sectionDates([sentence("At dawn on Tuesday, July 10, troops stormed the mosque.")])).toEqual([[]]);
  });

  it("does not take counts or clock times for years", () => {
    const [counts] = sectionDates([
      sentence(
        "On July 6, 2008, at 7 50 PM local time, a bomb exploded, and about 12,000 students attended the rally.",
      ),
    ]);
    expect(counts?.map((date) => date.text)).toEqual(["July 6, 2008"]);
    expect(
      sectionDates([sentence("The summit reaches about 1,604 metres and 1500 soldiers guarded it.")]),
    ).toEqual([[]]);
  });
});
