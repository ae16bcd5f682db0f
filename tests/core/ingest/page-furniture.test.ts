import { describe, expect, it } from "vitest";
import {
  isContentsEntry,
  isContentsHeading,
  isPageFurniture,
} from "../../../src/core/ingest/page-furniture.ts";

describe("the furniture of a copied Wikipedia page", () => {
  it("recognises the tagline, hatnotes and footer", () => {
    const furniture = [
      "From Wikipedia, the free encyclopedia",
      "(Redirected from Red Mosque)",
      "This article is about the mosque in Islamabad. For the mosque in Delhi, see Lal Masjid, Delhi.",
      "For other uses, see Heliograph (disambiguation).",
      "Not to be confused with Heliometer.",
      '"Red Mosque" redirects here. For other uses, see Red Mosque (disambiguation).',
      "Main article: Siege of Lal Masjid",
      "Further information: Optical telegraph",
      'Retrieved from "https://en.wikipedia.org/w/index.php?title=Lal_Masjid&oldid=1"',
      "Hidden categories: Articles with short description",
    ];
    expect(furniture.filter((line) => !isPageFurniture(line))).toEqual([]);
  });

  it("leaves prose that merely starts the same way", () => {
    const prose = [
      "This article is about to be rewritten by its authors.",
      "For other uses the mosque was closed.",
      "Main articles of the treaty were signed in 1794.",
      "See also the list below.",
    ];
    expect(prose.filter(isPageFurniture)).toEqual([]);
  });

  it("recognises a numbered table of contents", () => {
    expect(isContentsHeading("Contents")).toBe(true);
    expect(isContentsHeading("Contents [hide]")).toBe(true);
    expect(["1 History", "2.1 Siege", "(Top)", "Toggle History subsection"].every(isContentsEntry)).toBe(
      true,
    );
    expect(isContentsEntry("History")).toBe(false);
  });
});
