import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeQuestion, isNegated } from "../../../src/core/answer/question.ts";
import { yearsOfDecade } from "../../../src/core/answer/resolved-terms.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { defaultEngine } from "../../support/engines.ts";
import { projectRoot } from "../../support/paths.ts";

/** A blind batch's library as an engine. */
const blindLibrary = (batch: string) =>
  loadEngine({ corpusDir: join(projectRoot, `tests/fixtures/blind/library-${batch}`), cacheDir: null })
    .engine;
/** How the question reads one of its words (`functionSlip`, `decade`). */
const termFlag = (question: string, word: string, flag: "functionSlip" | "decade") =>
  analyzeQuestion(question).terms.find((term) => term.norm === word)?.[flag];

describe("reading a question typed as students type", () => {
  const words = (question: string) => analyzeQuestion(question).terms.map((term) => term.norm);

  it("reads chat shorthand as the word meant", () => {
    expect(words("how many ppl died in the siege")).toContain("people");
    expect(words("what did the govt do after the siege")).toContain("government");
    expect(analyzeQuestion("how many ppl died in the siege").type).toBe("count");
  });

  it("ignores shorthand for function words as it ignores the words themselves", () => {
    expect(words("how did they find out abt the siege")).toEqual(
      words("how did they find out about the siege"),
    );
    expect(words("wht did u do thru the night")).toEqual(words("what did you do through the night"));
  });

  it("reads slashed shorthand as the words meant (blind batch 44)", () => {
    expect(words("how could it be used w/o swapping plates")).toEqual(
      words("how could it be used without swapping plates"),
    );
    expect(words("how does the water compare w/ earth's oceans")).toEqual(
      words("how does the water compare with earth's oceans"),
    );
    expect(words("why did it stop b/c of the war")).toEqual(words("why did it stop because of the war"));
    expect(analyzeQuestion("how come the wood didn't rot").type).toBe("reason");
    expect(words("how come the wood didn't rot")).toEqual(words("why the wood didn't rot"));
  });

  it("leaves `bc` alone, as it also writes a year", () => {
    expect(words("what happened in 500 bc")).toContain("bc");
  });

  it("ignores chat filler as it ignores function words", () => {
    expect(words("when did the siege start exactly")).toEqual(words("when did the siege start"));
    expect(words("ok quick q, how many ppl actually died? i forgot")).toEqual(words("how many ppl died"));
    expect(analyzeQuestion("when did the siege start exactly").type).toBe("date");
    expect(words("Actually, when did the siege start?")).toEqual(words("when did the siege start"));
  });

  it("reads `like`, `actual`, `already` and `wanna` as filler, and a `guy` as a person (blind batch 34)", () => {
    expect(words("how does evaporation help the cup freeze, like whats the actual reason")).toEqual(
      words("how does evaporation help the cup freeze, whats the reason"),
    );
    expect(words("i wanna know who already wrote about it")).toEqual(words("who wrote about it"));
    const guy = analyzeQuestion("which greek guy wrote about warm water freezing");
    expect(guy.type).toBe("person");
    expect(guy.terms.find((term) => term.norm === "guy")?.typeNoun).toBe(true);
    const name = analyzeQuestion("Which hospital did Thomas Guy pay for?");
    expect(name.terms.find((term) => term.norm === "guy")?.typeNoun).toBe(false);
  });

  it("ignores the interjection a chat question opens with, and keeps `wait` as a verb (blind batch 40)", () => {
    expect(words("wait why did she end up at berkeley instead of michigan lol")).toEqual(
      words("why did she end up at berkeley instead of michigan"),
    );
    expect(words("ok so wait how long did it take lmao")).toEqual(words("how long did it take"));
    expect(words("yo who was the amateur that found the scar")).toEqual(
      words("who was the amateur that found the scar"),
    );
    expect(words("how long did they wait")).toContain("wait");
    expect(words("wait times at the border")).toContain("wait");
  });

  it("reads a mistyped filler word as filler, and leaves a name one letter from one alone (blind batch 39)", () => {
    expect(words("how did news actualy get back in to the city")).toEqual(
      words("how did news get back in to the city"),
    );
    expect(words("who realy won")).toEqual(words("who won"));
    expect(words("who was linda smith")).toContain("linda");
    expect(words("who was mike")).toContain("mike");
  });

  it("marks a word one slip from a function word, unknown to English, as maybe that word (blind batch 36)", () => {
    const slip = (question: string, word: string) => termFlag(question, word, "functionSlip");
    expect(slip("ok so how long was it befor anyone up top knew", "befor")).toBe(true);
    expect(slip("what was thier reason for leaving", "thier")).toBe(true);
    expect(slip("what form did the treaty take", "form")).toBe(false);
    expect(slip("what are the three sources of law", "three")).toBe(false);
    expect(slip("who was Befor", "befor")).toBe(false);
  });

  it("reads such a word as the function word when the articles lack it, and as a name when they have it", () => {
    const { engine } = defaultEngine();
    const excerpt = (question: string) => engine.answer(question).excerpts[0]?.text;
    expect(excerpt("what happened befor the siege")).toEqual(excerpt("what happened before the siege"));
    const library10 = blindLibrary("10");
    // `turing` is one letter from `during`, and the library's word for the man.
    expect(library10.answer("which hut was turing in charge of at bletchley").excerpts[0]?.text).toMatch(
      /Hut 8/u,
    );
  });

  it("reads `the 70s` and `the 1970s` as decades, and a year alone as no decade", () => {
    const decade = (question: string, word: string) => termFlag(question, word, "decade");
    expect(decade("what happened in the 70s", "70")).toBe(true);
    expect(decade("what happened in the '70s", "70")).toBe(true);
    expect(decade("who ruled in the 1800s", "1800")).toBe(true);
    expect(decade("what happened in 1970", "1970")).toBe(false);
    expect(decade("who scored 75s", "75")).toBe(false);
    expect(yearsOfDecade("1970")).toEqual([
      "1970",
      "1971",
      "1972",
      "1973",
      "1974",
      "1975",
      "1976",
      "1977",
      "1978",
      "1979",
    ]);
    expect(yearsOfDecade("1800")).toHaveLength(100);
    expect(yearsOfDecade("70")).toContain("1877");
  });

  it("reads `what percentage` and `what proportion` as asking for a quantity, the noun a hint (blind batch 48)", () => {
    const asked = analyzeQuestion(
      "What proportion of rabies transmissions to humans are dogs responsible for?",
    );
    expect(asked.type).toBe("count");
    expect(asked.terms.find((term) => term.norm === "proportion")?.typeNoun).toBe(true);
    expect(analyzeQuestion("what percentage of the votes did they win").type).toBe("count");
    expect(analyzeQuestion("what treaty ended the war").type).toBe("name");
    const library48 = blindLibrary("48");
    const answer = library48.answer(
      "What proportion of rabies transmissions to humans are dogs responsible for?",
    );
    expect(answer.answered && answer.excerpts[0]?.text).toMatch(/up to 99% of all rabies transmissions/u);
  });

  it("answers a decade from the year the article gives (blind batch 46)", () => {
    const library46 = blindLibrary("46");
    const answer = library46.answer(
      "wait how many of the medium ground finchs were still alive after that drought in the 70s",
    );
    expect(answer.answered && answer.excerpts[0]?.text).toMatch(
      /crashed from about 1,200 birds to about 180/u,
    );
  });

  it("reads contractions typed without an apostrophe as the apostrophe's would be read", () => {
    // A negated auxiliary stays a word to find, with or without its apostrophe (docs/engine.md, batch 30).
    expect(words("why wasnt it under water")).toEqual(words("why wasn't it under water"));
    expect(words("theres a theory about the gardens, who started it")).toEqual(
      words("a theory about the gardens, who started it"),
    );
    expect(analyzeQuestion("whos the founder of the city").type).toBe("person");
  });

  it("reads no negation in a chat `didnt`, nor in a clause giving the asker's reason", () => {
    expect(analyzeQuestion("how come the wood didnt get eaten").negated).toBe(false);
    expect(analyzeQuestion("how come the wood didn't get eaten").negated).toBe(true);
    expect(isNegated("The wood went into the water.")).toBe(false);
    const aside = analyzeQuestion("what did they spray the hull with so the wood wouldn't crack");
    expect([aside.negated, aside.negatedAside]).toEqual([false, true]);
    expect(analyzeQuestion("when did the so called agreement not break down").negated).toBe(true);
    const main = analyzeQuestion("why didn't the wood crack");
    expect([main.negated, main.negatedAside]).toEqual([true, false]);
  });

  it("reads a number's abbreviation as no negation, and a capital `Not` as one", () => {
    expect(analyzeQuestion("How old was Wu when she left for Normal School No. 2?").negated).toBe(false);
    expect(analyzeQuestion("which school did she not attend").negated).toBe(true);
    expect(isNegated("She attended Normal School No. 2 until 1929.")).toBe(false);
    expect(isNegated("Not until 1950 did the school admit women.")).toBe(true);
    expect(isNegated("No one attended.")).toBe(true);
  });

  it("keeps a filler word written with a capital inside the question, as a name", () => {
    expect(words("what happened to the Curious in 1902")).toContain("curious");
    expect(words("what happened to the curious in 1902")).not.toContain("curious");
  });

  it("reads no words in a link pasted with the question", () => {
    expect(words("https://en.wikipedia.org/wiki/Lal_Masjid when was it built?")).toEqual(
      words("when was it built?"),
    );
    expect(words("when was it built, www.example.com/history")).toEqual(words("when was it built"));
  });

  it("reads ordinals written in figures as the words articles write", () => {
    expect(words("who led the 1st expedition")).toEqual(words("who led the first expedition"));
    expect(words("what came 3rd")).toContain("third");
    expect(words("who led the 10th division")).toContain("tenth");
    expect(words("what changed in the 19th century")).toContain("19");
  });

  it("reads `ww1` and `WWII` as the world wars articles name", () => {
    expect(words("where was it kept during ww2")).toEqual(
      words("where was it kept during the second world war"),
    );
    expect(words("what happened in WW1?")).toContain("first world war");
    expect(words("what happened in WW I?")).toContain("first world war");
    expect(words("what is a wwf")).toContain("wwf");
  });

  it("looks for the noun a measure is given with, as a hint that is never required", () => {
    const heavy = analyzeQuestion("how heavy is the rosetta stone");
    expect(heavy).toMatchObject({ type: "measure", measure: "mass" });
    expect(heavy.terms.filter((term) => term.typeNoun).map((term) => term.norm)).toEqual([
      "weight",
      "weighs",
      "mass",
    ]);
    expect(analyzeQuestion("how tall is the tower").terms.map((term) => [term.norm, term.typeNoun])).toEqual([
      ["tower", false],
      ["height", true],
    ]);
  });

  it("answers a measure and a world war in chat form from the sentences that give them", () => {
    // A blind batch's library (tests/fixtures/blind/library-18): both were declined or missed before.
    const { engine } = loadEngine({
      corpusDir: join(projectRoot, "tests/fixtures/blind/library-18"),
      cacheDir: null,
    });
    expect(engine.answer("how heavy is the rosetta stone").excerpts[0]?.text).toContain("760 kg");
    expect(engine.answer("where did the british museum keep the stone in ww1").excerpts[0]?.text).toContain(
      "Holborn",
    );
  });

  it("reads `how thin`, `how near` and `how much does it weigh` as asking for a measure of their kind", () => {
    expect(analyzeQuestion("how thin is the peptidoglycan in gram negs")).toMatchObject({
      type: "measure",
      measure: "length",
    });
    expect(analyzeQuestion("how near did the relief attempt get")).toMatchObject({ measure: "length" });
    expect(analyzeQuestion("how young was she when she wrote it")).toMatchObject({ measure: "age" });
    expect(analyzeQuestion("how much does the altar stone weigh lol")).toMatchObject({
      type: "measure",
      measure: "mass",
    });
    // The adjective asks for the measure; it is no word of the answer.
    expect(analyzeQuestion("how thin is the layer").terms.filter((term) => !term.typeNoun)).toHaveLength(1);
  });

  it("reads `how long did …` and `how much time` as asking for a time, and `how long is …` as any measure", () => {
    const took = analyzeQuestion("how long did it take the trieste to get to the bottem");
    expect(took).toMatchObject({ type: "measure", measure: "duration" });
    // A time is not given with the word `length`: no hint for it.
    expect(took.terms.filter((term) => term.typeNoun)).toEqual([]);
    expect(analyzeQuestion("for how long did nobody read his paper")).toMatchObject({ measure: "duration" });
    expect(analyzeQuestion("how much time did he spend living in the castle")).toMatchObject({
      type: "measure",
      measure: "duration",
    });
    expect(
      analyzeQuestion("how much time did he spend in the castle").terms.map((term) => term.norm),
    ).not.toContain("time");
    const bridge = analyzeQuestion("how long is the bridge");
    expect(bridge).toMatchObject({ type: "measure", measure: "any" });
    expect(bridge.terms.filter((term) => term.typeNoun).map((term) => term.norm)).toEqual(["length"]);
  });

  it("reads `how long were they trapped` as asking for a time, and `how long were the walls` as any measure", () => {
    expect(analyzeQuestion("how long were ppl stuck")).toMatchObject({ measure: "duration" });
    expect(analyzeQuestion("how long was it closed for")).toMatchObject({ measure: "duration" });
    expect(analyzeQuestion("how long was the tunnel being built")).toMatchObject({ measure: "duration" });
    expect(analyzeQuestion("how long were the walls")).toMatchObject({ measure: "any" });
    expect(analyzeQuestion("how long was he in prison")).toMatchObject({ measure: "any" });
  });

  it("answers `how many hours` from notes that write `hrs`", () => {
    // Blind batch 80's lecture notes: `roughly 4-5 hrs of fighting`; before, no sentence gave hours.
    const answer = blindLibrary("80").answer("how many hours did the battle go on for");
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain("4-5 hrs of fighting");
  });

  it("answers `how thin` and `how much does it weigh` from the sentence that gives the measure", () => {
    // Blind batches' libraries (51 and 53): each first put a sentence without the measure first.
    const stones = loadEngine({
      corpusDir: join(projectRoot, "tests/fixtures/blind/library-51"),
      cacheDir: null,
    });
    expect(stones.engine.answer("how much does the altar stone weigh lol").excerpts[0]?.text).toContain(
      "six-tonne",
    );
    const stains = loadEngine({
      corpusDir: join(projectRoot, "tests/fixtures/blind/library-53"),
      cacheDir: null,
    });
    expect(stains.engine.answer("how thin is the peptidoglycan in gram negs").excerpts[0]?.text).toContain(
      "2–7 nm",
    );
  });

  it("reads a mistyped question word for the type it asks", () => {
    expect(analyzeQuestion("wen was the mosque built").type).toBe("date");
    expect(analyzeQuestion("wat year was the mosque built").type).toBe("date");
  });

  it("reads a `how much` question about a cost or a payment as asking for an amount of money", () => {
    for (const question of [
      "how much did the refurbishment cost",
      "How much was Faraday paid as an assistant?",
      // Blind batch 61 (never trained on): what a sale at auction fetched.
      "lol how much did that missing piece end up going for at auction",
    ]) {
      expect(analyzeQuestion(question)).toMatchObject({ type: "measure", measure: "money" });
    }
    expect(analyzeQuestion("how much rain falls in a year")).toMatchObject({ type: "count", measure: null });
  });

  it("keeps a word one letter from a question word as typed when English knows it as another word", () => {
    const termsOf = (question: string) => analyzeQuestion(question).terms.map((term) => term.norm);
    // From the blind batches and the SQuAD pool: each word was read as `how`, `why` or `whose` and dropped.
    expect(termsOf("Why do historians think the official figures were too low?")).toContain("low");
    expect(termsOf("which way did the river flow")).toContain("way");
    expect(termsOf("which american show changed their views")).toContain("show");
    // Closing a question about a picture, `show` asks what it holds, and is not looked for.
    expect(termsOf("what does the painting show")).toEqual(["painting"]);
    expect(termsOf("who chose the site")).toContain("chose");
    expect(analyzeQuestion("who chose the site").type).toBe("person");
    expect(termsOf("how much did the whole project cost")).toContain("whole");
  });

  it("answers a question in shorthand from the same sentence as one written out", () => {
    const { engine } = defaultEngine();
    const first = (question: string) => engine.answer(question).excerpts[0]?.text;
    expect(first("what did the government do to the mosque in 2007")).toBeDefined();
    expect(first("what did the govt do to the mosque in 2007")).toEqual(
      first("what did the government do to the mosque in 2007"),
    );
  });

  it("answers a chat question with filler and a figure ordinal from the sentence the plain one finds", () => {
    const { engine } = defaultEngine();
    const plain = engine.answer("who led the first operation against the mosque");
    const chatty = engine.answer("who actually led the 1st operation against the mosque");
    expect(plain.answered).toBe(true);
    expect(chatty.answered).toBe(true);
    expect(chatty.excerpts[0]?.text).toEqual(plain.excerpts[0]?.text);
  });

  it("answers a question pasted after the article's link, which it declined before", () => {
    const { engine } = defaultEngine();
    expect(engine.answer("https://en.wikipedia.org/wiki/Lal_Masjid when built")).toMatchObject({
      answered: true,
      answer: "1965",
    });
  });
});
