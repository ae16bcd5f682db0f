import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { parseDate } from "../../../src/core/study/dates.ts";
import { generateQuiz, QUIZ_BLANK, type QuizQuestion } from "../../../src/core/study/quiz.ts";
import type { Article } from "../../../src/core/types.ts";
import { multiArticleCorpusDir } from "../../support/engines.ts";
import { describeWithSharedData } from "../../support/paths.ts";

const multi = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null }).engine.articles;
// The project corpus alone: articles are ingested file by file, so this is the same data without a second ingest.
const lalMasjid = multi.filter((article) => article.id === "lal-masjid");

/** What the names of the test corpus name, labelled by hand (the generator has no such list). */
const PERSONS = new Set(
  `Muhammad Abdullah|Abdullah|Zia|Muhammad Zia ul Haq|Abdul Aziz|Abdul Rashid|Aziz|Rashid|Chaudhry Shujaat Hussain|
  Shaukat Aziz|Pervez Musharaf|Abdul Rasheed Ghazi|Ijaz ul Haq|Rehman Malik|Ayman al Zawahiri|Aurangzeb|
  Muzaffar Hussain|Fidai Khan Koka|Shah Jahan|Ranjit Singh|Sikandar Hayat Khan|Muhammad Iqbal|Muhammad|John Nicholson`
    .split("|")
    .map((name) => name.trim()),
);
const PLACES = new Set(
  `Islamabad|Pakistan|Masjid (mosque) Road|Faisal Mosque|Red Mosque|Lal Masjid|Aabparah|Melody|Lahore|Punjab|
  Walled City of Lahore|Alamgiri Gate of Lahore Fort|Lahore Fort|Hazuri Bagh|Jama Masjid|Delhi|Badshahi Mosque|
  Royal Mosque|Margalla Hills|Margalla Hills National Park|Himalayas|Taxila|Grand Trunk Road|Margalla Pass|
  Tilla Charouni|Haripur District of Khyber Pakhtunkhwa|Khyber Pakhtunkhwa|Rawal Lake|Shakarparian|Daman e Koh|
  Pir Sohawa|Rawalpindi|Saidpur|Shah Allah Ditta`
    .split("|")
    .map((name) => name.trim()),
);
const ORGANISATIONS = new Set([
  "Capital Development Authority",
  "Pakistan Muslim League",
  "Wafaqul Madaris",
  "Badshahi Mosque Authority",
  "Islamabad Wildlife Management Board",
  "Supreme Court of Pakistan",
  "Jamia Hafsa",
  "Jamia Faridia",
  "Al Qaeda",
  "UNESCO",
]);

/**
 * The people of the test corpus known under several names or spellings, labelled by hand (`Aziz` and
 * `Rashid` are the brothers wherever the corpus writes them alone).
 */
const ONE_PERSON = [
  ["Abdul Rashid", "Abdul Rasheed Ghazi", "Rashid"],
  ["Abdul Aziz", "Aziz"],
  ["Muhammad Abdullah", "Abdullah"],
  ["Muhammad Zia ul Haq", "Zia"],
];
const personOf = (name: string) => ONE_PERSON.findIndex((names) => names.includes(name));

