import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvalItems } from "../../../src/cli/evaluation.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { isStrippedFormat } from "../../../src/core/ingest/punctuated.ts";
import type { Article } from "../../../src/core/types.ts";
import { headingsOf, ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

// Batch 08's library: study notes in Markdown, text copied out of PDFs, pages pasted from Wikipedia and a
// textbook chapter, each written by a helper who had not seen the parser.
const libraryDir = join(projectRoot, "tests/fixtures/blind/library-08");
// Batch 09's, by another helper: lecture slides, nested notes, a news copy, an infobox, a two-column PDF.
const library09Dir = join(projectRoot, "tests/fixtures/blind/library-09");
// Batch 10's, by a third: a whole web page, a forum thread, an e-book, a word-processor export.
const library10Dir = join(projectRoot, "tests/fixtures/blind/library-10");
const ingestFixture = (file: string, dir = libraryDir): Article =>
  ingestText(readFileSync(join(dir, file), "utf8"), file, file.replace(/\.\w+$/u, ""));
/** The sentences of a short note, read as one text. */
const noteText = (text: string): string => sentencesOf(ingestText(text, "notes.txt", "notes")).join(" ");

describe("study notes in Markdown", () => {
  const notes = ingestFixture("hubble.md");

  it("are read as punctuated text although few of their lines end with a period", () => {
    expect(isStrippedFormat(readFileSync(join(libraryDir, "hubble.md"), "utf8"))).toBe(false);
    expect(notes.title).toBe("Hubble Space Telescope – study notes");
    expect(headingsOf(notes)).toContain("The mirror problem (!!)");
  });

  it("make each bullet a sentence of its own", () => {
    expect(sentencesOf(notes)).toContain("Released into orbit the next day, 25 April 1990.");
  });

  it("still leave a one-line article without punctuation in the stripped format", () => {
    const seed = readFileSync(join(projectRoot, "corpus/lal-masjid.txt"), "utf8");
    expect(isStrippedFormat(seed)).toBe(true);
  });
});

describe("text copied out of a PDF", () => {
  const chapter = ingestFixture("kidney.txt");
  const text = sentencesOf(chapter).join(" ");

  it("joins the words a line-end hyphen cut", () => {
    expect(text).toContain("the membrane lining the abdominal cavity");
    expect(text).toContain("cone-shaped sections called renal pyramids");
    expect(text).not.toMatch(/\p{L}- \p{Ll}/u);
  });

  it("keeps a hyphen the text writes inside the compound elsewhere", () => {
    const article = ingestText(
      "The bean-shaped organs are small. The kidneys are two bean-\nshaped organs below the ribs.",
      "wrapped.txt",
      "wrapped",
    );
    expect(sentencesOf(article)).toEqual([
      "The bean-shaped organs are small.",
      "The kidneys are two bean-shaped organs below the ribs.",
    ]);
  });

  it("leaves out page numbers and the running header repeated on every page", () => {
    expect(headingsOf(chapter).some((heading) => heading !== null && /Page|PHYSIOLOGY/u.test(heading))).toBe(
      false,
    );
    expect(text).not.toMatch(/Page \d|Unit 9/u);
    expect(headingsOf(chapter)).toEqual([
      "THE KIDNEYS",
      "THE NEPHRON",
      "OTHER FUNCTIONS OF THE KIDNEYS",
      "KIDNEY FAILURE AND ITS TREATMENT",
    ]);
  });
});

describe("lecture notes copied out of a PDF, numbered `1. Overview`, the page number beside the header", () => {
  // Batch 18's, by an eleventh helper: the header reads `HIST 204 — Lecture 7      Page 2` atop each page.
  const notes = ingestFixture("the-dust-bowl.txt", join(projectRoot, "tests/fixtures/blind/library-18"));

  it("takes each numbered line standing alone as a heading, and leaves the header out", () => {
    expect(headingsOf(notes)).toEqual([
      "Environmental History of the United States",
      "Overview",
      "Causes",
      "The Storms",
      "Living With Dust",
      "The Federal Response",
      "Migration",
      "Recovery and Legacy",
    ]);
    expect(sentencesOf(notes).join(" ")).not.toMatch(/HIST 204|Page \d/u);
  });

  it("keeps a numbered list a list, its items sentences of the section", () => {
    const article = ingestText(
      "Steps\n\nThe lab runs in three steps.\n\n1. Mix the samples\n\n2. Heat them\n\n3. Record the colour\n\nThe report is due on Friday.\n",
      "steps.txt",
      "steps",
    );
    expect(headingsOf(article)).toEqual([null]);
    expect(sentencesOf(article)).toContain("Heat them.");
  });
});

describe("a first line that names the document", () => {
  const library19 = join(projectRoot, "tests/fixtures/blind/library-19");

  it("is the title when it opens with a year, as Wikipedia's titles of events do", () => {
    const page = ingestFixture("mount-st-helens-1980.txt", library19);
    expect(page.title).toBe("1980 eruption of Mount St. Helens");
    expect(sentencesOf(page)[0]).toMatch(/^On May 18, 1980, a major volcanic eruption/u);
  });

  it("is the title when an essay's long title line stands apart, not the essay's first sentence", () => {
    const essay = ingestFixture("south-sea-bubble.txt", library19);
    expect(essay.title).toBe(
      "The South Sea Bubble of 1720: Credit, Speculation and the Birth of a Political Career",
    );
    expect(sentencesOf(essay)[0]).toMatch(/^When historians want an example/u);
  });
});

describe("a textbook chapter with numbered sections", () => {
  it("takes each numbered line as a heading without its number", () => {
    const chapter = ingestFixture("great-famine.txt");
    expect(chapter.title).toBe("THE GREAT FAMINE IN IRELAND, 1845–1852");
    expect(headingsOf(chapter)).toEqual([
      "Introduction",
      "Causes of the famine",
      "The course of the famine",
      "Government response",
      "Emigration",
      "Long-term consequences",
    ]);
  });
});

describe("a Wikipedia page pasted as Markdown", () => {
  const page = ingestFixture("marie-curie.md");

  it("drops the emphasised tagline, the quoted hatnote, the contents and the headings' edit links", () => {
    expect(headingsOf(page)).toEqual([
      null,
      "Early life",
      "Research on radioactivity",
      "Nobel Prizes",
      "Later career",
      "First World War",
      "Final years and death",
      "Legacy",
    ]);
    expect(sentencesOf(page).join(" ")).not.toMatch(/free encyclopedia|1943 film|\[edit\]|Quinn/u);
  });
});

describe("the whole library of copied documents", () => {
  it("answers its blind questions from the sentences that hold the answers", () => {
    const { engine } = loadEngine({ corpusDir: libraryDir, cacheDir: null });
    expect(readdirSync(libraryDir)).toHaveLength(6);
    const asked = [
      ["how many nephrons are in one kidney", "about one million"],
      ["how did the byzantines get silkworms if china kept it secret", "smuggled"],
      ["lol ok why does drinking make you pee so much", "inhibits the release of ADH"],
    ] as const;
    for (const [question, answer] of asked) {
      const reply = engine.answer(question);
      expect(reply.answered, question).toBe(true);
      expect(reply.excerpts[0]?.text, question).toContain(answer);
    }
    const items = readEvalItems(join(projectRoot, "tests/fixtures/blind/batch-08-library.jsonl"));
    expect(items).toHaveLength(40);
  });
});

describe("lecture slides exported as text", () => {
  const slides = ingestFixture("chernobyl.txt", library09Dir);

  it("take each slide's title as a heading and drop the slide numbers", () => {
    expect(headingsOf(slides)).toContain("The night of the accident");
    expect(headingsOf(slides).some((heading) => heading?.startsWith("Slide"))).toBe(false);
  });

  it("make each bullet and sub-bullet (`•`, `–`, `o`) a sentence of its own", () => {
    const sentences = sentencesOf(slides);
    expect(sentences).toContain("26 April 1986, 01:23 local time.");
    expect(sentences).toContain("Chernobyl (1986).");
    expect(sentences).toContain("Graphite-moderated, water-cooled.");
  });

  it("keep a slide title's opening date whole, not read as a section number (blind batch 32)", () => {
    const maryRose = ingestFixture(
      "lecture-slides.txt",
      join(projectRoot, "tests/fixtures/blind/library-32"),
    );
    expect(headingsOf(maryRose)).toContain("19 July 1545: The Sinking");
    expect(headingsOf(maryRose)).not.toContain("July 1545: The Sinking");
  });
});

describe("a visitor guide's plain-text timeline (blind batch 33)", () => {
  const guide = ingestFixture("museum-guide.txt", join(projectRoot, "tests/fixtures/blind/library-33"));

  it("makes each `1987 – …` line a sentence of its own, though none ends with a period", () => {
    const sentences = sentencesOf(guide);
    expect(sentences).toContain(
      "1987 – the mausoleum and its pits are added to the UNESCO World Heritage List.",
    );
    expect(sentences).toContain("1979 – the museum opens to the public over Pit 1.");
  });

  it("leaves a lone dashed line, a title, as it was", () => {
    expect(headingsOf(guide)).toContain("Gallery 1: Pit 1 – The Main Army");
  });
});

describe("a Markdown textbook section (blind batches 31 and 33)", () => {
  const textbook = ingestFixture("textbook-section.md", join(projectRoot, "tests/fixtures/blind/library-33"));

  it("takes an equation alone on its line for text, not a heading", () => {
    expect(headingsOf(textbook)).not.toContain("N₂ + 3H₂ ⇌ 2NH₃");
    expect(sentencesOf(textbook)).toContain("N₂ + 3H₂ ⇌ 2NH₃.");
  });

  it("shows a block quote without its `>` marks, its author's line on the quote", () => {
    expect(sentencesOf(textbook)).toContain("Study tip: Don't mix up nitrification and denitrification.");
    const feature = ingestFixture("news-feature.md", join(projectRoot, "tests/fixtures/blind/library-31"));
    expect(sentencesOf(feature)).toContain(
      '"One sometimes finds what one is not looking for." — Alexander Fleming.',
    );
    expect(sentencesOf(feature).some((sentence) => sentence.includes(">"))).toBe(false);
  });
});

describe("pages copied as students copy them (blind batch 34)", () => {
  const library34Dir = join(projectRoot, "tests/fixtures/blind/library-34");

  it("drops the mobile Wikipedia site's controls, which had become headings", () => {
    const page = ingestFixture("mobile-wiki.txt", library34Dir);
    expect(page.title).toBe("Hanging Gardens of Babylon");
    for (const control of ["Toggle the table of contents", "Article Talk", "Language", "Watch", "Edit"])
      expect(headingsOf(page)).not.toContain(control);
    expect(sentencesOf(page)[0]).toMatch(/^The Hanging Gardens of Babylon were one of the Seven Wonders/u);
  });

  it("takes a pasted email's subject for its title, and its sender and recipients for no text", () => {
    const email = ingestFixture("newsletter.txt", library34Dir);
    expect(email.title).toMatch(/^🧊 Fizz & Flask Weekly #12 – Can hot water freeze faster than cold/u);
    expect(sentencesOf(email).join(" ")).not.toMatch(/Subject:|westbrookhigh\.example>/u);
    expect(headingsOf(email).some((heading) => heading?.startsWith("From:"))).toBe(false);
  });

  it("makes each line an emoji marks a sentence of its own", () => {
    const sentences = sentencesOf(ingestFixture("newsletter.txt", library34Dir));
    expect(sentences).toContain("When: Thursday 14th at 3:30pm in Lab S4.");
    expect(sentences).toContain("What to bring: a notebook and a stopwatch app on your phone.");
  });

  it("mends a sentence an OCR'd book's page break cut, its footnotes, page number and header between", () => {
    const chapter = ingestFixture("ocr-chapter.txt", library34Dir);
    const sentences = sentencesOf(chapter);
    expect(
      sentences.some((sentence) =>
        sentence.endsWith("she is now generally reckoned the first victim within the walls."),
      ),
    ).toBe(true);
    expect(sentences).toContain("Leghorn is the old English name of Livorno, the free port of Tuscany.");
    expect(sentences).toContain("Roze himself took the infection, but recovered.");
    expect(headingsOf(chapter)).not.toContain("THE PLAGUE AT MARSEILLES");
    expect(headingsOf(chapter).some((heading) => heading?.startsWith("THE COMING OF THE PESTILENCE"))).toBe(
      false,
    );
  });

  it("keeps a numbered chapter heading in capitals, with no page's foot before it", () => {
    const book = ingestText(
      "A history\n\nThe first part ends here.\n\n2 THE GREAT FIRE\n\nThe fire began in a bakery.",
      "b.txt",
      "b",
    );
    expect(headingsOf(book)).toContain("THE GREAT FIRE");
  });

  it("keeps one `Language` line, which may be a heading, and a note's `Date:` line", () => {
    const heading = ingestText("Intro text here.\n\nLanguage\n\nThe people speak Maltese.", "m.txt", "m");
    expect(headingsOf(heading)).toContain("Language");
    const notes = ingestText("Date: 3 March\n\nThe lecture covered the Hanseatic League.", "n.txt", "n");
    expect([notes.title, ...headingsOf(notes), ...sentencesOf(notes)].join(" ")).toContain("Date: 3 March");
  });
});

describe("a news story copied from its site", () => {
  it("keeps the advertisement slots, links to other stories and the byline out of the text", () => {
    const text = sentencesOf(ingestFixture("morse-telegraph.txt", library09Dir)).join(" ");
    expect(text).not.toMatch(/Advertisement|Read more|Jane Okafor|Updated March/u);
    expect(text).toContain("Morse was not an engineer.");
  });
});

describe("an infobox copied with the page", () => {
  it("reads each tab-separated row as a named value, its further lines included", () => {
    const page = ingestFixture("nelson-mandela.txt", library09Dir);
    expect(sentencesOf(page)).toContain(
      "Born: Rolihlahla Mandela; 18 July 1918; Mvezo, Cape Province, Union of South Africa.",
    );
    expect(headingsOf(page)).not.toContain("July 1918");
    expect(headingsOf(page)).toContain("Early life");
  });
});

describe("a PDF whose footnote numbers stick to the sentences", () => {
  const chapter = ingestFixture("volcanoes.txt", library09Dir);

  it("ends the sentence at the stop and drops the number", () => {
    expect(sentencesOf(chapter)).toContain(
      "Molten rock stored underground is called magma; once it reaches the surface it is called lava.",
    );
  });

  it("drops the copyright footer of every page", () => {
    expect(sentencesOf(chapter).join(" ")).not.toContain("Earth Science Press");
  });
});

describe("a PDF page whose footnotes, under a rule, cut a sentence", () => {
  const report = ingestText(
    [
      "The Grand Union locks",
      "",
      "The canal was dug by hand between 1790 and 1795, and its locks were built",
      "",
      "_______________",
      "1 Hadfield, C. (1969). The Canals of the East Midlands.",
      "2 The first lock gates were replaced in 1880, after a",
      "flood.",
      "",
      "Page 1 of 3",
      "",
      "of local sandstone. Traffic peaked in 1840.",
    ].join("\n"),
    "locks.txt",
    "locks",
  );
  const sentences = sentencesOf(report);

  it("mends the sentence across the page break", () => {
    expect(sentences).toContain(
      "The canal was dug by hand between 1790 and 1795, and its locks were built of local sandstone.",
    );
  });

  it("reads each note from its number, after the paragraph it interrupted", () => {
    const note = "The first lock gates were replaced in 1880, after a flood.";
    expect(sentences).toContain(note);
    expect(sentences.indexOf(note)).toBeGreaterThan(sentences.indexOf("Traffic peaked in 1840."));
    expect(sentences.join(" ")).not.toMatch(/_{5}/u);
  });
});

describe("a PDF table copied one cell per line", () => {
  const report = ingestText(
    readFileSync(join(projectRoot, "tests/fixtures/pasted/pdf-table-cell-lines.txt"), "utf8"),
    "rain.txt",
    "rain",
  );

  it("reads each row as a sentence naming its cells, no header a heading and no figure a page number", () => {
    expect(sentencesOf(report)).toContain("Station: Shap; Height (m): 255; Rain (mm): 1,870.");
    expect(headingsOf(report)).not.toContain("Station");
  });
});

describe("a flashcard deck exported with a tab between front and back", () => {
  const deck = ingestText(
    [
      "Tudor England — revision deck",
      "# tags: monarchs",
      "Henry VII\tFirst Tudor king; won at Bosworth in 1485.",
      "Henry VIII\tBroke with Rome in 1534.",
      "# tags: places",
      "Hampton Court\tPalace given to Henry VIII by Cardinal Wolsey.",
    ].join("\n"),
    "deck.txt",
    "deck",
  );

  it("takes its first line for the title though a Markdown heading follows at once", () => {
    expect(deck.title).toBe("Tudor England — revision deck");
    expect(headingsOf(deck)).toContain("tags: places");
    expect(sentencesOf(deck)).toContain("Henry VIII: Broke with Rome in 1534.");
  });
});

describe("a chat with an AI assistant copied from its page", () => {
  it("leaves out who speaks and keeps what was asked and answered", () => {
    const chat = noteText(
      [
        "**You said:**",
        "",
        "what is a work function",
        "",
        "**ChatGPT said:**",
        "",
        "The work function is the least energy that frees an electron from a metal.",
      ].join("\n"),
    );
    expect(chat).not.toMatch(/said:/u);
    expect(chat).toContain("The work function is the least energy that frees an electron from a metal.");
    expect(chat).toMatch(/^What is a work function/u);
  });

  it("reads an equation on its own line as text, not as a heading", () => {
    const answer = ingestText(
      "Photons\n\nEach photon carries an energy\n\n> **E = hf**\n\nwhere f is the frequency.",
      "chat.md",
      "chat",
    );
    expect(headingsOf(answer)).not.toContain("E = hf");
    expect(sentencesOf(answer).join(" ")).toContain("E = hf");
  });
});

describe("a whole web page copied with its menu, banner and comments", () => {
  const page = ingestFixture("reign-of-terror.txt", library10Dir);
  const text = sentencesOf(page).join(" ");

  it("takes the headline past the menu, cookie banner and breadcrumbs as the title", () => {
    expect(page.title).toBe("The Reign of Terror: France's Year of the Guillotine");
  });

  it("keeps the menu, banner, sharing buttons and footer links out, and the readers' comments in", () => {
    expect(text).not.toMatch(/Home \||cookies|Share this|Facebook|Comments \(|Privacy Policy|HistoryHub/u);
    expect(text).toContain("the last person guillotined in France was in 1977");
  });
});

describe("a forum thread copied with its buttons", () => {
  it("keeps the votes, reply and share buttons and the sort line out of the answers", () => {
    const text = sentencesOf(ingestFixture("coral-bleaching.txt", library10Dir)).join(" ");
    expect(text).not.toMatch(/▲|Reply|Sort by|Accepted answer/u);
    expect(text).toContain("Corals are animals");
  });
});

describe("a book or document with a table of contents and chapter labels", () => {
  it("drops a contents list with dot leaders, and keeps each heading once", () => {
    const document = ingestFixture("apollo-11.txt", library10Dir);
    expect(headingsOf(document)).toEqual([
      null,
      "Introduction",
      "The Crew and the Spacecraft",
      "Launch and Journey to the Moon",
      "The Landing",
      "On the Lunar Surface",
      "Return to Earth",
      "Legacy",
    ]);
  });

  it("takes a chapter's title, not its `CHAPTER IV.` label, as the heading", () => {
    const book = ingestFixture("roman-aqueducts.txt", library10Dir);
    expect(headingsOf(book)).toContain("THE FIRST AQUEDUCTS OF ROME");
    expect(sentencesOf(book)).not.toContain("CHAPTER IV.");
  });
});

// Batch 28's library, by a helper who had not seen the parser: a museum FAQ page and an article with an
// infobox copied as a Markdown table.
const library28Dir = join(projectRoot, "tests/fixtures/blind/library-28");

describe("a FAQ page", () => {
  const faq = ingestFixture("hoover-dam.txt", library28Dir);

  it("heads each answer with its question, and leaves the last-updated line and related pages out", () => {
    const headings = headingsOf(faq);
    expect(headings).toContain("How did the concrete set without cracking?");
    expect(headings).toContain("Is Hoover Dam a protected landmark?");
    expect(headings.filter((heading) => heading?.endsWith("?"))).toHaveLength(16);
    expect(sentencesOf(faq)).not.toContain("How did the concrete set without cracking?");
    expect(sentencesOf(faq).join(" ")).not.toMatch(
      /Last updated|Related pages|Boulder City: A Federal Town/u,
    );
  });

  it("answers a paraphrase of a question from the answer under it", () => {
    const engine = loadEngine({ corpusDir: library28Dir, cacheDir: null }).engine;
    const answer = engine.answer(
      "How did engineers stop the huge mass of concrete from cracking while it cooled?",
    );
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.section).toBe("How did the concrete set without cracking?");
  });

  it("drops the `Q:` and `A:` labels of a question-and-answer sheet", () => {
    const sheet = ingestText(
      "Revision sheet\n\nQ: What is osmosis?\nA: Osmosis is the movement of water across a membrane.\n\n" +
        "Q. Where does it happen?\n\nA. It happens in every living cell.\n",
      "sheet.txt",
      "sheet",
    );
    expect(headingsOf(sheet)).toEqual(["What is osmosis?", "Where does it happen?"]);
    expect(sentencesOf(sheet)).toEqual([
      "Osmosis is the movement of water across a membrane.",
      "It happens in every living cell.",
    ]);
  });

  it("needs two questions with answers: one rhetorical question, or questions without answers, stay text", () => {
    const essay = ingestText(
      "The canal\n\nThe canal opened in 1869.\n\nWhy did it matter so much?\nIt cut the voyage to India by half.\n",
      "essay.txt",
      "essay",
    );
    expect(headingsOf(essay)).toEqual([null]);
    expect(sentencesOf(essay)).toContain("Why did it matter so much?");
    const review = ingestText(
      "Review questions\n\nWhat is a cell?\n\nWhat is a tissue?\n\nWhat is an organ?\n",
      "review.txt",
      "review",
    );
    expect(sentencesOf(review)).toEqual(["What is a cell?", "What is a tissue?", "What is an organ?"]);
  });
});

describe("an infobox copied as a Markdown table", () => {
  it("reads each row under a `Field | Value` header as a named value", () => {
    const sentences = sentencesOf(ingestFixture("waggle-dance.md", library28Dir));
    expect(sentences).toContain("Decoded by: Karl von Frisch.");
    expect(sentences.join(" ")).not.toMatch(/Field:|Value:/u);
  });
});

describe("a lecture or interview transcript", () => {
  it("leaves the speakers' labels out of what they say", () => {
    const sentences = sentencesOf(ingestFixture("great-plague-of-london.txt", library28Dir));
    expect(sentences).toContain("Did the king stay in London?");
    expect(sentences).toContain("Good question.");
    expect(sentences.join(" ")).not.toMatch(/OKAFOR|STUDENT:/u);
  });

  it("keeps a label that opens one line only, in a text that is no transcript", () => {
    const notes = ingestText(
      "Canal notes\n\nResult: the canal opened in 1869.\nThe voyage to India was halved.\n",
      "notes.txt",
      "notes",
    );
    expect(sentencesOf(notes)[0]).toBe("Result: the canal opened in 1869.");
  });
});

describe("a flashcard deck", () => {
  const library35Dir = join(projectRoot, "tests/fixtures/blind/library-35");
  const deck = ingestFixture("flashcards.txt", library35Dir);

  it("reads each card as one sentence, its question with its answer, and makes no card a heading", () => {
    const sentences = sentencesOf(deck);
    expect(sentences).toContain("Q: What does the newly hatched caterpillar eat first? A: Its own eggshell.");
    expect(sentences).toContain("Q: Typical wingspan? A: 8.9 to 10.2 cm.");
    expect(headingsOf(deck)).toEqual([null]);
  });

  it("answers from the card that holds the answer, not from the next card's question", () => {
    const engine = loadEngine({ corpusDir: library35Dir, cacheDir: null }).engine;
    const answer = engine.answer("what is the very first thing a monarch caterpillar eats");
    // The card is one sentence: the excerpt starts with its question (the next card may follow it, when
    // the ranker finds that one likely too).
    expect(answer.answered && answer.excerpts[0]?.text).toMatch(
      /^Q: What does the newly hatched caterpillar eat first\? A: Its own eggshell\./u,
    );
  });

  it("leaves a question-and-answer sheet whose questions stand apart to the FAQ reading", () => {
    const sheet = ingestText(
      "Revision sheet\n\nQ: What is osmosis?\nA: Osmosis is the movement of water.\n\n" +
        "Q: Where does it happen?\nA: It happens in every living cell.\n",
      "sheet.txt",
      "sheet",
    );
    expect(headingsOf(sheet)).toEqual(["What is osmosis?", "Where does it happen?"]);
  });
});

describe("a news page copied from the browser", () => {
  const news = ingestFixture("news-article.txt", join(projectRoot, "tests/fixtures/blind/library-36"));

  it("takes neither the byline nor the dateline for a heading, and drops the photographs' credits", () => {
    expect(headingsOf(news)).not.toContain("Elena Ruiz in Copiapó");
    expect(headingsOf(news)).not.toContain("Thu 14 Oct 2010 04.20 BST");
    const sentences = sentencesOf(news);
    expect(sentences).toContain("The Fénix capsule is lowered into the rescue shaft on Tuesday night.");
    expect(sentences.join(" ")).not.toMatch(/Photograph|Getty/u);
  });

  it("keeps a date alone on its line, which may head a timeline's entry, and a credit that is a sentence", () => {
    const timeline = ingestText(
      "Timeline\n\n14 October 2010\nThe last miner reached the surface.\n\n" +
        "The image was widely shared. Credit: the rescue team kept a careful log of every shift underground.\n",
      "timeline.txt",
      "timeline",
    );
    expect(headingsOf(timeline)).toContain("14 October 2010");
    expect(sentencesOf(timeline).join(" ")).toMatch(/Credit: the rescue team/u);
  });
});

describe("pages from batch 47: a Project Gutenberg chapter, a Stack Exchange page, an Obsidian note", () => {
  const library47Dir = join(projectRoot, "tests/fixtures/blind/library-47");

  it("reads a Gutenberg e-book's book only, under the header's title, its capitals chapter title a heading", () => {
    const chapter = ingestFixture("gutenberg-chapter.txt", library47Dir);
    expect(chapter.title).toBe("The Dwellings of Animals");
    expect(headingsOf(chapter)).toEqual(["THE BEAVER AND HIS WORKS"]);
    const text = sentencesOf(chapter).join(" ");
    expect(text).not.toMatch(/Project Gutenberg|ebook|Release date|Produced by|copyright/iu);
    expect(sentencesOf(chapter)[0]).toMatch(/^Of all the four-footed builders/u);
  });

  it("keeps a Q&A page's question, answers and comments, without votes, stamps, members, tags or buttons", () => {
    const page = ingestFixture("stackexchange.txt", library47Dir);
    expect(headingsOf(page)).toEqual([null]);
    const sentences = sentencesOf(page);
    expect(sentences.join(" ")).not.toMatch(
      /Asked 3 years ago|Viewed 18k|Share Improve|answered Mar|Tomasz Wierzbicki 1,318|vikings greenland|Sorted by/u,
    );
    // A comment is a sentence of its own, without its signature.
    expect(sentences).toContain("Hopefully someone with the archaeology can answer properly.");
    expect(sentences).toContain("There were two settlements.");
  });

  it("leaves an Obsidian note's front matter out", () => {
    const note = ingestFixture("obsidian-note.md", library47Dir);
    expect(note.title).toBe("Treaty of Waitangi");
    const sentences = sentencesOf(note);
    expect(sentences.join(" ")).not.toMatch(/tags:|aliases:|created:|\[\[|#nz-history/u);
    expect(sentences).toContain(
      "Britain's first answer was to send James Busby as British Resident in 1833.",
    );
  });

  it("keeps a short table of dashes that merely opens a text, as no front matter", () => {
    const notes = ingestText(
      "---\nA note without front matter.\n---\nMore text here.\n",
      "notes.md",
      "notes",
    );
    expect(sentencesOf(notes).join(" ")).toMatch(/A note without front matter/u);
  });
});

describe("a blog post and a Q&A site's page copied from the browser (blind batch 49)", () => {
  const library49Dir = join(projectRoot, "tests/fixtures/blind/library-49");

  it("reads a Medium post's title over its subtitle, without its writer's buttons, counts or footer", () => {
    const post = ingestFixture("medium-post.txt", library49Dir);
    expect(post.title).toBe(
      "The Race Home: How Five Tea Clippers Turned a Cargo Run into a National Obsession",
    );
    expect(headingsOf(post)).not.toContain("Follow");
    const sentences = sentencesOf(post);
    expect(sentences[0]).toMatch(/^In 1866, a 14,000-mile voyage/u);
    expect(sentences.join(" ")).not.toMatch(
      /Eleanor Whitcombe|min read|1\.2K|Listen|Followers|More from|Responses/u,
    );
  });

  it("keeps a Quora page's answers, without credentials, counts, buttons or the related questions", () => {
    const page = ingestFixture("quora-answer.txt", library49Dir);
    const sentences = sentencesOf(page);
    expect(sentences.join(" ")).not.toMatch(
      /Studied Classical|views|Upvote|Request|All related|Pantheon dome without steel\?|Marcus Ellery|Priya Raman/u,
    );
    expect(sentences).toContain("The key ingredient was the ash.");
  });
});

describe("a Discord channel and an email thread copied as text (blind batch 50)", () => {
  const library50Dir = join(projectRoot, "tests/fixtures/blind/library-50");

  it("reads a Discord copy a message at a time, without authors, times, reactions or reply quotes", () => {
    const chat = ingestFixture("discord-chat.txt", library50Dir);
    expect(headingsOf(chat)).toEqual([null]);
    const sentences = sentencesOf(chat);
    expect(sentences.join(" ")).not.toMatch(/Today at|maya\.r|👍 4|@Tomasz yeah/u);
    expect(sentences).toContain("Can someone just do the basic bio bit, I keep mixing up the dates.");
    expect(sentences).toContain(
      "In 1843 he joined the Augustinian St Thomas's Abbey in Brno, where he took the name Gregor.",
    );
  });

  it("reads an email thread's messages once, without headers, greetings, closings, notices or quotes", () => {
    const thread = ingestFixture("email-thread.txt", library50Dir);
    expect(thread.title).toBe("RE: Lewis chessmen - essay question");
    expect(headingsOf(thread)).toEqual([null]);
    const sentences = sentencesOf(thread);
    expect(sentences.join(" ")).not.toMatch(/wrote:|Sent:|Dear Callum|Best wishes|confidential|^>/u);
    // The signature stays, a line a sentence: it says who the curator is.
    expect(sentences).toContain("Assistant Curator, Medieval Archaeology and History.");
    const warder = sentences.filter((sentence) =>
      sentence.includes("bought in 1964 by an Edinburgh antiques dealer"),
    );
    expect(warder).toHaveLength(1);
  });
});

describe("a report, a scanned book and a news page copied as text (blind batch 51)", () => {
  const library51Dir = join(projectRoot, "tests/fixtures/blind/library-51");

  it("heads sections with a saved document's numbered headings that its table of contents lists", () => {
    const report = ingestFixture("report.txt", library51Dir);
    expect(headingsOf(report)).toEqual([
      "Introduction",
      "Background",
      "The species",
      "The 1935 introduction",
      "Spread across northern Australia",
      "Ecological impacts",
      "Native predators",
      "Other effects",
      "Control and mitigation",
      "Conclusion",
    ]);
    const sentences = sentencesOf(report);
    expect(sentences.join(" ")).not.toMatch(/References : 5|Table of Contents/u);
    // A citation's `et al.` before its year does not end the sentence.
    expect(sentences.some((sentence) => sentence.startsWith("Phillips et al. (2006) showed"))).toBe(true);
  });

  it("steps over an old book's page header that ends with a stop, joining the sentence it cut", () => {
    const sentences = sentencesOf(ingestFixture("ocr-book-chapter.txt", library51Dir));
    expect(sentences.join(" ")).not.toMatch(/TRIUMPHS OF ENGINEERING/u);
    expect(sentences.some((sentence) => /lined the tunnel behind; and in 1818/u.test(sentence))).toBe(true);
  });

  it("reads a news story without its byline, photo credits, tags, share buttons or comment controls", () => {
    const story = ingestFixture("news-article.txt", library51Dir);
    expect(headingsOf(story)).toEqual([
      null,
      "A stone nobody could sample",
      "Wales ruled out",
      "A journey of hundreds of miles",
    ]);
    const sentences = sentencesOf(story);
    expect(sentences.join(" ")).not.toMatch(/Eleanor Marsh|Photo:|Topics|WhatsApp|Sort by|Sign in/u);
    expect(sentences).toContain(
      "The Altar Stone lies partly buried beneath two fallen stones of the great trilithon at the centre of the monument.",
    );
  });
});

describe("a Wikipedia page copied with its infobox (blind batch 52)", () => {
  it("reads the infobox's repeated title and its picture's caption as no section of their own", () => {
    const page = ingestFixture("wiki-with-infobox.txt", join(projectRoot, "tests/fixtures/blind/library-52"));
    expect(page.title).toBe("Great Zimbabwe");
    const headings = headingsOf(page);
    expect(headings.slice(0, 2)).toEqual([null, "Etymology"]);
    expect(headings).not.toContain("Great Zimbabwe");
    expect(page.sections[0]?.captions).toContain("The Great Enclosure seen from the Hill Complex");
  });
});

describe("Wikipedia pages copied from the desktop and the mobile site (blind batch 71)", () => {
  const library71Dir = join(projectRoot, "tests/fixtures/blind/library-71");

  it("reads the lines over an infobox's rows (a native name, a picture's caption, a group's label) as captions, so the lead is no section of theirs", () => {
    const page = ingestFixture("article-one.txt", library71Dir);
    expect(page.title).toBe("Hagia Sophia");
    const lead = page.sections[0];
    expect(lead?.heading).toBeNull();
    expect(lead?.captions).toEqual(
      expect.arrayContaining(["Hagia Sophia seen from the south-west in 2020", "Religion"]),
    );
    expect(lead?.sentences.map((sentence) => sentence.text)).toContain(
      "In 2019, its last full year as a museum, it received about 3.7 million visitors.",
    );
    expect(headingsOf(page).slice(0, 3)).toEqual([null, "Earlier churches", "Construction"]);
  });

  it("reads a line its contents list does not name (the short description, a picture's caption) as no section", () => {
    const page = ingestFixture("article-two.txt", library71Dir);
    expect(page.title).toBe("Dorothy Hodgkin");
    const headings = headingsOf(page);
    expect(headings).not.toContain("British chemist (1910–1994)");
    expect(headings).not.toContain("Royal Mail stamp of 1996 showing Hodgkin");
    expect(headings).toEqual(expect.arrayContaining(["Early life and education", "Honours and legacy"]));
    expect(page.sections[0]?.captions).toContain("British chemist (1910–1994)");
    const legacy = page.sections.find((section) => section.heading === "Honours and legacy");
    expect(legacy?.sentences.map((sentence) => sentence.text)).toContain(
      "Her image appeared on British postage stamps issued by Royal Mail in 1996 and 2010.",
    );
  });
  it("takes the page's link from a clipper's Source line, which is no heading", () => {
    const page = ingestFixture("article-three.md", library71Dir);
    expect(page.title).toBe("Halley's Comet");
    expect(page.url).toBe("https://en.wikipedia.org/wiki/Halley%27s_Comet");
    expect(headingsOf(page).join(" ")).not.toMatch(/Source|https/u);
    expect(headingsOf(page).slice(0, 2)).toEqual([null, "Discovery of periodicity"]);
  });

  it("takes a note's link from the source in its front matter", () => {
    const note = ingestFixture("obsidian-note.md", join(projectRoot, "tests/fixtures/blind/library-66"));
    expect(note.url).toBe("https://en.wikipedia.org/wiki/Dissolution_of_the_monasteries");
  });
});

describe("an online encyclopedia's page copied from the browser (blind batch 55)", () => {
  const page = ingestFixture("encyclopedia-page.txt", join(projectRoot, "tests/fixtures/blind/library-55"));

  it("leaves out the site's menu though a search box's prompt sits among its links", () => {
    expect(page.title).toBe("Machu Picchu");
    const headings = headingsOf(page);
    expect(headings).not.toContain("History & Society");
    expect(headings).not.toContain("See all related content →");
  });

  it("reads a back-matter name before the article's first prose as a control, keeping the article", () => {
    expect(headingsOf(page)).toEqual(
      expect.arrayContaining(["Site and layout", "Abandonment", "Conservation and tourism"]),
    );
    expect(sentencesOf(page)).toContain(
      "Machu Picchu was abandoned about a century after it was built, probably around the time of the Spanish conquest in the 1530s.",
    );
  });
});

describe("a video's transcript", () => {
  const library35Dir = join(projectRoot, "tests/fixtures/blind/library-35");

  it("drops automatic captions' timestamps and runs the captions together into sentence-sized pieces", () => {
    const raw = readFileSync(join(library35Dir, "video-transcript.txt"), "utf8");
    expect(isStrippedFormat(raw)).toBe(false);
    const sentences = sentencesOf(ingestFixture("video-transcript.txt", library35Dir));
    expect(sentences.join(" ")).not.toMatch(/\d:\d\d/u);
    const begun = sentences.find((sentence) => sentence.includes("construction started in august of 1173"));
    expect(begun?.split(" ").length).toBeGreaterThanOrEqual(30);
    expect(begun?.split(" ").length).toBeLessThan(50);
  });

  it("heads a section with each chapter title YouTube's transcript panel sets among the captions (blind batch 45)", () => {
    const library45Dir = join(projectRoot, "tests/fixtures/blind/library-45");
    const lecture = ingestFixture("youtube-transcript.txt", library45Dir);
    expect(headingsOf(lecture)).toEqual([
      "Introduction",
      "Walcott's quarry",
      "The weird wonders",
      "Why it matters",
    ]);
    const sentences = sentencesOf(lecture);
    expect(sentences[0]).toMatch(/^Hi everyone welcome back/u);
    expect(sentences.join(" ")).not.toMatch(/big deal Walcott's quarry|gills The weird wonders/u);
  });

  it("keeps a short capitalised caption as text when the transcript puts no timestamp over each caption", () => {
    const talk = ingestText(
      "00:00:03\nWelcome to the tour of the old mill, which was built in 1820 by the Ashworth family.\n" +
        "It ground corn for a hundred years.\nThe Water Wheel\n00:01:10\nThe wheel is eight metres across.\n" +
        "It was made of oak and iron.\nIron Gates\n00:02:30\nThe gates came from a foundry in Leeds.\n",
      "mill-tour.txt",
      "mill-tour",
    );
    expect(headingsOf(talk)).toEqual([null]);
  });

  it("reads a punctuated subtitle file's sentences across its cues, without numbers or times", () => {
    const subtitles = ingestText(
      "1\n00:00:01,000 --> 00:00:04,000\nThe tower was begun\n\n2\n00:00:04,000 --> 00:00:07,500\n" +
        "in 1173. It soon leaned south.\n\n3\n00:00:07,500 --> 00:00:09,000\nWork stopped for a century.\n",
      "tower.srt.txt",
      "tower",
    );
    expect(sentencesOf(subtitles)).toEqual([
      "The tower was begun in 1173.",
      "It soon leaned south.",
      "Work stopped for a century.",
    ]);
  });

  it("is read from a corpus folder as a `.srt` file, and answered from", () => {
    const dir = mkdtempSync(join(tmpdir(), "subtitles-"));
    writeFileSync(
      join(dir, "pisa-documentary.srt"),
      "1\n00:00:01,000 --> 00:00:04,000\nBuilding work on the tower\n\n2\n00:00:04,000 --> 00:00:07,500\n" +
        "began in August 1173. The soft ground soon made it lean.\n",
    );
    const engine = loadEngine({ corpusDir: dir, cacheDir: null }).engine;
    expect(engine.articles.map((article) => article.id)).toEqual(["pisa-documentary"]);
    const answer = engine.answer("when did building work on the tower begin");
    expect(answer.answered && answer.excerpts[0]?.text).toBe(
      "Building work on the tower began in August 1173.",
    );
  });

  it("takes chapter-and-verse numbers opening a scripture's lines for text, not timestamps", () => {
    const chapter = ingestText(
      "John 3\n\nNicodemus visits Jesus\n\n3:16 For God so loved the world, that he gave his only begotten Son.\n" +
        "3:17 For God sent not his Son into the world to condemn the world.\n3:18 He that believeth on him is not condemned.\n\n" +
        "The testimony of John\n\n3:22 After these things came Jesus and his disciples into the land of Judaea.\n",
      "john-3.txt",
      "john-3",
    );
    expect(headingsOf(chapter)).toEqual(["Nicodemus visits Jesus", "The testimony of John"]);
    expect(sentencesOf(chapter)[0]).toBe(
      "3:16 For God so loved the world, that he gave his only begotten Son.",
    );
  });

  it("keeps a time or two that a text names", () => {
    const notes = ingestText(
      "Field trip\n\nMeet at the gate.\n9:30\nThe bus leaves then.\n12:15\nLunch is in the park.\n",
      "trip.txt",
      "trip",
    );
    expect(sentencesOf(notes)).toContain("Meet at the gate.");
    expect(sentencesOf(notes)).toContain("The bus leaves then.");
  });
});

describe("a two-column report's text extracted from a PDF (blind batch 35)", () => {
  const report = ingestFixture("pdf-extract.txt", join(projectRoot, "tests/fixtures/blind/library-35"));

  it("mends a sentence a page break cut after a word no sentence ends on, though it goes on with a capital", () => {
    expect(sentencesOf(report)).toContain(
      "In the late 1950s Soviet planners decided to make the Central Asian republics the main cotton producer of the USSR.",
    );
  });

  it("mends a sentence around a figure's caption and under the next page's header, which is no heading", () => {
    const sentences = sentencesOf(report);
    expect(sentences).toContain(
      "By 2007 the total surface area had fallen to roughly 10 percent of its original extent, and the South Aral had itself split into eastern and western basins connected only by a narrow channel.",
    );
    expect(sentences.some((sentence) => sentence.startsWith("Strong winds pick up salt and dust"))).toBe(
      true,
    );
    expect(headingsOf(report)).not.toContain("THE ARAL SEA: DECLINE AND PARTIAL RECOVERY");
  });

  it("does not join paragraphs that only a blank line parts, where an equation was left out", () => {
    const article = ingestText(
      "Gravity\n\nThe force on a spherical object due to the pull of a second mass is\n\nIt was only Mercury's orbit that the law failed to explain.\n",
      "gravity.txt",
      "gravity",
    );
    expect(sentencesOf(article)).toEqual([
      "The force on a spherical object due to the pull of a second mass is.",
      "It was only Mercury's orbit that the law failed to explain.",
    ]);
  });
});

describe("a slide deck exported with its speaker notes (blind batch 38)", () => {
  const deck = ingestFixture("slides-notes.txt", join(projectRoot, "tests/fixtures/blind/library-38"));

  it("reads each slide's notes under its title, not as a back-matter `Notes` section that hides the rest", () => {
    expect(headingsOf(deck)).toContain("The decision at Gloucester");
    expect(sentencesOf(deck)).toContain(
      "The chronicler clearly didn't approve: he complains it was so thorough that not one ox nor one cow nor one pig was left out of the record.",
    );
    expect(sentencesOf(deck)).toContain("Seminar reading: Roffe, Decoding Domesday, ch. 1–2.");
  });

  it("still leaves out an article's one back-matter `Notes:` section", () => {
    const article = ingestText(
      "Canal\n\nThe canal opened in 1869.\n\nNotes:\n1. Opened by the Khedive.\n",
      "canal.txt",
      "canal",
    );
    expect(sentencesOf(article)).toEqual(["The canal opened in 1869."]);
  });
});

describe("a podcast's transcript from a transcription service (blind batch 37)", () => {
  const library37Dir = join(projectRoot, "tests/fixtures/blind/library-37");

  it("drops each turn's speaker-and-time line instead of making it a heading, and keeps the title", () => {
    const podcast = ingestFixture("podcast-transcript.txt", library37Dir);
    expect(podcast.title).toBe("Odd Archives - Ep 48 - The Book Nobody Can Read.mp3");
    expect(headingsOf(podcast).join(" ")).not.toMatch(/\d\d:\d\d/u);
    expect(sentencesOf(podcast)).toContain("Yes, Wilfrid Voynich, a Polish born rare book dealer.");
  });

  it("drops a subtitle's sound and speaker tags", () => {
    const sentences = sentencesOf(ingestFixture("subtitles.srt", library37Dir));
    expect(sentences.join(" ")).not.toMatch(/\[music\]|NARRATOR/u);
    expect(sentences).toContain(
      "On a small island off the southern tip of New Zealand, a parrot is walking home in the dark.",
    );
  });
});

describe("a group chat's export (blind batch 39)", () => {
  const library39Dir = join(projectRoot, "tests/fixtures/blind/library-39");
  const chat = ingestFixture("chat-export.txt", library39Dir);

  it("ends a sentence with each message, and drops the date, time and sender before it", () => {
    const sentences = sentencesOf(chat);
    expect(sentences).toContain("France said this was a deliberate default.");
    expect(sentences).toContain(
      "So in January 1923 French and Belgian troops marched into the Ruhr, which was the main industrial area, to take the coal and goods directly.",
    );
    expect(sentences.join(" ")).not.toMatch(/12\/03\/2024|Leonie Fischer:/u);
  });

  it("drops the app's own lines and the placeholders of photos and deleted messages", () => {
    const text = sentencesOf(chat).join(" ");
    expect(text).not.toMatch(/Media omitted|message was deleted|created group|added Sam Patel/u);
    expect(headingsOf(chat)).toEqual([null]);
  });

  it("reads an Android export's `12/03/2024, 19:04 - ` headers too, and leaves two dated lines alone", () => {
    const android = ingestText(
      "12/03/2024, 19:04 - Priya: the mark fell\n12/03/2024, 19:05 - Sam: prices doubled\n" +
        "12/03/2024, 19:06 - Priya: then the Rentenmark came\n",
      "chat.txt",
      "chat",
    );
    expect(sentencesOf(android)).toEqual(["The mark fell.", "Prices doubled.", "Then the Rentenmark came."]);
    const log = ingestText(
      "Lab log\n\n12/03/2024, 19:04 - Result: the solution turned blue.\n12/03/2024, 19:30 - Result: it cleared.\n",
      "log.txt",
      "log",
    );
    expect(sentencesOf(log).join(" ")).toMatch(/12\/03\/2024/u);
  });
});

describe("a Discord channel exported by DiscordChatExporter as plain text (blind batch 96)", () => {
  const exported = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-96"));

  it("reads each message under its `[date time] author` line without the line, the frame or the blocks", () => {
    const sentences = sentencesOf(exported);
    const text = sentences.join(" ");
    expect(text).not.toMatch(
      /\[12\/03\/2024|mira\.k|danny_oh|Guild:|Channel:|\{Reactions\}|👍 \(2\)|Exported 34/u,
    );
    expect(sentences).toContain("Wait so the police were the first ones involved, not archaeologists?");
    expect(sentences).toContain("In 1950 there was no established method for conserving an entire bog body.");
    // A message typed on its header's line keeps its words, not its sender.
    expect(sentences).toContain("Wait so the body in the museum is FAKE??");
    expect(headingsOf(exported)).toEqual([null]);
  });

  it("reads a short export's messages apart, and leaves a WhatsApp export's own lines to WhatsApp's reading", () => {
    const short = ingestText(
      "==============================================================\nGuild: History\nChannel: Study / week-2\n" +
        "==============================================================\n\n[3/12/2024 6:41 PM] mira.k\nthe mark fell\n\n" +
        "[3/12/2024 6:42 PM] sam (pinned)\nprices doubled\n\n{Reactions}\n👍 (3)\n\n" +
        "[3/12/2024 6:43 PM] mira.k\nthen the Rentenmark came\n\n" +
        "==============================================================\nExported 3 message(s)\n" +
        "==============================================================\n",
      "chat.txt",
      "chat",
    );
    expect(sentencesOf(short)).toEqual(["The mark fell.", "Prices doubled.", "Then the Rentenmark came."]);
    const whatsApp = ingestText(
      "[12/03/2024, 19:02:14] Priya created group\n[12/03/2024, 19:02:30] Priya added Sam\n" +
        "[12/03/2024, 19:02:40] Priya changed the subject\n[12/03/2024, 19:04:51] Priya: the mark fell\n" +
        "[12/03/2024, 19:05:40] Sam: prices doubled\n[12/03/2024, 19:06:02] Leo: then the Rentenmark came\n" +
        "[12/03/2024, 19:07:02] Leo: and it held\n",
      "chat.txt",
      "chat",
    );
    expect(sentencesOf(whatsApp)).toEqual([
      "The mark fell.",
      "Prices doubled.",
      "Then the Rentenmark came.",
      "And it held.",
    ]);
  });
});

describe("pages from batches 95–98: captions, a Q&A page, a blog post, a forwarded email", () => {
  const blindDir = (batch: number) => join(projectRoot, `tests/fixtures/blind/library-${batch}`);

  it("reads WebVTT captions without the file's header, its NOTE block or each cue's voice tag", () => {
    const captions = ingestFixture("article-two.vtt", blindDir(98));
    const sentences = sentencesOf(captions);
    expect(sentences.join(" ")).not.toMatch(/<v |Kind: captions|Language: en|Recording:|auto-generated/u);
    expect(sentences).toContain("Stanley Milgram's obedience experiments.");
    // Speech opening with `Okay,` names no subject: the title falls back to the file's name.
    expect(captions.title).toBe("Article Two");
    const short = ingestText(
      "WEBVTT\n\nNOTE a comment\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Ann>Note the date first.\n\n" +
        "2\n00:00:03.500 --> 00:00:05.000\n<v.loud Ben Ode>It was 1961.\n",
      "talk.vtt",
      "talk",
    );
    expect(sentencesOf(short)).toEqual(["Note the date first.", "It was 1961."]);
  });

  it("reads a Stack Exchange page from its question's title, without the site's menus, badges or invitations", () => {
    const page = ingestFixture("article-two.txt", blindDir(97));
    expect(page.title).toBe("How were Roman roads actually built, and why have some lasted 2,000 years?");
    const sentences = sentencesOf(page);
    expect(sentences.join(" ")).not.toMatch(
      /Stack Exchange|Unanswered|badges|♦|Your Answer|Hot Network|Browse other|roman-empire/u,
    );
    expect(headingsOf(page)).not.toContain("Sign up to join this community");
    // A moderator's comment loses its signature too.
    expect(sentences).toContain("That alone should make you suspicious.");
  });

  it("drops a blog post's byline over `Follow`, its `Listen / Share` and its `--` rules", () => {
    const post = ingestFixture("article-three.md", blindDir(96));
    expect(headingsOf(post)).not.toContain("Nadia Ferreira");
    expect(headingsOf(post)).not.toContain("Listen / Share");
    expect(sentencesOf(post).filter((sentence) => !/\p{L}/u.test(sentence))).toEqual([]);
    expect(noteText("A break.\n\n* * *\n\nAfter it.")).toBe("A break. After it.");
  });

  it("drops a forwarded thread's separators, greetings by name, quoted messages and whole notice", () => {
    const thread = ingestFixture("article-two.txt", blindDir(95));
    const sentences = sentencesOf(thread);
    expect(sentences.join(" ")).not.toMatch(
      /Original Message|^Dan,|Hi Ines|Thanks,|Would you mind|registered charity|consider the environment/mu,
    );
    expect(sentences).toContain("Feel free to mention that in the seminar.");
    expect(sentences).toContain("Pacioli died in 1517.");
  });

  it("reads a desktop Wikipedia page copied whole from its title, over the site's menus and contents", () => {
    const page = ingestFixture("article-one.txt", blindDir(100));
    expect(page.title).toBe("Grace Hopper");
    expect(sentencesOf(page).join(" ")).not.toMatch(/Main menu|Personal tools|Create account|67 languages/u);
  });

  it("drops new Reddit's post header, its comments' depth and age, and a worksheet's blanks", () => {
    const post = ingestFixture("article-three.txt", blindDir(99));
    expect(post.title).toMatch(/^The Radium Girls: how a group of dying factory workers/u);
    expect(sentencesOf(post).join(" ")).not.toMatch(/Posted by|level \d|u\/\w+ · \d|hr\. ago/iu);
    const worksheet = ingestFixture("article-two.txt", blindDir(99));
    expect(headingsOf(worksheet).join(" ")).not.toMatch(/Name:|TOTAL:|____/u);
  });

  it("reads a list item wrapped onto indented lower-case lines as one sentence", () => {
    const notes = ingestFixture("article-two.txt", blindDir(100));
    expect(sentencesOf(notes)).toContain(
      "Tsar Nicholas II = autocrat, no real parliament, believes God chose him.",
    );
    expect(noteText("• Tsars ruled Russia\n  until 1917\n• Lenin led\nThe Bolsheviks won.")).toBe(
      "Tsars ruled Russia until 1917. Lenin led. The Bolsheviks won.",
    );
  });

  it("takes no lone word that is not a noun for a transcript's subject (training library 28)", () => {
    const lecture = ingestFixture("great-plague-of-london.txt", blindDir(28));
    expect(lecture.title).toBe("Great Plague Of London");
  });
});

describe("a museum's audio-guide script (blind batch 42)", () => {
  const guide = ingestFixture("audio-guide.txt", join(projectRoot, "tests/fixtures/blind/library-42"));

  it("drops the stage directions alone on their lines and the keypad prompts, and keeps what is said", () => {
    const text = sentencesOf(guide).join(" ");
    expect(text).not.toMatch(/\[rushing water|\[a single bell|Press 121/u);
    expect(text).toMatch(/We think around 30 people died/u);
  });

  it("keeps a bracketed line that opens with a capital or a number, such as a reference", () => {
    const notes = ingestText(
      "Sources\n\nThe canal opened in 1869.\n[Note: the date is disputed.]\n[1] Smith, The Canal, 1990.\n",
      "notes.txt",
      "notes",
    );
    expect(sentencesOf(notes).join(" ")).toMatch(/Note: the date is disputed/u);
  });
});

describe("an encyclopedia page copied from its site (blind batch 42)", () => {
  const library42Dir = join(projectRoot, "tests/fixtures/blind/library-42");
  const page = ingestFixture("britannica-copy.txt", library42Dir);

  it("takes the article's name for the title, past the site's header and menus", () => {
    expect(page.title).toBe("Angkor Wat");
    const headings = headingsOf(page);
    for (const furniture of ["Search", "Britannica", "Home", "Games & Quizzes", "Print Cite Share Feedback"])
      expect(headings).not.toContain(furniture);
  });

  it("drops the credits, the unnumbered contents list and the citation styles, and keeps the sections", () => {
    const headings = headingsOf(page);
    expect(headings).not.toContain("Written by");
    expect(headings).not.toContain("Table of Contents");
    expect(headings).not.toContain("Introduction");
    expect(headings.filter((heading) => heading === "Architecture")).toHaveLength(1);
    const text = sentencesOf(page).join(" ");
    expect(text).not.toMatch(/Website Name|Access Date|Article History|Khmer Empire Angkor Thom/u);
  });

  it("reads labelled values (`Also known as: …`, a note's `Tags: …`) as sentences, not headings", () => {
    expect(sentencesOf(page)).toContain("Also known as: Angkor Vat, Nokor Wat.");
    const notes = ingestFixture("notion-export.md", library42Dir);
    expect(sentencesOf(notes)).toContain("Tags: Food Microbiology, Lab Notes, Fermentation.");
    expect(headingsOf(notes)).not.toContain("Course: BIOL 2240");
  });

  it("keeps a run of short lines after the first paragraph, or without a site's words, as it was", () => {
    const read = (text: string) => {
      const article = ingestText(text, "notes.txt", "notes");
      return [...headingsOf(article), ...sentencesOf(article)].join(" ");
    };
    const paragraph = "Each of these keeps for months in a dry cupboard, sealed against damp and insects.";
    expect(read(`Pantry staples\n\nFlour\nSugar\nSalt\nYeast\n\n${paragraph}\n`)).toMatch(/Flour/u);
    expect(read(`Pantry staples\n\n${paragraph}\n\nHome\nGarden\nKitchen\nCellar\n`)).toMatch(/Home/u);
    expect(read(`Search\nHome\nAbout\nContact\n\nPantry staples\n\n${paragraph}\n`)).not.toMatch(/Contact/u);
  });
});

describe("a thread and a live blog copied from the browser (blind batch 43)", () => {
  const library43Dir = join(projectRoot, "tests/fixtures/blind/library-43");

  it("reads a social thread's posts and drops the names, handles, dates, counts and buttons around them", () => {
    const thread = ingestFixture("x-thread.txt", library43Dir);
    const sentences = sentencesOf(thread);
    expect(sentences).toContain("Operations finally began on 2 November.");
    const text = sentences.join(" ");
    expect(text).not.toMatch(/@tamsinreadsold|\d Views|Mar 4|Show more|See new posts|Tamsin Achebe-Ward/u);
    expect(headingsOf(thread)).not.toContain("Conversation");
  });

  it("drops a live blog's state, publication line and entry times, and keeps each entry's headline", () => {
    const blog = ingestFixture("live-blog.txt", library43Dir);
    expect(blog.title).toMatch(/^Notre-Dame reopens/u);
    const headings = headingsOf(blog);
    expect(headings).toContain("Magnificat sung as ceremony draws to a close");
    expect(headings.join(" ")).not.toMatch(/Published|GMT/u);
    for (const sentence of sentencesOf(blog)) expect(sentence).not.toMatch(/^(?:\d{2}:\d{2} GMT|7:38 PM)/u);
  });

  it("keeps a number alone on its line where no handle marks a social thread", () => {
    expect(noteText("Key figures\n\nVisitors in 2019:\n4,902\n\nThe museum reopened in May.\n")).toMatch(
      /4,902/u,
    );
  });
});

describe("an essay exported from a word processor and an old encyclopedia's entry (blind batch 44)", () => {
  const library44Dir = join(projectRoot, "tests/fixtures/blind/library-44");
  const essay = ingestFixture("gdocs-essay.txt", library44Dir);

  it("drops the essay's header block (name, course, teacher, date), which heads nothing", () => {
    const headings = headingsOf(essay);
    for (const line of ["Jordan Ellis", "Ms Patel", "14 March 2024"]) expect(headings).not.toContain(line);
    expect(sentencesOf(essay)[0]).toMatch(/^In the winter of 1692/u);
  });

  it("drops the footnotes and reviewers' comments listed after the text, whose markers the text cites", () => {
    const text = sentencesOf(essay).join(" ");
    expect(text).not.toMatch(/Ibid|Ms Patel: Good thesis|Knopf/u);
    expect(text).toMatch(/The colony later paid compensation to some of the families in 1711\./u);
  });

  it("keeps a bracket-numbered list the text never cites, and a short header without a date", () => {
    const paragraph =
      "The canal was dug by hand over ten years and opened to shipping in the spring of 1869.";
    expect(noteText(`Steps\n\n${paragraph}\n\n[1] Survey the route.\n[2] Dig the cut.\n`)).toMatch(
      /Dig the cut/u,
    );
    const header = noteText(`The Canal\n\nWhy it matters\nWho built it\nWhat it cost\n\n${paragraph}\n`);
    expect(header).toMatch(/opened to shipping/u);
  });

  it("ends no sentence at `cf.` or `viz.`, and starts one at a bracketed reference", () => {
    const entry = ingestFixture("old-encyclopedia.txt", library44Dir);
    const sentences = sentencesOf(entry);
    expect(sentences.some((sentence) => sentence.endsWith("(cf. NAVIGATION)."))).toBe(true);
    expect(sentences.some((sentence) => sentence.endsWith("without change of plate."))).toBe(true);
  });
});

describe("an essay saved from Word as text, an interview transcript, slides and web pages (blind batches 59 and 60)", () => {
  const library59Dir = join(projectRoot, "tests/fixtures/blind/library-59");
  const library60Dir = join(projectRoot, "tests/fixtures/blind/library-60");

  it("drops an essay's header block whose date is labelled, and reads its numbered headings set on the text", () => {
    const essay = ingestFixture("docx-export.txt", library59Dir);
    expect(essay.title).toBe(
      "Machine Breakers or Early Trade Unionists? Reassessing the Luddite Disturbances, 1811–1816",
    );
    expect(headingsOf(essay).slice(0, 4)).toEqual([
      "Introduction",
      "Origins of the Movement",
      "The Nottinghamshire framework knitters",
      "Spread to Yorkshire and Lancashire",
    ]);
    expect(sentencesOf(essay).join(" ")).not.toMatch(/Student ID|Word count|Date submitted/u);
  });

  it("keeps a numbered list item followed by a long line a list item", () => {
    const long = "The second step takes the longest of all, since every joint must be checked twice by hand.";
    expect(noteText(`Steps\n\n- Measure.\n1. Cut the boards\n${long}\n`)).toMatch(/Cut the boards/u);
  });

  it("leaves a transcriber's notes out of what the speakers said", () => {
    const transcript = ingestFixture("transcript-interview.txt", library59Dir);
    const text = sentencesOf(transcript).join(" ");
    expect(text).not.toMatch(/\[(?:laughs|pause|inaudible)/u);
    expect(text).toMatch(/he was a lighterman\. I'm getting muddled already\./u);
  });

  it("reads a slide's inline speaker notes without their label", () => {
    const slides = ingestFixture("slides-export.txt", library60Dir);
    expect(sentencesOf(slides)).toContain(
      "The plant is usually called Chernobyl after the old district town about 15 kilometres away, but most of the workers actually lived in Pripyat, a new town founded in 1970.",
    );
    expect(sentencesOf(slides).join(" ")).not.toMatch(/Speaker notes/u);
  });

  it("drops a web page's skip link, cookie banner, site name, button rows and breadcrumb, keeping its tables", () => {
    const page = ingestFixture("government-page.txt", library60Dir);
    expect(page.title).toBe("Skara Brae");
    const text = sentencesOf(page).join(" ");
    expect(text).not.toMatch(/cookies|Plan your visit|Membership|Historic Environment Scotland \|/u);
    expect(sentencesOf(page)).toContain("1 April to 30 September: Daily; 9.30am to 5.30pm; 4.45pm.");
    const kids = ingestFixture("encyclopedia-kids.md", library60Dir);
    expect(headingsOf(kids)).not.toContain("Animals of the World › Birds › Penguins");
  });
});

describe("a mind map exported as an indented outline, and an X thread (blind batch 67)", () => {
  const library69Dir = join(projectRoot, "tests/fixtures/blind/library-69");
  const library67Dir = join(projectRoot, "tests/fixtures/blind/library-67");

  it("reads each node of a tab-indented outline apart, and its first-level branches as sections", () => {
    const map = ingestFixture("mind-map.txt", library67Dir);
    expect(map.title).toBe("Sagrada Família (Basílica de la Sagrada Família)");
    expect(headingsOf(map)).toEqual(expect.arrayContaining(["Origins", "Design", "Money"]));
    const sentences = sentencesOf(map);
    expect(sentences).toContain("Paid for by private donations and entrance tickets.");
    // A node's short leaves are its values; a longer note under a node keeps its own sentences.
    expect(sentences).toContain(
      "Gaudí takes over: 1883; aged 31 at the time; completely redesigned the project.",
    );
    expect(sentences).toContain(
      "Del Villar resigned at the end of 1882 after a dispute with Bocabella's association over costs and over how the crypt columns should be built.",
    );
  });

  it("reads paragraphs that open with a tab as paragraphs, not as an outline", () => {
    const text = noteText(
      "\tThe canal was dug by hand over ten years\nand opened to shipping in 1869.\n\tIt closed in 1950 when\nthe railway took its trade.\n",
    );
    expect(text).toContain("The canal was dug by hand over ten years and opened to shipping in 1869.");
    expect(text).toContain("It closed in 1950 when the railway took its trade.");
  });

  it("drops a press release's contact block after its end mark, and keeps text after a mark that ends nothing", () => {
    const release = ingestFixture("press-release.txt", library67Dir);
    const sentences = sentencesOf(release);
    expect(sentences).toContain(
      "The Centre is run largely by volunteers and welcomes around 30,000 visitors a year.",
    );
    expect(sentences.join(" ")).not.toMatch(/###|Phone|press@|Lorna Baird/u);
    expect(headingsOf(release)).not.toContain("Communications Manager, Leven Maritime Heritage Centre");
    const paragraphs = Array.from(
      { length: 16 },
      (_, n) => `Paragraph ${n + 1} of the report goes on about the canal and its locks.`,
    );
    expect(noteText(`Intro\n\nThe canal opened in 1869.\n\n###\n\n${paragraphs.join("\n\n")}\n`)).toMatch(
      /Paragraph 16 of the report/u,
    );
  });

  it("drops a thread's post numbers and its pictures' Image and ALT labels", () => {
    const thread = ingestFixture("x-thread.txt", library67Dir);
    const sentences = sentencesOf(thread);
    expect(sentences).toContain(
      'The paper was The Sun, a "penny paper" founded in 1833 by Benjamin Day, a 23-year-old printer.',
    );
    expect(sentences).toContain("This is the story of the Great Moon Hoax of 1835.");
    expect(sentences.join(" ")).not.toMatch(/\b\d{1,2}\/(?:\s|$)|\/end/u);
    expect(headingsOf(thread)).not.toEqual(expect.arrayContaining(["Image"]));
    expect(headingsOf(thread)).not.toEqual(expect.arrayContaining(["ALT"]));
  });

  it("reads a box drawn in text without its borders, a wrapped line of it with the line it wraps", () => {
    const textbook = ingestFixture("textbook-pdf.txt", library69Dir);
    const sentences = sentencesOf(textbook);
    expect(sentences).toContain(
      "This is one reason why top predators such as eagles, wolves and sharks are relatively rare and need large territories.",
    );
    expect(sentences).toContain(
      "Net primary productivity (NPP) energy stored by producers after respiration.",
    );
    expect(sentences.join(" ")).not.toMatch(/\+-{3}/u);
  });

  it("takes a running header that opens a copied page as the title, without its page number", () => {
    expect(ingestFixture("textbook-pdf.txt", library69Dir).title).toBe("CHAPTER 5 ENERGY IN ECOSYSTEMS");
  });

  it("reads each item of a checklist, ticked or not, as a sentence of its own", () => {
    const notes = sentencesOf(ingestFixture("google-doc-notes.txt", library69Dir));
    expect(notes).toContain("Find King quote with proper source.");
    expect(notes).toContain("Check Colvin date (see comment).");
    expect(notes).toContain("Confirm bus fare / taxi fare numbers.");
  });

  it("reads a sentence a figure's caption cuts in two as one sentence, and the caption apart", () => {
    const sentences = sentencesOf(ingestFixture("textbook-pdf.txt", library69Dir));
    expect(sentences).toContain(
      "When the same grain is fed to cattle and people then eat the beef, roughly 90 percent of the energy is lost in the extra step.",
    );
    expect(sentences).toContain("About 90% of the energy is lost at each step.");
  });

  it("leaves out a blog post's related posts and the share and newsletter footer under them", () => {
    const post = ingestFixture("blog-post.md", library69Dir);
    expect(sentencesOf(post).at(-1)).toBe(
      "It may well have ended up on someone's dinner table, which, all things considered, would have been a fitting end to the only casualty of the Pig War.",
    );
    expect(headingsOf(post)).not.toContain("Related posts");
  });

  it("leaves out a pull quote that repeats the post's own sentence, and keeps a quotation said once", () => {
    const sentences = sentencesOf(ingestFixture("blog-post.md", library69Dir));
    const repeating = sentences.filter((sentence) => sentence.includes("a war over a squabble about a pig"));
    expect(repeating).toEqual([
      'He reportedly said that he would not "involve two great nations in a war over a squabble about a pig."',
    ]);
    expect(
      noteText("The canal opened in 1869.\n\n> Water is the driver of nature, said Leonardo.\n"),
    ).toContain("Water is the driver of nature, said Leonardo.");
  });

  it("reads a word processor's outline saved as text as list items, not as rows of two cells", () => {
    // Blind batch 70's study guide (never trained on): `1.1<TAB>…`, `a)<TAB>…`, `i.<TAB>…`.
    const guide = ingestFixture("word-study-guide.txt", join(projectRoot, "tests/fixtures/blind/library-70"));
    const sentences = sentencesOf(guide);
    expect(sentences).toContain(
      "Saint-Domingue was the French colony on the western third of the island of Hispaniola.",
    );
    expect(sentences).toContain("About 40,000 white colonists.");
    expect(sentences).toContain("Napoleon saw the constitution as a direct challenge to his authority.");
    expect(sentences.join(" ")).not.toMatch(/\b(?:\d\.\d|[A-Z]\)|I\.):/u);
    // A row of a table copied with tabs is still a row (`Born<TAB>18 July 1918`).
    expect(noteText("Born\t18 July 1918\nDied\t5 December 2013\n")).toContain("Born: 18 July 1918");
  });
});

describe("a PDF textbook chapter and study notes exported as Markdown (blind batch 72)", () => {
  const library72Dir = join(projectRoot, "tests/fixtures/blind/library-72");
  const chapter = ingestFixture("article-one.txt", library72Dir);

  it("leaves out a page's header with its number set across the page, and mends the sentence it cut", () => {
    expect(sentencesOf(chapter)).toContain(
      "Governor Clinton boarded the packet boat Seneca Chief at Buffalo and travelled east along the canal and then down the Hudson, while a chain of cannons placed within earshot of one another relayed the news from Buffalo to New York City in about 81 minutes.",
    );
    expect(sentencesOf(chapter).join(" ")).not.toContain("120 CHAPTER 5");
  });

  it("ends a paragraph on its last line when a stop closes a quotation or a bracket there, not a heading", () => {
    expect(headingsOf(chapter)).toEqual([
      "A Ditch Through the Wilderness",
      "Building Clinton's Ditch",
      "The Wedding of the Waters",
      "Consequences",
      "Key terms",
    ]);
    expect(sentencesOf(chapter)).toContain(
      'The western New York corridor also became a seedbed of religious revivals and reform movements, and was later called the "Burned-over District."',
    );
    expect(sentencesOf(chapter)).toContain("(Courtesy of the New York State Library.)");
  });

  it("links each nested list item to the first sentence of the item it hangs under", () => {
    const notes = ingestFixture("article-three.md", library72Dir);
    const sentences = notes.sections.flatMap((section) => section.sentences);
    const parentOf = (text: string) => {
      const sentence = sentences.find((each) => each.text === text);
      return sentences.find((each) => each.index === sentence?.parent)?.text;
    };
    expect(parentOf("Took around 2 years total to finish.")).toBe(
      "Summit Tunnel (Tunnel No. 6): 1,659 ft long through solid granite.",
    );
    expect(parentOf("$48,000 / mile in the mountains.")).toBe(
      "Govt loaned 30-year bonds per mile of finished track:",
    );
    expect(parentOf("Summit Tunnel (Tunnel No. 6): 1,659 ft long through solid granite.")).toBeUndefined();
    // Text at the margin between them ends the list: the next indented item hangs under nothing above it.
    const after = ingestText(
      "- Canals:\n  - the Erie\n\nA paragraph.\n\n  - an indented line\n",
      "n.md",
      "n",
    );
    const read = after.sections.flatMap((section) => section.sentences);
    expect(read.map((sentence) => [sentence.text, sentence.parent])).toEqual([
      ["Canals:", undefined],
      ["The Erie.", 0],
      ["A paragraph.", undefined],
      ["An indented line.", undefined],
    ]);
  });
});

describe("an encyclopedia's page copied from the browser (blind batch 73)", () => {
  const page = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-73"));

  it("takes its title from under the site's menu bar, and its short description as the lead's caption", () => {
    expect(page.title).toBe("Petra");
    expect(page.sections[0]?.captions).toContain("ancient city, Jordan");
    expect(sentencesOf(page).join(" ")).not.toMatch(/Science & Tech|Subscribe/u);
  });

  it("reads the lead under no heading when the contents are folded away over it", () => {
    expect(headingsOf(page)[0]).toBeNull();
    expect(headingsOf(page)).not.toContain("Table of Contents");
    expect(sentencesOf(page)[0]).toBe(
      "Petra, ancient city, centre of an Arab kingdom in Hellenistic and Roman times, the ruins of which lie in southwestern Jordan.",
    );
  });

  it("leaves out the writer's note between the credits", () => {
    expect(sentencesOf(page).join(" ")).not.toMatch(/Lecturer in|Author of Caravan/u);
    // A line of wide-set words without a site's own link is not a menu (a table's header copied as text).
    const table = (header: string) =>
      headingsOf(
        ingestText(`Petra was built by the Nabataeans.\n\n${header}\nRest   -70 mV   closed\n`, "t.txt", "t"),
      );
    expect(table("Phase   Potential   Channels   Ions")).toContain("Phase Potential Channels Ions");
    expect(table("Home   Potential   Channels   Ions")).not.toContain("Home Potential Channels Ions");
  });
});

describe("lecture slides exported as an outline, points without bullets (blind batch 74)", () => {
  const library74Dir = join(projectRoot, "tests/fixtures/blind/library-74");
  const deck = ingestFixture("article-one.txt", library74Dir);
  const sentences = deck.sections.flatMap((section) => section.sentences);

  it("reads each point as a sentence of its own, under its slide's title", () => {
    expect(headingsOf(deck)).toContain("Context: the frontier before the Wall");
    expect(headingsOf(deck)).not.toContain("Agricola's campaigns in Scotland, AD 77–83/84");
    expect(sentencesOf(deck)).toContain(
      "William Hutton walks the whole length of the Wall in 1801, aged 78.",
    );
    expect(sentencesOf(deck)).toContain("Waterlogged, oxygen-free deposits preserved them.");
    expect(sentencesOf(deck).join(" ")).not.toMatch(/Slide \d/u);
  });

  it("hangs an indented point under the point above it", () => {
    const parentOf = (text: string) => {
      const sentence = sentences.find((each) => each.text === text);
      return sentences.find((each) => each.index === sentence?.parent)?.text;
    };
    expect(parentOf("Battle of Mons Graupius, AD 83 or 84 (Tacitus).")).toBe(
      "Agricola's campaigns in Scotland, AD 77–83/84.",
    );
    expect(parentOf("Agricola's campaigns in Scotland, AD 77–83/84.")).toBeUndefined();
  });

  it("reads a paragraph after a slide's number as the slide's text, not its title (a talk's transcript)", () => {
    const talk = ingestText(
      [1, 2, 3]
        .map(
          (n) =>
            `Slide ${n}\nHere the speaker explains point ${n} of the talk at some length, as speakers do.\n`,
        )
        .join("\n"),
      "talk.txt",
      "talk",
    );
    expect(headingsOf(talk).filter((heading) => heading !== null)).toEqual([]);
    expect(sentencesOf(talk)).toContain(
      "Here the speaker explains point 2 of the talk at some length, as speakers do.",
    );
  });

  it("does not end a sentence at `incl.` or `esp.` before a name", () => {
    expect(sentencesOf(deck)).toContain("Garrison units incl. Batavians and Tungrians from the lower Rhine.");
    expect(noteText("Pesticides, esp. DDT, thinned the shells. Ospreys declined.")).toBe(
      "Pesticides, esp. DDT, thinned the shells. Ospreys declined.",
    );
  });

  it("still joins a hard-wrapped line that goes on with a name when there are no numbered slides", () => {
    expect(
      noteText(
        "Railroads\n\nThe pass that finally carried the line over the Sierra Nevada was found by\nTheodore Judah in 1861.\n",
      ),
    ).toBe(
      "The pass that finally carried the line over the Sierra Nevada was found by Theodore Judah in 1861.",
    );
  });
});

describe("a newspaper's feature copied from its website (blind batch 74)", () => {
  const feature = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-74"));

  it("takes the headline for its title, not the masthead between `Skip to main content` and the menu", () => {
    expect(feature.title).toBe(
      "Thirty-four seconds over Lakehurst: 85 years after the Hindenburg, a town keeps watch over the memory",
    );
  });
});

describe("a Wikipedia article printed to PDF from the browser and copied (blind batch 75)", () => {
  const printed = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-75"));

  it("drops each page's print header and address footer, takes the page's own title, and mends the cut sentence", () => {
    expect(printed.title).toBe("Mohenjo-daro");
    expect(sentencesOf(printed).join(" ")).not.toMatch(/https:|4:17 PM/u);
    expect(sentencesOf(printed)).toContain("The site was rediscovered in the 1920s.");
  });

  it("does not end a sentence at a translation's `lit.`, but does at a lamp that was lit", () => {
    expect(sentencesOf(printed)).toContain(
      "Mohenjo-daro (Sindhi: موئن جو دڙو, lit. 'Mound of the Dead Men') is an archaeological site in Larkana District, Sindh, Pakistan.",
    );
    expect(sentencesOf(ingestText("Lamps\n\nThe lamp was lit. Work began.\n", "l.txt", "l"))).toEqual([
      "The lamp was lit.",
      "Work began.",
    ]);
  });
});

describe("a textbook's end-of-chapter pages (blind batch 75)", () => {
  const chapter = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-75"));

  it("reads each key term with its definition as a sentence of its own, lower-case terms too", () => {
    expect(sentencesOf(chapter)).toContain(
      "Indirect rule: British system of governing colonies through existing African rulers supervised by colonial officials.",
    );
    expect(sentencesOf(chapter)).toContain(
      "Berlin Conference: meeting of fourteen states in 1884–1885, called by Otto von Bismarck, that set rules for the partition of Africa.",
    );
  });
});

describe("a museum's online exhibition page copied with select-all (blind batch 78)", () => {
  const page = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-78"));

  it("leaves out the museum's name over its menu bar and the search box, and takes the exhibition's title", () => {
    expect(page.title).toBe("Friends of the Full Moon: The Lunar Society and the Making of the Modern World");
    expect(headingsOf(page).join(" ")).not.toMatch(/Visit|Search|12 March/u);
    expect(sentencesOf(page).join(" ")).not.toMatch(/---/u);
  });

  it("reads an object label's lines as sentences under the object's name, not as headings of their own", () => {
    const headings = headingsOf(page);
    expect(headings).toContain("The Portland Vase (first edition copy)");
    expect(
      headings.some((heading) => heading !== null && /Accession|Gift of|jasperware/u.test(heading)),
    ).toBe(false);
    const vase = page.sections.find(
      (section) => section.heading === "The Portland Vase (first edition copy)",
    );
    const vaseSentences = vase?.sentences.map((sentence) => sentence.text) ?? [];
    expect(vaseSentences).toContain("Gift of Mrs Eleanor Hartley, 1951.");
    expect(
      vaseSentences.some((text) =>
        text.startsWith("The original Portland Vase is a Roman cameo-glass vessel"),
      ),
    ).toBe(true);
  });

  it("still takes a heading over a short paragraph of stopped lines, and a wrapped paragraph's lines as one", () => {
    const notes = ingestText(
      "Notes\n\nIntro line one here.\n\nHistory\nThe town was founded in 1200.\n\nFirst line of a paragraph\nthat wraps across\nseveral short lines\nwithout any stop\n",
      "n.txt",
      "n",
    );
    expect(headingsOf(notes)).toContain("History");
    expect(sentencesOf(notes)).toContain(
      "First line of a paragraph that wraps across several short lines without any stop.",
    );
  });
});

describe("an open textbook's section copied from its web reader (blind batch 79)", () => {
  const section = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-79"));

  it("takes the section's numbered heading as the title, not the Learning Objectives box over it", () => {
    expect(section.title).toBe("Tropical Cyclones");
    expect(headingsOf(section)).toContain("Conditions for Formation");
  });

  it("reads each learning objective under its introducing sentence as a sentence of its own", () => {
    expect(sentencesOf(section)).toContain(
      "Classify hurricanes using the Saffir–Simpson Hurricane Wind Scale.",
    );
    expect(headingsOf(section)).not.toContain(
      "Classify hurricanes using the Saffir–Simpson Hurricane Wind Scale",
    );
  });

  it("reads each glossary term with its definition, one entry a sentence", () => {
    expect(sentencesOf(section)).toContain(
      "Storm surge: an abnormal rise in sea level driven onshore by a storm's winds and low pressure.",
    );
    expect(sentencesOf(section)).toContain(
      "Eyewall: the ring of tall thunderstorms around the eye that contains a hurricane's strongest winds and heaviest rain.",
    );
  });

  it("reads a glossary and a marker-less list of any topic so, but not two headings over paragraphs", () => {
    const notes = ingestText(
      [
        "Cell Biology Review",
        "",
        "After this unit, students should be able to:",
        "Name the parts of a eukaryotic cell",
        "Compare mitosis and meiosis",
        "",
        "Glossary",
        "",
        "organelle",
        "a structure within a cell that has a specific job",
        "",
        "ribosome",
        "the site where proteins are assembled from amino acids",
        "",
        "cytoplasm",
        "the jelly-like fluid that fills the cell",
        "",
        "Summary",
        "",
        "Cells are the units of life.",
        "",
      ].join("\n"),
      "cells.txt",
      "cells",
    );
    const sentences = sentencesOf(notes);
    expect(sentences).toContain("Compare mitosis and meiosis.");
    expect(sentences).toContain("Ribosome: the site where proteins are assembled from amino acids.");
    // Two such pairs are no glossary.
    const twoPairs = ingestText(
      "Lab notes\n\nHistory\nthe cell was first described by Robert Hooke in 1665.\n\nMethods\nsamples were stained and counted.\n",
      "lab.txt",
      "lab",
    );
    expect(sentencesOf(twoPairs).some((text) => /^(?:History|Methods):/u.test(text))).toBe(false);
  });

  it("keeps the first line as the title when the numbered headings have no one root", () => {
    const report = ingestText(
      "Canal Report\n\n1.1 Background\n\nThe canal opened in 1825.\n\n1.2 Costs\n\nIt cost seven million dollars.\n\n2.1 Traffic\n\nTraffic peaked in 1855.\n",
      "report.txt",
      "report",
    );
    expect(report.title).toBe("Canal Report");
  });
});

describe("a forum thread copied from the page (blind batch 79)", () => {
  const thread = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-79"));

  it("takes the thread's question as its title and leaves out the forum's name, controls and flair", () => {
    expect(thread.title).toBe("How did the Inca run a huge empire without writing?");
    expect(headingsOf(thread).join(" ")).not.toMatch(
      /Archived|Comments Section|Andean history|More replies/u,
    );
    expect(sentencesOf(thread).join(" ")).not.toMatch(/AskHistorians/u);
  });

  it("reads the replies after an answer's source list as text again", () => {
    expect(sentencesOf(thread)).toContain("Do we know how long it took to train a khipukamayuq?");
    expect(
      sentencesOf(thread).some((text) => text.startsWith("Garcilaso says the job was passed down")),
    ).toBe(true);
  });
});

describe("a revision site's page and a wiki page printed to PDF (blind batch 80)", () => {
  const library80Dir = join(projectRoot, "tests/fixtures/blind/library-80");
  const revision = ingestFixture("article-one.txt", library80Dir);
  const printed = ingestFixture("article-three.txt", library80Dir);

  it("takes the title under the breadcrumb trail, not the site's name and menu over it", () => {
    expect(revision.title).toBe("The Gunpowder Plot, 1605");
    expect(headingsOf(revision).join(" ")).not.toMatch(/Search ReviseWise|Study support|All subjects/u);
  });

  it("leaves out a quiz's lettered options and the links to the previous and next pages", () => {
    const sentences = sentencesOf(revision);
    expect(sentences).toContain("Who received the anonymous warning letter?");
    expect(sentences.join(" ")).not.toMatch(
      /Holbeche House b\)|Next page|Elizabeth I's religious settlement/u,
    );
  });

  it("keeps a lettered list under a sentence that is no question", () => {
    const notes = ingestText(
      "Moonwalk\n\nThe crew had three tasks:\na) collecting rock samples;\nb) setting up a seismometer;\nc) planting the flag.\n",
      "moon.txt",
      "moon",
    );
    expect(sentencesOf(notes).join(" ")).toMatch(/setting up a seismometer/u);
  });

  it("leaves out five lettered options, and nothing after them", () => {
    const quiz = ingestText(
      "Quiz\n\nWhich planet is largest?\na) Mars\nb) Venus\nc) Jupiter\nd) Earth\ne) Mercury\nJupiter is the largest planet.\nIt has at least 95 moons.\n",
      "quiz.txt",
      "quiz",
    );
    const sentences = sentencesOf(quiz);
    expect(sentences.join(" ")).not.toMatch(/Venus/u);
    expect(sentences).toContain("It has at least 95 moons.");
  });

  it("drops the address and page number a browser prints at each page's foot, and joins the sentence across it", () => {
    const sentences = sentencesOf(printed);
    expect(sentences.join(" ")).not.toMatch(/https?:|Page \d of 5/u);
    expect(sentences).toContain(
      "On 13 March 1591 it defeated the much larger Songhai army at the Battle of Tondibi, and Timbuktu was occupied soon afterwards.",
    );
    expect(sentences.some((text) => text.includes("which they regarded as idolatrous"))).toBe(true);
  });
});

describe("an essay from a word processor, a museum's guide page and a blog post (blind batch 81)", () => {
  const library81Dir = join(projectRoot, "tests/fixtures/blind/library-81");
  const essay = ingestFixture("article-one.txt", library81Dir);
  const museum = ingestFixture("article-two.txt", library81Dir);
  const blog = ingestFixture("article-three.txt", library81Dir);

  it("drops the note numbers stuck to words and to numbers when the essay lists its notes", () => {
    const sentences = sentencesOf(essay);
    expect(sentences).toContain(
      "In 1828 the Duke of Wellington's government replaced it with a sliding scale, under which the duty fell as domestic prices rose.",
    );
    expect(sentences.some((text) => text.endsWith("aimed at £250,000."))).toBe(true);
    expect(sentences.some((text) => text.endsWith("a clear Commons majority again until 1874."))).toBe(true);
  });

  it("drops only the numbers the notes list, and never a capital's (`CO2`)", () => {
    const text = noteText(
      "Air\n\nPlants take in CO2 and water through the leaves1. The pump model7 ran for years.2\n\nNotes\n\n1 Smith, Plants, p. 4.\n2 Ibid., p. 9.\n",
    );
    expect(text).toContain("Plants take in CO2 and water through the leaves.");
    expect(text).toContain("The pump model7 ran for years.");
  });

  it("keeps numbers stuck to words and decimals when no notes are listed", () => {
    const text = noteText(
      "Air\n\nPlants take in CO2 and water. The grant rose to £250,000.7 A further sum followed. Engines ran at 1874.13 rpm.\n",
    );
    expect(text).toContain("CO2");
    expect(text).toContain("£250,000.7");
    expect(text).toContain("1874.13 rpm");
  });

  it("keeps each museum object's fields with their labels, though the labels and values recur", () => {
    const sentences = sentencesOf(museum);
    expect(sentences).toContain("Maker: Painted by Frederik van Frytom (c. 1632–1702).");
    expect(sentences.filter((text) => text === "Place: Delft, Netherlands.")).toHaveLength(4);
    expect(sentences).toContain("Date: c. 1680.");
    expect(sentences.join(" ")).not.toMatch(/Teapot, Meissen/u);
  });

  it("still reads a transcript's recurring speakers as labels, not fields", () => {
    const text = noteText(
      "Interview\n\nHost: Welcome back to the show.\nGuest: Thanks for having me.\nHost: So when did the dig begin?\nGuest: In the spring of 1931.\n",
    );
    expect(text).not.toMatch(/Host|Guest/u);
    expect(text).toContain("In the spring of 1931.");
  });

  it("takes the post's title, not the blog's name and tagline, and drops the pull quote, buttons and related posts", () => {
    expect(blog.title).toBe("Nine days in May: what really happened at Dunkirk");
    const sentences = sentencesOf(blog);
    const repeated =
      "The little ships did not carry most of the army home, but without them the beaches would have been far slower to clear.";
    expect(sentences.filter((text) => text.includes(repeated.slice(0, 40)))).toHaveLength(1);
    expect(sentences.join(" ")).not.toMatch(/Like Loading|Maginot Line|3 thoughts on/u);
  });

  it("keeps an article's own `Related …` section that lists no pages", () => {
    const article = ingestText(
      "Axolotl\n\nThe axolotl is a salamander.\n\nRelated species\n\nThe tiger salamander is its closest relative. It lives in North America.\n",
      "axolotl.txt",
      "axolotl",
    );
    expect(sentencesOf(article)).toContain("The tiger salamander is its closest relative.");
  });

  it("keeps a quoted paragraph that the text does not repeat", () => {
    const text = noteText(
      'Dunkirk\n\nThe evacuation ended on 4 June.\n\n"Wars are not won by evacuations, and we must be very careful."\n\nChurchill said so to the Commons.\n',
    );
    expect(text).toContain("Wars are not won by evacuations");
  });
});

describe("a journal's review paper, a timeline page and Wikipedia's mobile site (blind batch 82)", () => {
  const library82Dir = join(projectRoot, "tests/fixtures/blind/library-82");
  const paper = ingestFixture("article-one.txt", library82Dir);
  const timeline = ingestFixture("article-two.txt", library82Dir);
  const mobile = ingestFixture("article-three.txt", library82Dir);

  it("takes the paper's title, not its kind, and leaves out its authors, affiliations, DOI and history", () => {
    expect(paper.title).toBe("Magnetoreception in Migratory Birds: Mechanisms, Evidence and Open Questions");
    expect(headingsOf(paper)[0]).toBe("Abstract");
    expect(sentencesOf(paper).join(" ")).not.toMatch(/Helena Vogt|Institute of Avian|doi\.org|Received:/u);
  });

  it("keeps a `Review` heading and a `by` line where no DOI or history marks a paper", () => {
    const chapter = ingestText(
      "Review\n\nCells\n\nby Ana Ruiz\n\nCells are the basic unit of life. Every living thing is made of cells.\n",
      "cells.txt",
      "cells",
    );
    expect(chapter.title).toBe("Review");
    expect(sentencesOf(chapter).join(" ")).toMatch(/Ana Ruiz/u);
  });

  it("leaves out a page's tools row", () => {
    expect(sentencesOf(timeline).join(" ")).not.toMatch(/Print this page|Download as PDF/u);
  });

  it("reads the headings without the mobile site's `Edit` link, and each infobox label with its value", () => {
    expect(headingsOf(mobile)).toEqual(
      expect.arrayContaining(["History", "Buildings and structures", "Kew Constabulary"]),
    );
    const sentences = sentencesOf(mobile);
    expect(sentences).toContain("Created: 1759.");
    expect(sentences).toContain("Visitors: 2,319,000 (2019).");
    // The box's rows under a group's name (`UNESCO World Heritage Site`) too.
    expect(sentences).toContain("Inscription: 2003 (27th Session).");
  });

  it("keeps a heading's final `Edit` when only one heading ends so", () => {
    const guide = ingestText(
      "Wiki guide\n\nHow to Edit\n\nOpen the page and press the pencil. Save when you are done.\n\nStyle\n\nWrite plainly. Cite sources.\n",
      "guide.txt",
      "guide",
    );
    expect(headingsOf(guide)).toContain("How to Edit");
  });
});

describe("a news site's live page (blind batch 83)", () => {
  const live = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-83"));

  it("takes the long headline standing alone over the text as the title", () => {
    expect(live.title).toBe(
      "Liverpool and Manchester Railway opens: Huskisson dies after being struck by Rocket at Parkside – as it happened",
    );
  });

  it("leaves out the live page's marks and controls", () => {
    expect(headingsOf(live).join(" ")).not.toMatch(/^Live$|Updated 21:15|Show key events/mu);
    expect(headingsOf(live)).toContain("Huskisson dies at Eccles vicarage");
  });

  it("still reads a long first line that runs on into the next as text", () => {
    const notes = ingestText(
      "The railway opened in 1830 after four years of building and cost more than eight hundred thousand pounds\nin all, a huge sum for the time.\n\nIt ran between Liverpool and Manchester.\n",
      "notes.txt",
      "notes",
    );
    expect(notes.title).not.toMatch(/railway opened/u);
  });
});

describe("an edition of historical letters (blind batch 84)", () => {
  it("does not end a sentence between shillings and pence", () => {
    const letters = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-84"));
    expect(sentencesOf(letters)).toContain(
      "We have sold the clock & the best chair & I have pawned John's Sunday coat for 4s. 6d.",
    );
    // A sentence that ends on a plural's `s.` before a number still ends there.
    expect(
      sentencesOf(ingestText("Notes\n\nPrices rose in the 1860s. 1862 was the worst year.\n", "n.txt", "n")),
    ).toContain("1862 was the worst year.");
  });
});

describe("a government archive's page with a table copied without its outer pipes (blind batch 85)", () => {
  it("reads each row of `Date | Event` as a sentence naming its cells", () => {
    const page = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-85"));
    expect(sentencesOf(page)).toContain("Date: 6 May 1862; Event: Senate passes the bill.");
  });

  it("leaves a site's rows of links as they were", () => {
    const footer =
      "Terms | Privacy | Cookies\nAbout us | Contact | Jobs\nHelp | Press | Shop\nSitemap | Blog | Events\n";
    const page = ingestText(
      `The Act\n\nThe Act was signed in 1862 by the president.\n\n${footer}`,
      "act.txt",
      "act",
    );
    expect(sentencesOf(page).join(" ")).not.toMatch(/Terms: About us/u);
  });
});

describe("a textbook section copied from a PDF with boxes and rules drawn in box-drawing characters (blind batch 87)", () => {
  const chapter = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-87"));
  const sentences = sentencesOf(chapter);

  it("reads a boxed note as its own text, without the borders", () => {
    expect(sentences).toContain(
      'Each boundary (a "pause") marks a height at which the temperature trend reverses.',
    );
    expect(sentences.join(" ")).not.toMatch(/[│┌└─]/u);
  });

  it("joins a sentence cut by a page number, a rule and the next page's header", () => {
    expect(sentences).toContain(
      "At first he suspected an error, caused by sunlight heating the instruments, so he repeated the flights at night.",
    );
    expect(headingsOf(chapter)).not.toContain("CHAPTER 3 EARTH'S ATMOSPHERE");
  });

  it("reads a table drawn with box-drawing characters as rows naming their columns", () => {
    const table = [
      "Layers",
      "",
      "The layers are listed below.",
      "",
      "┌──────────────┬──────────┐",
      "│ Layer        │ Top (km) │",
      "├──────────────┼──────────┤",
      "│ Troposphere  │ 12       │",
      "├──────────────┼──────────┤",
      "│ Stratosphere │ 50       │",
      "│ Mesosphere   │ 85       │",
      "└──────────────┴──────────┘",
      "",
    ].join("\n");
    expect(sentencesOf(ingestText(table, "layers.txt", "layers"))).toEqual(
      expect.arrayContaining([
        "Layer: Troposphere; Top (km): 12.",
        "Layer: Stratosphere; Top (km): 50.",
        "Layer: Mesosphere; Top (km): 85.",
      ]),
    );
  });

  it("still reads the notes under a drawn rule as notes, and drops a scene break of repeated marks", () => {
    const text = [
      "Notes on the war",
      "",
      "The treaty was signed in 1648.1 Peace followed in the north.",
      "",
      "~ ~ ~",
      "",
      "The south stayed at war for another decade.",
      "──────────",
      "1 Signed at Münster.",
      "",
    ].join("\n");
    const article = ingestText(text, "war.txt", "war");
    expect(sentencesOf(article)).not.toContain("~ ~.");
    expect(sentencesOf(article).join(" ")).not.toMatch(/[~─]/u);
    expect(sentencesOf(article)).toContain("The treaty was signed in 1648.");
  });
});

describe("an online encyclopedia's page copied top to bottom (blind batch 88)", () => {
  const page = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-88"));

  it("reads each `Quick Facts` label ending with a colon with the value on the line under it", () => {
    expect(sentencesOf(page)).toEqual(
      expect.arrayContaining([
        "Consecrated: March 25, 1436.",
        "Length of nave: 153 metres (502 feet).",
        "Height with lantern: 114.5 metres (376 feet).",
      ]),
    );
  });

  it("leaves a label over a wrapped paragraph to the paragraph", () => {
    const text = [
      "The dome",
      "",
      "Built:",
      "1420 to 1436",
      "Method:",
      "The bricks were laid in a herringbone",
      "pattern that locked each course.",
      "",
    ].join("\n");
    expect(sentencesOf(ingestText(text, "dome.txt", "dome")).join(" ")).toContain(
      "Method: The bricks were laid in a herringbone pattern that locked each course.",
    );
  });
});

describe("lecture notes typed as a formal outline (blind batch 89)", () => {
  const notes = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-89"));

  it("reads each lower-case lettered point as a sentence of its own, under its lettered heading", () => {
    expect(sentencesOf(notes)).toEqual(
      expect.arrayContaining(["Cultivated land grew far more slowly.", "Hong Kong ceded to Britain."]),
    );
    expect(sentencesOf(notes).join(" ")).not.toMatch(/ b\. \p{Lu}/u);
    expect(headingsOf(notes)).toContain("A. Population pressure");
  });
});

describe("lecture slides exported as an outline (blind batch 88)", () => {
  const slides = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-88"));

  it("reads a point with sub-points under a slide's title as one sentence, not a section", () => {
    expect(sentencesOf(slides)).toContain(
      "Teacher Michael Maestlin: Taught the Ptolemaic system publicly; Introduced his best students privately to Copernicus.",
    );
    expect(headingsOf(slides)).not.toContain("Teacher Michael Maestlin");
    expect(headingsOf(slides)).toContain("Education at Tübingen");
  });
});

describe("a magazine feature copied from a digital edition (blind batch 89)", () => {
  const feature = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-89"));

  it("takes the headline under the kicker of section names as the title", () => {
    expect(feature.title).toBe("The Walking Giants");
  });

  it("puts the drop capital back on its word", () => {
    expect(sentencesOf(feature)[2]).toMatch(/^The road from Hanga Roa to the quarry/u);
  });

  it("leaves a capital `A` that is a word of its own apart from the next line", () => {
    const text = "The statues\n\nThe statues were moved.\n\nA\nnew theory says they walked upright.\n";
    expect(sentencesOf(ingestText(text, "moai.txt", "moai"))).toContain(
      "A new theory says they walked upright.",
    );
  });
});

describe("a museum's audio-guide script (blind batch 89)", () => {
  const guide = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-89"));

  it("heads each stop with its title and running time, and leaves out sound cues and keypad prompts", () => {
    expect(headingsOf(guide)).toContain("Stop 2 – Floating Out, 19 July 1843 (2 min 15 s)");
    const text = sentencesOf(guide).join(" ");
    expect(text).not.toMatch(/\[SOUND|Press \d+ to continue/u);
    expect(sentencesOf(guide)).toContain("Imagine this dockside on the morning of 19 July 1843.");
  });

  it("leaves out a lecture transcript's slide marks, but keeps a bracketed line of text", () => {
    const transcript =
      "Haber\n\n[SLIDE 6]\nSo the first plant opens at Oppau in 1913.\n\n[Editor's note: the plant was bombed in 1918.]\n";
    const sentences = sentencesOf(ingestText(transcript, "talk.txt", "talk"));
    expect(sentences.join(" ")).not.toContain("SLIDE");
    expect(sentences.join(" ")).toContain("the plant was bombed in 1918");
  });

  it("still reads a line closing on a long note in brackets as a sentence, not a heading", () => {
    const notes =
      "Lecture 4\n\nDr Hale (started 5 min late, slides not on Moodle yet, ask her)\n\nThe kidney filters blood.\n";
    expect(headingsOf(ingestText(notes, "notes.txt", "notes"))).not.toContain(
      "Dr Hale (started 5 min late, slides not on Moodle yet, ask her)",
    );
  });
});

describe("a timeline page's entries (blind batch 82)", () => {
  it("heads each era with its dates", () => {
    const timeline = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-82"));
    expect(headingsOf(timeline)).toContain("THE BRONZE AGE (c. 3000 – c. 1100 BC)");
  });
});

describe("a wire report republished by a news site, and a guidebook's web entry (blind batch 90)", () => {
  const library90 = join(projectRoot, "tests/fixtures/blind/library-90");

  it("leaves out the story's freshness, the advertisement slot, and the agency's credits and standards", () => {
    const report = ingestFixture("article-two.txt", library90);
    expect(headingsOf(report)).not.toContain("Updated 3 hours ago");
    expect(headingsOf(report)).not.toContain("Advertisement · Scroll to continue");
    const text = sentencesOf(report).join(" ");
    expect(text).not.toMatch(/Reporting by|Editing by|Our Standards/u);
    expect(text).toContain(
      "Carter, who spent most of the rest of his life on the tomb, died in London in 1939.",
    );
  });

  it("reads a tip boxed by top and bottom borders only as its text, and drops the save and share buttons", () => {
    const entry = ingestFixture("article-three.txt", library90);
    expect(headingsOf(entry)).toContain("TOP TIP");
    const text = sentencesOf(entry).join(" ");
    expect(text).not.toMatch(/[┌└─]|♡|Save ⤴/u);
    expect(text).toContain("Tickets are released about three months in advance");
  });
});

describe("a bibliographic database's abstract page (blind batch 91)", () => {
  it("takes the paper's long title as the title, and leaves out the numbered authors and affiliations", () => {
    const page = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-91"));
    expect(page.title).toMatch(/^Counting the Polio Pioneers: a reanalysis of the surviving case records/u);
    const text = sentencesOf(page).join(" ");
    expect(text).not.toMatch(/Hadley 1|Affiliations|Bentley Historical Library, University of Michigan/u);
    expect(text).toContain("The trial combined two designs.");
  });
});

describe("a documentary's narration script (blind batch 92)", () => {
  it("does not end a sentence at a scene heading's `EXT.` or `INT.`", () => {
    const script = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-92"));
    expect(sentencesOf(script)).toContain("SCENE 1 – EXT. FIRTH OF TAY – DAWN.");
    // Lower case, the words end a sentence as any other (`… for ext. The next …` is no scene heading).
    expect(
      sentencesOf(
        ingestText("Notes\n\nThe wall is ext. The roof is int. Both were rebuilt.\n", "n.txt", "n"),
      ),
    ).toContain("The roof is int.");
  });
});

describe("a Notion page's toggle headings (blind batch 86)", () => {
  it("names a Markdown heading without the toggle's arrow the export keeps before it", () => {
    const page = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-86"));
    expect(headingsOf(page)).toContain("Causes (why 1694?)");
    expect(headingsOf(page).join(" ")).not.toMatch(/▸/u);
    // An arrow inside a heading is part of its name.
    const notes = ingestText("# Notes\n\n## 1694 ▸ 1844\n\nThe Bank's charter was renewed.\n", "n.md", "n");
    expect(headingsOf(notes)).toContain("1694 ▸ 1844");
  });
});

describe("a Word document turned into plain text by pandoc (blind batch 105)", () => {
  const library105 = join(projectRoot, "tests/fixtures/blind/library-105");
  const paper = ingestFixture("article-two.txt", library105);

  it("reads headings underlined with `=` or `-` as the title and the sections", () => {
    expect(paper.title).toBe("A Penny for Any Distance: Rowland Hill and the Postal Reform of 1840");
    expect(headingsOf(paper)).toEqual(expect.arrayContaining(["Introduction", "The Old System", "Results"]));
    expect(sentencesOf(paper)).not.toContain("Introduction.");
  });

  it("reads a grid table's row wrapped over two lines as one row", () => {
    expect(sentencesOf(paper)).toContain(
      "Year: 1860; Letters delivered (UK): 564 million; Comment: Hill is Secretary to the Post Office.",
    );
  });

  it("still reads a sentence closed by a rule, and a console table's rows each on its own line", () => {
    const article = ingestText(
      "The post was dear.\n\nIntro\n-----\n\nThe mail was slow.\nIt cost a shilling.\n==========\n\n+----+----+\n| a | b |\n+----+----+\n| x1 | y1 |\n| x2 | y2 |\n+----+----+\n",
      "notes.txt",
      "notes",
    );
    expect(headingsOf(article)).toEqual([null, "Intro"]);
    expect(sentencesOf(article)).toEqual([
      "The post was dear.",
      "The mail was slow.",
      "It cost a shilling.",
      "A; b.",
      "X1; y1.",
      "X2; y2.",
    ]);
  });
});

describe("notes typed in two columns, cues beside them (blind batch 106)", () => {
  const notes = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-106"));

  it("heads each note with its cue, and runs a note's wrapped lines on into one sentence", () => {
    expect(headingsOf(notes)).toEqual(
      expect.arrayContaining(["how did he discover it?", "generalization vs discrimination"]),
    );
    expect(sentencesOf(notes)).toContain(
      "Prof started w/ a phone buzz on the desk -> half the room reached for their own phone lol = a CR.",
    );
    expect(sentencesOf(notes)).toContain(
      "Orig. studied DIGESTION not learning!! won Nobel Prize 1904 for digestion work.",
    );
  });

  it("leaves a line with a bar in it as it was where no column runs down the page", () => {
    expect(
      noteText("The dog drooled at the bell.\n\nProf. Lindqvist | textbook ch. 6, pp. 212-231 for today.\n"),
    ).toBe("The dog drooled at the bell. Prof. Lindqvist | textbook ch. 6, pp. 212-231 for today.");
  });
});

describe("a course page saved as HTML (blind batch 103)", () => {
  it("decodes a named letter HTML writes as an entity (`&aacute;`, `&Ouml;`, `&mu;`)", () => {
    const page = ingestFixture("article-three.html", join(projectRoot, "tests/fixtures/blind/library-103"));
    expect(sentencesOf(page).join(" ")).toContain("the ruler of Quiriguá, a former subordinate city");
    expect(noteText("Dr K&ouml;hler measured 5 &mu;m &ndash; or &AElig;; &foo; stays.")).toBe(
      "Dr Köhler measured 5 μm – or Æ; &foo; stays.",
    );
  });
});

describe("a Slack thread copied from the desktop app (blind batch 104)", () => {
  const thread = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-104"));
  const text = sentencesOf(thread).join(" ");

  it("reads each message under its sender apart, without reactions, thread counts or a reply's quote", () => {
    expect(sentencesOf(thread)).toContain("Marcus Oyelaran 10:51 AM legend.");
    expect(sentencesOf(thread)).toContain("Tomás Herrera 11:06 AM Ok long message incoming, sorry.");
    expect(text).not.toMatch(/:\+1: 3|:pray:|14 replies|Last reply|replied to a thread|\(edited\)/u);
  });

  it("still reads two spaces and a time inside a line of prose as prose", () => {
    expect(noteText("The last train left at  10:42 AM\nand nobody was on it.")).toBe(
      "The last train left at 10:42 AM and nobody was on it.",
    );
  });
});

describe("a report's section pasted from its PDF (blind batch 102)", () => {
  const report = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-102"));

  it("heads its sections as the contents list names them, a blank line under `CONTENTS`", () => {
    expect(headingsOf(report).slice(0, 3)).toEqual([
      "The legacy of coal mining in the South Wales valleys",
      "The Aberfan disaster, 21 October 1966",
      "The Tribunal of Inquiry and its findings",
    ]);
  });

  it("runs a sentence on over a line opening with a dash that sets off words inside it", () => {
    expect(sentencesOf(report)).toContain(
      "Spoil – the waste rock brought to the surface with the coal – was deposited in tips on the valley sides, often on steep ground immediately above the communities that the collieries served.",
    );
    expect(
      sentencesOf(ingestText("Two things mattered to the owners of the pits:\n– cost\n– speed\n")),
    ).toEqual(["Two things mattered to the owners of the pits:", "Cost.", "Speed."]);
  });
});

describe("a two-column journal article pasted from a PDF viewer (blind batch 102)", () => {
  const paper = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-102"));

  it("takes its title wrapped over three lines, past the journal's masthead, citation and authors", () => {
    expect(paper.title).toBe(
      "Thermal and stormwater performance of an extensive green roof in a temperate maritime climate: a two-summer field comparison",
    );
    expect(sentencesOf(paper).join(" ")).not.toMatch(
      /ScienceDirect|homepage|A R T I C L E|Gallaghera|School of Civil/u,
    );
  });

  it("leaves out the keywords, and heads the first section over a column's short line", () => {
    expect(headingsOf(paper).slice(0, 3)).toEqual([null, "Introduction", "Materials and methods"]);
  });

  it("still keeps a first line apart from a capitalised line under it that does not carry it on", () => {
    const notes = ingestText(
      "The Water Cycle\nProf. Adams, week 3\n\nWater moves between the sea, the air and the land.\n",
    );
    expect(notes.title).toBe("The Water Cycle");
  });
});

describe("a glossary in the stripped format (blind batch 105's, stripped)", () => {
  it("keeps the entries after a `See also` that every entry repeats, and still ends the seed at its trailer", () => {
    const glossary = ingestFixture(
      "article-three.txt",
      join(projectRoot, "tests/fixtures/blind/library-105-stripped"),
    );
    expect(sentencesOf(glossary)).toContain(
      "It is named after William Yapp, a London bookseller who is said to have ordered the first such bindings around 1860.",
    );
    const seed = ingestFixture("lal-masjid.txt", join(projectRoot, "corpus"));
    expect(sentencesOf(seed).at(-1)).toMatch(/named it after his late brother Abdul Rasheed Ghazi\.$/u);
    expect(seed.categories).toHaveLength(5);
  });
});

describe("a Google Docs document downloaded as Markdown (blind batch 103)", () => {
  const doc = ingestFixture("article-two.md", join(projectRoot, "tests/fixtures/blind/library-103"));

  it("shows escaped marks as the marks, and drops heading ids and reference-style images", () => {
    expect(doc.title).toBe("BIOL 2040 Group Project - The Thylacine (Tasmanian Tiger)");
    expect(headingsOf(doc)).toContain("1. Overview");
    expect(sentencesOf(doc)).toContain(
      "Adults were roughly 100-130 cm long from nose to base of tail, plus a stiff tail of about 50-65 cm.",
    );
    expect(sentencesOf(doc).join(" ")).not.toMatch(/\\[-!.[\]]|\{#|!\[\]|\[image1\]/u);
  });

  it("still removes a page's citation markers set side by side, and keeps a reference link's text", () => {
    expect(noteText('It sold as "Thomas meal".[17][18] See the [survey][ref-2] for more.')).toBe(
      'It sold as "Thomas meal". See the survey for more.',
    );
  });
});

describe("a chapter of an e-book copied from an e-reader app (blind batch 104)", () => {
  const chapter = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-104"));

  it("joins a drop capital set apart from its word's small capitals, and leaves out location markers", () => {
    expect(sentencesOf(chapter)).toContain(
      "THE STORY OF the pencil begins, as so many English stories do, with bad weather and sheep.",
    );
    expect(headingsOf(chapter).join(" ")).not.toMatch(/Location \d/u);
  });

  it("still leaves `A` apart from a word of its own after it", () => {
    expect(noteText("A NEW ROAD was built in 1820.")).toBe("A NEW ROAD was built in 1820.");
  });
});

describe("a newspaper's long-read copied from the browser (blind batch 104)", () => {
  const story = ingestFixture("article-three.txt", join(projectRoot, "tests/fixtures/blind/library-104"));

  it("leaves out the date under the byline and `Continue reading the main story`, and captions a described picture", () => {
    expect(headingsOf(story).join(" ")).not.toMatch(/March 8, 2025|Continue reading/u);
    const captions = story.sections.flatMap((section) => section.captions);
    expect(captions).toContain(
      "Hōkūleʻa under sail off the coast of Oahu, with Diamond Head in the background.",
    );
    expect(sentencesOf(story).join(" ")).not.toMatch(/\[Image:|Credit:/u);
  });

  it("still heads a timeline's entry with a date alone on its line", () => {
    const timeline = ingestText(
      "Key dates\n\nMarch 8, 1975\n\nThe canoe was launched at Kualoa before a large crowd.\n",
    );
    expect(headingsOf(timeline)).toContain("March 8, 1975");
  });
});

describe("a press release pasted from a news wire (blind batch 106)", () => {
  it("takes its headline as the title, past `FOR IMMEDIATE RELEASE`", () => {
    const release = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-106"));
    expect(release.title).toBe(
      "One Million Seeds Sown as England's Largest Seagrass Restoration Project Reaches Halfway Mark",
    );
    expect(noteText("The king ordered his immediate release. He went home.")).toBe(
      "The king ordered his immediate release. He went home.",
    );
  });
});

describe("a textbook chapter's pages copied from a PDF (blind batch 106)", () => {
  const chapter = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-106"));

  it("heads a numbered section that asks, and leaves out the book's running heads", () => {
    expect(headingsOf(chapter)).toEqual(
      expect.arrayContaining(["WHAT IS SOIL?", "THE FIVE SOIL-FORMING FACTORS", "THE SOIL PROFILE"]),
    );
    expect(headingsOf(chapter).join(" ")).not.toMatch(/PART TWO/u);
    expect(sentencesOf(chapter).join(" ")).not.toMatch(/PART TWO|CHAPTER 4/u);
  });

  it("still reads a numbered question of a worksheet as a sentence", () => {
    expect(
      noteText("Answer these.\n\n1. Why did the soil erode so fast after the forest was cleared?\n"),
    ).toContain("Why did the soil erode so fast after the forest was cleared?");
  });
});

describe("an exam paper and a radio programme's transcript (blind batches 103 and 105)", () => {
  it("leaves out a question's marks and a transcript's heard notes", () => {
    const paper = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-103"));
    expect(sentencesOf(paper)).toContain("Name TWO of the six points of the People's Charter.");
    expect(sentencesOf(paper).join(" ")).not.toMatch(/\d marks\]/u);
    const programme = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-105"));
    expect(sentencesOf(programme).join(" ")).not.toMatch(/LAUGHTER|SOUNDBITE/u);
  });

  it("still reads an abbreviation in brackets on its own line as text", () => {
    expect(noteText("The agency was renamed in 1958.\n\n(NASA)\n")).toContain("(NASA)");
  });
});

describe("a thread on X and a radio programme's transcript (blind batches 101 and 105)", () => {
  it("leaves out a view count's word set under its number, and a speaker's label with the role alone on its line", () => {
    const thread = ingestFixture("article-two.txt", join(projectRoot, "tests/fixtures/blind/library-101"));
    expect(headingsOf(thread)).not.toContain("Views");
    const programme = ingestFixture("article-one.txt", join(projectRoot, "tests/fixtures/blind/library-105"));
    expect(sentencesOf(programme).join(" ")).not.toMatch(/HALVORSEN, HOST/u);
    expect(sentencesOf(programme)).toContain("This is THE LONG VIEW.");
  });

  it("still reads a label in capitals alone on its line outside a transcript", () => {
    expect(
      noteText("The plan had three parts.\n\nSTAGE ONE, NORTH:\n\nThe army crossed the river at dawn.\n"),
    ).toContain("STAGE ONE, NORTH:");
  });
});
