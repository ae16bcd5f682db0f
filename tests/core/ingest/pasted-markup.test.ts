import { describe, expect, it } from "vitest";
import {
  mapText,
  removeInlineMarkup,
  sourceTokens,
  usesLetterNotes,
} from "../../../src/core/ingest/pasted-markup.ts";

const clean = (
  text: string,
  letterNotes = false,
  pageNotes: ReadonlySet<string> = new Set(),
  trailingEditLinks = false,
) => removeInlineMarkup(mapText(text, 0), { letterNotes, pageNotes, trailingEditLinks }).text;

// The sentences below are from Wikipedia articles as the SQuAD pool holds them (../shared/eval/squad).
describe("removing citation and maintenance markers", () => {
  it("removes numbered, grouped and maintenance markers, keeping the space before the next sentence", () => {
    expect(clean("followed by the National Energy Act of 1978.[citation needed] On November 28, 1995")).toBe(
      "followed by the National Energy Act of 1978. On November 28, 1995",
    );
    expect(clean("an optical telegraph system.[1] It was the first network.[2][23]")).toBe(
      "an optical telegraph system. It was the first network.",
    );
    expect(clean("As of September 2011[update], it had nearly regained the loss")).toBe(
      "As of September 2011, it had nearly regained the loss",
    );
    expect(clean("some writers[who?] used the term imperialism")).toBe(
      "some writers used the term imperialism",
    );
    expect(clean("eleven divisions;[further explanation needed] $340 million")).toBe(
      "eleven divisions; $340 million",
    );
  });

  it("removes note markers and page references after a marker", () => {
    expect(clean("between different bodies,[Note 3] and thus")).toBe("between different bodies, and thus");
    expect(clean("for several decades.[note 1]")).toBe("for several decades.");
    expect(clean("excluded from discussions of colonialism.[4]:116 Thus")).toBe(
      "excluded from discussions of colonialism. Thus",
    );
  });

  it("removes a heading's edit link", () => {
    expect(clean("Early history[edit]")).toBe("Early history");
  });

  it("keeps an editor's insertions into quotations", () => {
    expect(clean('"Of course [the price of oil] is going to rise"')).toBe(
      '"Of course [the price of oil] is going to rise"',
    );
    expect(clean("believe in Islamism, not [just] Islam?")).toBe("believe in Islamism, not [just] Islam?");
    expect(clean('"the transfer rules constitute[d] an obstacle"')).toBe(
      '"the transfer rules constitute[d] an obstacle"',
    );
  });

  it("removes a transcriber's notes of what was heard, not an editor's insertions", () => {
    expect(clean("he was a lighterman. [laughs] I'm getting muddled")).toBe(
      "he was a lighterman. I'm getting muddled",
    );
    expect(clean("said something to the crew [inaudible 00:14:02].")).toBe("said something to the crew.");
    expect(clean("so [the crew] said [pause] nothing")).toBe("so [the crew] said nothing");
  });

  it("removes lettered notes only from an article that numbers its notes with letters", () => {
    const yuan = "Mongolian: Yehe Yuan Ulus[a]), was the empire";
    expect(usesLetterNotes(yuan)).toBe(true);
    expect(clean(yuan, true)).toBe("Mongolian: Yehe Yuan Ulus), was the empire");
    expect(usesLetterNotes("the transfer rules constitute[d] an obstacle")).toBe(false);
  });
});

describe("removing HTML and Markdown leftovers", () => {
  it("decodes named and numeric entities, a non-breaking space separating words", () => {
    expect(clean("the country&#39;s borders &amp; ports, 2&nbsp;March, Paris&ndash;Lille, it&#x27;s")).toBe(
      "the country's borders & ports, 2 March, Paris–Lille, it's",
    );
    expect(clean("an unknown &madeup; entity")).toBe("an unknown &madeup; entity");
  });

  it("shows bold and italic text without its markers", () => {
    expect(
      clean("The **Chappe telegraph** was __first__, called the _tachygraphe_ and an *indicator*."),
    ).toBe("The Chappe telegraph was first, called the tachygraphe and an indicator.");
  });

  it("leaves underscores and asterisks that are not emphasis", () => {
    expect(clean("the file_name_here and 5 * 3 * 2")).toBe("the file_name_here and 5 * 3 * 2");
    expect(clean("see https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad_ for more")).toBe(
      "see https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad_ for more",
    );
  });

  it("shows links as their text and removes HTML tags", () => {
    expect(clean("given by [Holzmann and Pehrson](https://example.org/history_(networks)), who")).toBe(
      "given by Holzmann and Pehrson, who",
    );
    expect(clean("a beam called the <i>regulator</i><br>Next")).toBe("a beam called the regulator Next");
    expect(clean('a <span class="nowrap">230 km</span> line')).toBe("a 230 km line");
    expect(clean("at <https://example.org/chappe>")).toBe("at https://example.org/chappe");
    expect(clean("when a<b and c>d holds")).toBe("when a<b and c>d holds");
  });
});