/** Occurrences of a choice in a sentence as whole words, ignoring case. */
function occurrencesIn(sentence: string, text: string): number {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  return sentence.match(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu"))?.length ?? 0;
}
const normalized = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

function everyQuestion(articles: readonly Article[]): QuizQuestion[] {
  return generateQuiz(articles, { count: 10_000, seed: 1 });
}

/** How a question breaks the quiz rules, if it does: one line per broken rule. */
function brokenRules(question: QuizQuestion, articles: readonly Article[]): string[] {
  const { choices, correctIndex, answer, citation, prompt } = question;
  const distractors = choices.filter((choice) => choice !== answer);
  const article = articles.find((candidate) => candidate.id === citation.articleId);
  const passage = article?.passages.find((candidate) => candidate.id === citation.passageId);
  const rules: Array<[string, boolean]> = [
    ["four distinct choices", choices.length === 4 && new Set(choices.map(normalized)).size === 4],
    [
      "the answer exactly once, at correctIndex",
      choices[correctIndex] === answer && distractors.length === 3,
    ],
    ["the answer once in the sentence", occurrencesIn(citation.sentence, answer) === 1],
    [
      "one blank in place of the answer",
      prompt.split(QUIZ_BLANK).length === 2 && prompt.replace(QUIZ_BLANK, answer) === citation.sentence,
    ],
    [
      "no distractor in the sentence",
      distractors.every((choice) => occurrencesIn(citation.sentence, choice) === 0),
    ],
    [
      "cited to a body passage holding the sentence",
      passage?.kind === "body" && passage.text.includes(citation.sentence),
    ],
    [
      "the article's title, section heading and url",
      citation.article === article?.title &&
        citation.section === passage?.sectionHeading &&
        citation.url === article?.url,
    ],
    ["a sentence of at least 8 words", citation.sentence.split(/\s+/u).length >= 8],
    ["choices of the answer's type", isOfType(question)],
  ];
  return rules.filter(([, kept]) => !kept).map(([rule]) => `${rule}: ${prompt} ${JSON.stringify(choices)}`);
}

/** Whether every choice is of the answer's type, judged by hand-labelled names and date precision. */
function isOfType({ choices, answerType, answer }: QuizQuestion): boolean {
  if (answerType === "date") {
    const precision = parseDate(answer)?.precision;
    return precision !== undefined && choices.every((choice) => parseDate(choice)?.precision === precision);
  }
  if (answerType === "number")
    return choices.every((choice) => /^(?:[\d,.]+|[a-z]+(?: [a-z]+)*)$/u.test(choice));
  const known = { person: PERSONS, place: PLACES, organisation: ORGANISATIONS }[answerType];
  return choices.every((choice) => known.has(choice));
}

describe("quiz questions on the Lal Masjid article", () => {
  const all = everyQuestion(lalMasjid);

  it("blanks one unambiguous answer per question and offers it exactly once among four distinct choices", () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.flatMap((question) => brokenRules(question, lalMasjid))).toEqual([]);
  });

  it("offers distractors of the answer's type only: persons, places, dates of the same precision, numbers", () => {
    expect(all.filter((question) => !isOfType(question))).toEqual([]);
    expect(new Set(all.map((question) => question.answerType))).toEqual(
      new Set(["date", "number", "person", "place"]),
    );
  });

  it("asks for the day of the siege with the article's other full dates as distractors", () => {
    const siege = all.find((question) => question.prompt.startsWith(`On ${QUIZ_BLANK}, the stand off`));
    expect(siege?.answer).toBe("July 3, 2007");
    expect([...(siege?.choices ?? [])].sort()).toEqual([
      "July 10, 2007",
      "July 3, 2007",
      "July 6, 2008",
      "July 8, 2007",
    ]);
    const stormed = all.find((question) => question.prompt.startsWith(`At dawn on Tuesday, ${QUIZ_BLANK},`));
    expect([...(stormed?.choices ?? [])].sort()).toEqual(["July 10", "July 3", "July 6", "July 8"]);
  });

  it("never blanks a name the sentence repeats, nor offers one name of the mosque against the other", () => {
    expect(
      all.some(
        (question) => question.answer === "Abdul Aziz" && question.citation.sentence.includes("his sons"),
      ),
    ).toBe(false);
    for (const { choices, answer, citation } of all) {
      const distractors = choices.filter((choice) => choice !== answer);
      for (const [one, other] of [
        ["Lal Masjid", "Red Mosque"],
        ["Red Mosque", "Lal Masjid"],
      ] as const) {
        if (answer === one || citation.sentence.includes(one)) expect(distractors).not.toContain(other);
      }
    }
  });

  it("limits questions to the requested count and section", () => {
    expect(generateQuiz(lalMasjid, { count: 5, seed: 7 })).toHaveLength(5);
    const siege = generateQuiz(lalMasjid, { count: 100, seed: 7, sectionSlug: "siege" });
    expect(siege.length).toBeGreaterThan(0);
    for (const question of siege) expect(question.citation.passageId).toMatch(/^lal-masjid\/siege\//u);
    expect(generateQuiz(lalMasjid, { count: 0, seed: 7 })).toEqual([]);
  });

  it("never repeats a question in one quiz and asks from different sentences first", () => {
    const ids = all.map((question) => question.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sentences = new Set(all.map((question) => question.citation.sentence));
    const firstOnes = all.slice(0, sentences.size).map((question) => question.citation.sentence);
    expect(new Set(firstOnes).size).toBe(sentences.size);
  });

  it("skips questions the session has already asked", () => {
    const first = generateQuiz(lalMasjid, { count: 10, seed: 3 });
    const next = generateQuiz(lalMasjid, {
      count: 10,
      seed: 3,
      exclude: first.map((question) => question.id),
    });
    expect(next).toHaveLength(10);
    expect(next.some((question) => first.some((asked) => asked.id === question.id))).toBe(false);
    expect(
      generateQuiz(lalMasjid, { count: 10, seed: 3, exclude: all.map((question) => question.id) }),
    ).toEqual([]);
  });

  it("asks questions of recent quizzes only once the scope has no others", () => {
    const recent = generateQuiz(lalMasjid, { count: 10, seed: 3 }).map((question) => question.id);
    const fresh = generateQuiz(lalMasjid, { count: 10, seed: 4, avoid: recent });
    expect(fresh.some((question) => recent.includes(question.id))).toBe(false);
    const topped = generateQuiz(lalMasjid, { count: all.length, seed: 4, avoid: recent });
    expect(topped).toHaveLength(all.length);
    expect(
      topped
        .slice(-recent.length)
        .map((question) => question.id)
        .sort(),
    ).toEqual([...recent].sort());
  });

  it("returns what exists, without repeats, when asked for more questions than the article allows", () => {
    const more = generateQuiz(lalMasjid, { count: all.length + 50, seed: 11 });
    expect(more).toHaveLength(all.length);
    expect(new Set(more.map((question) => question.id))).toEqual(new Set(all.map((question) => question.id)));
  });

  it("gives the same quiz for the same seed and another selection and order for another seed", () => {
    expect(generateQuiz(lalMasjid, { count: 8, seed: 42 })).toEqual(
      generateQuiz(lalMasjid, { count: 8, seed: 42 }),
    );
    const other = generateQuiz(lalMasjid, { count: 8, seed: 43 });
    expect(other.map((question) => question.id)).not.toEqual(
      generateQuiz(lalMasjid, { count: 8, seed: 42 }).map((question) => question.id),
    );
  });

  it("keeps a question's id whatever the seed, so a session can exclude it later", () => {
    const bySeed = generateQuiz(lalMasjid, { count: 10_000, seed: 99 });
    for (const question of all) {
      const same = bySeed.find((candidate) => candidate.id === question.id);
      expect(same).toMatchObject({ prompt: question.prompt, answer: question.answer });
    }
  });
});

describeWithSharedData("quiz choices about people known under several names", () => {
  const people = everyQuestion(multi).filter((question) => question.answerType === "person");

  it("never offers the answer again under another spelling or a short form", () => {
    expect(people.length).toBeGreaterThan(10);
    const repeated = people.filter(({ choices, answer }) =>
      choices.some(
        (choice) => choice !== answer && personOf(choice) >= 0 && personOf(choice) === personOf(answer),
      ),
    );
    expect(repeated.map((question) => [question.prompt, question.choices])).toEqual([]);
  });

  it("never offers a person the sentence already names, under any of their names", () => {
    /** Whether the sentence names this person, other persons' longer names (`Shaukat Aziz`) aside. */
    const names = (sentence: string, person: string) => {
      const own = ONE_PERSON[personOf(person)] ?? [person];
      const others = [...PERSONS].filter((name) => !own.includes(name)).sort((a, b) => b.length - a.length);
      const rest = others.reduce((text, name) => text.replaceAll(name, "…"), sentence);
      return own.some((name) => occurrencesIn(rest, name) > 0);
    };
    const named = people.filter(({ choices, answer, citation }) =>
      choices.some((choice) => choice !== answer && names(citation.sentence, choice)),
    );
    expect(named.map((question) => [question.prompt, question.choices])).toEqual([]);
  });

  it("never offers two names of one person as separate wrong choices", () => {
    const twice = people.filter(({ choices }) => {
      const persons = choices.map(personOf).filter((person) => person >= 0);
      return new Set(persons).size < persons.length;
    });
    expect(twice.map((question) => [question.prompt, question.choices])).toEqual([]);
  });

  it("still offers a brother who shares only a given name (Abdul Aziz for Abdul Rashid)", () => {
    const brothers = people.filter(
      ({ answer, choices }) => answer === "Abdul Rashid" && choices.includes("Abdul Aziz"),
    );
    expect(brothers.length).toBeGreaterThan(0);
  });
});

describeWithSharedData("quiz questions over several articles", () => {
  const all = everyQuestion(multi);

  it("keeps every rule on every article and asks about all five kinds of answer", () => {
    expect(all.flatMap((question) => brokenRules(question, multi))).toEqual([]);
    expect(new Set(all.map((question) => question.answerType))).toEqual(
      new Set(["date", "number", "person", "place", "organisation"]),
    );
  });

  it("prefers distractors from the question's own article", () => {
    const built = all.find(
      (question) =>
        question.prompt === `It was built in ${QUIZ_BLANK} and is named for its red walls and interiors.`,
    );
    expect([...(built?.choices ?? [])].sort()).toEqual(["1965", "1979", "1989", "1998"]);
    const completed = all.find((question) => question.answer === "1673");
    for (const choice of completed?.choices ?? []) expect(Number(choice)).toBeLessThan(1900);
  });

  it("asks about one article only when given its id, drawing distractors from the others if needed", () => {
    const badshahi = generateQuiz(multi, { count: 100, seed: 5, articleId: "badshahi-mosque" });
    expect(badshahi.length).toBeGreaterThan(10);
    for (const question of badshahi)
      expect(question.citation).toMatchObject({ articleId: "badshahi-mosque", article: "Badshahi Mosque" });
    const authority = badshahi.find((question) => question.answer === "Badshahi Mosque Authority");
    expect(authority?.answerType).toBe("organisation");
    expect(generateQuiz(multi, { count: 5, seed: 5, articleId: "no-such-article" })).toEqual([]);
  });
});
