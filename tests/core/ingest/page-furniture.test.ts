import { describe, expect, it } from "vitest";
import {
  isContentsEntry,
  isContentsHeading,
  isPageFurniture,
  runningHeaderKey,
  runningHeaders,
  sectionEditLinkLines,
  siteControlLines,
  tableOfContents,
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

  it("recognises the tagline and the contents heading inside Markdown emphasis or a quote", () => {
    expect(isPageFurniture("*From Wikipedia, the free encyclopedia*")).toBe(true);
    expect(isPageFurniture("> For the 1943 film, see Madame Curie (film).")).toBe(true);
    expect(isContentsHeading("**Contents**")).toBe(true);
  });
});

describe("the furniture of a document copied out of a PDF", () => {
  it("recognises page numbers, and not a line that only starts with one", () => {
    expect(["Page 3", "page 14 of 20", "- 7 -", "12"].filter((line) => !isPageFurniture(line))).toEqual([]);
    expect(["Page 3 shows the map.", "1846 Blight returns", "Pages", "1969"].filter(isPageFurniture)).toEqual(
      [],
    );
  });

  it("finds the running header and footer that stand alone on every page, never a sentence said twice", () => {
    const lines = [
      "HUMAN PHYSIOLOGY  |  Unit 9",
      "The kidneys filter blood.",
      "© 2019 Earth Science Press",
      "Page 3",
      "HUMAN PHYSIOLOGY  |  Unit 9",
      "The kidneys filter blood.",
      "Key terms",
      "Key terms",
      "© 2019 Earth Science Press",
    ];
    expect([...runningHeaders(lines)].sort()).toEqual([
      "HUMAN PHYSIOLOGY  |  Unit 9",
      "© 2019 Earth Science Press",
    ]);
  });

  it("finds the header whose page number stands on the same line, set apart by spaces", () => {
    const lines = [
      "HIST 204 — Lecture 7",
      "The drought began in 1930.",
      "HIST 204 — Lecture 7                    Page 2",
      "Rain returned in 1939.",
      "Page 3        HIST 204 — Lecture 7",
    ];
    expect([...runningHeaders(lines)]).toEqual(["HIST 204 — Lecture 7"]);
    expect(lines.map(runningHeaderKey)).toEqual([
      "HIST 204 — Lecture 7",
      "The drought began in 1930.",
      "HIST 204 — Lecture 7",
      "Rain returned in 1939.",
      "HIST 204 — Lecture 7",
    ]);
    expect(runningHeaderKey("Table 2     Rainfall   1930")).toBe("Table 2     Rainfall   1930");
  });

  it("takes a line said three times as a running header even without page numbers", () => {
    expect([
      ...runningHeaders(["Chapter 6 notes", "A.", "Chapter 6 notes", "B.", "Chapter 6 notes"]),
    ]).toEqual(["Chapter 6 notes"]);
  });
});

describe("the furniture of a whole web page or forum thread", () => {
  it("recognises menus, breadcrumbs, banners, sharing and voting controls", () => {
    const furniture = [
      "Home | Topics | About | Contact",
      "Privacy Policy | Terms of Use",
      "Home > History > Europe",
      "We use cookies to improve your experience. Accept all",
      "Share this article",
      "Facebook  Twitter  Email",
      "Comments (12)",
      "▲ 45   Reply   Share",
      "8 answers   Sort by: Best",
      "✔ Accepted answer",
      "The Landing .......... 2",
      "CHAPTER IV.",
      "Last updated: 14 March 2024",
      "[12:04]",
      "(1:02:10)",
      "This page was last edited on 3 December 2026, at 10:00 (UTC).",
    ];
    expect(furniture.filter((line) => !isPageFurniture(line))).toEqual([]);
  });

  it("leaves a table row, a two-cell value and prose that mentions the same words", () => {
    const text = [
      "| Rider | Country | Wins |",
      "Capital | Paris",
      "Length | 13.2 m",
      "Readers could share the article with friends.",
      "The chapter ends here.",
      "[12:04] So, the timeline.",
      "Last updated in 1932, the bridge's timetable was kept until the line closed in 1950.",
    ];
    expect(text.filter(isPageFurniture)).toEqual([]);
  });
});

describe("the furniture of a Wikipedia page copied on a phone", () => {
  it("finds each section's edit link on the line under its heading, and no word edit in the text", () => {
    const lines = ["Geology", "edit", "The granite formed long ago.", "edit", "Editing", "Edit"];
    expect([...sectionEditLinkLines(lines)]).toEqual([1]);
    expect([...sectionEditLinkLines(["Geology", "", "edit source", "Text."])]).toEqual([2]);
  });

  it("drops the site's name with the search box under it, but not a first line followed by text", () => {
    expect([...siteControlLines(["Wikipedia", "Search", "Mount Rushmore", "It is a memorial."])]).toEqual([
      0, 1,
    ]);
    expect([...siteControlLines(["Mount Rushmore", "It is a memorial.", "Search"])]).toEqual([]);
  });

  it("drops a folded contents heading over the first section's heading, and keeps one over text", () => {
    expect([...tableOfContents(["Contents", "History", "edit", "Text."]).list]).toEqual([0]);
    expect([...tableOfContents(["Contents", "The book's contents were lost in the fire."]).list]).toEqual([]);
  });
});