describe("removing a note-taking app's markup (blind batch 47)", () => {
  it("shows wiki links as their text, or the text they are shown with", () => {
    expect(clean("Britain sent [[James Busby]] as British Resident in 1833.")).toBe(
      "Britain sent James Busby as British Resident in 1833.",
    );
    expect(clean("34 chiefs signed [[He Whakaputanga (1835)|He Whakaputanga]], the declaration.")).toBe(
      "34 chiefs signed He Whakaputanga, the declaration.",
    );
  });

  it("shows highlights as their text and drops the tags ending a line, not a heading's mark or a C#", () => {
    expect(clean("They called it ==one treaty, two agreements==.")).toBe(
      "They called it one treaty, two agreements.",
    );
    expect(clean("Better to control it than to let a company run a colony. #colonial-office #nz")).toBe(
      "Better to control it than to let a company run a colony.",
    );
    expect(clean("#treaties #nz-history")).toBe("");
    expect(clean("It was written in C# at first")).toBe("It was written in C# at first");
    expect(clean("Issue #42 was closed")).toBe("Issue #42 was closed");
  });

  it("reads a callout's title as introducing what follows, and drops a bare callout's type", () => {
    expect(clean("[!note] Key idea")).toBe("Key idea:");
    expect(clean("[!warning]")).toBe("");
  });
});

describe("keeping source offsets through the clean-up", () => {
  it("maps every token back to the source characters it came from", () => {
    const raw = "x\nThe **Chappe telegraph** linked Paris&ndash;Lille.[1] It";
    const line = raw.slice(2);
    const tokens = sourceTokens(
      removeInlineMarkup(mapText(line, 2), {
        letterNotes: false,
        pageNotes: new Set(),
        trailingEditLinks: false,
      }),
    );
    expect(tokens.map((token) => [token.source, raw.slice(token.sourceStart, token.sourceEnd)])).toEqual([
      ["The", "The"],
      ["Chappe", "Chappe"],
      ["telegraph", "telegraph"],
      ["linked", "linked"],
      ["Paris–Lille.", "Paris&ndash;Lille."],
      ["It", "It"],
    ]);
  });
});

describe("removing what a PDF copy leaves", () => {
  it("drops a footnote number stuck to a sentence's end, and no number of the text", () => {
    expect(clean("it is called lava.1 Magma forms in the mantle")).toBe(
      "it is called lava. Magma forms in the mantle",
    );
    expect(clean("still called Plinian eruptions.4")).toBe("still called Plinian eruptions.");
    expect(clean("It grew 3.5 metres. In 1952 it stopped. Version 2.0 Beta")).toBe(
      "It grew 3.5 metres. In 1952 it stopped. Version 2.0 Beta",
    );
  });

  it("drops a number stuck to a year's stop only when the page's notes list it", () => {
    const notes = new Set(["7"]);
    expect(clean("submitted for review in 2020.7 In December it was withdrawn", false, notes)).toBe(
      "submitted for review in 2020. In December it was withdrawn",
    );
    expect(clean("the index stood at 2020.5 In May it fell", false, notes)).toBe(
      "the index stood at 2020.5 In May it fell",
    );
    expect(clean("submitted for review in 2020.7 In December it was withdrawn")).toBe(
      "submitted for review in 2020.7 In December it was withdrawn",
    );
  });

  it("reads ligatures as their letters and drops superscript footnote numbers, not a unit's power", () => {
    expect(clean("the most ﬂourishing port, the ﬁrst victim")).toBe(
      "the most flourishing port, the first victim",
    );
    expect(clean("yet at Leghorn,¹ where she touched, and Soulier.² Their opinion")).toBe(
      "yet at Leghorn, where she touched, and Soulier. Their opinion",
    );
    expect(clean("an area of 12 km² and 3 m³ of water")).toBe("an area of 12 km² and 3 m³ of water");
  });

  it("drops a heading's edit link copied with a space before it", () => {
    expect(clean("Early life [edit]")).toBe("Early life");
    expect(clean("Early life [edit] of the king")).toBe("Early life [edit] of the king");
  });
});
