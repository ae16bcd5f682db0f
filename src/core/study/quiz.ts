import { createHash } from "node:crypto";
import { dateCandidates } from "../answer/spans.ts";
import { splitWords } from "../text/terms.ts";
import type { Article } from "../types.ts";
import { findCounts } from "./counts.ts";
import {
  type CalendarDate,
  coarserForms,
  type DateMention,
  type DatePrecision,
  formatDate,
  sectionDates,
} from "./dates.ts";
import {
  distinctiveWords,
  findNames,
  NameCatalogue,
  type NameKind,
  type NameMention,
  nameHead,
} from "./names.ts";
import { hashSeed, type Random, seededRandom, shuffled } from "./random.ts";
import { citationOf, type SourceSentence, type StudyCitation, sourceSections } from "./source.ts";

/**
 * Multiple-choice questions made from the corpus: a sentence with a date, number or name blanked out,
 * the blanked text among three distractors of the same type drawn from the corpus.
 *
 * Non-goals: questions about meaning or causes (only facts a sentence states verbatim), and invented
 * distractors — every choice is written in, or follows from, a date, number or name of the corpus.
 */

/** What kind of text the blank hides. */
export type QuizAnswerType = "date" | "number" | NameKind;

/** Where a question comes from: the usual citation plus the whole sentence, answer included. */
export interface QuizCitation extends StudyCitation {
  sentence: string;
}

/** One multiple-choice question. */
export interface QuizQuestion {
  /** Stable across runs and seeds (a hash of passage, sentence and answer), for `exclude`. */
  id: string;
  /** The cited sentence with the answer replaced by {@link QUIZ_BLANK}. */
  prompt: string;
  /** Four choices, shuffled: the answer and three distractors. */
  choices: string[];
  /** Index of the answer in `choices`. */
  correctIndex: number;
  /** The blanked text as the sentence writes it. */
  answer: string;
  answerType: QuizAnswerType;
  citation: QuizCitation;
}

/** What to ask about and how many questions. */
export interface QuizOptions {
  /** Only ask about this article (by id); distractors may still come from others. */
  articleId?: string;
  /** Only ask about sections with this slug. */
  sectionSlug?: string;
  /** How many questions at most; fewer when the corpus has fewer. */
  count: number;
  /** Seed of the choice of questions and the order of choices: the same seed gives the same quiz. */
  seed: number;
  /** Ids of questions already asked (in this session), never asked again. */
  exclude?: Iterable<string>;
  /** Ids of questions asked recently (in the same person's other quizzes): asked only when too few others. */
  avoid?: Iterable<string>;
  /** Sentences with fewer words are too short to make a meaningful question. */
  minSentenceWords?: number;
}

/** Defaults of the optional {@link QuizOptions}. */
export const defaultQuizOptions = {
  exclude: [] as Iterable<string>,
  avoid: [] as Iterable<string>,
  minSentenceWords: 8,
} satisfies Partial<QuizOptions>;

/** How many questions a quiz has: at least `min`, at most `max`, `usual` when the taker does not say. */
export const quizLength = { min: 1, max: 10, usual: 5 } as const;

/** What stands in for the answer in a prompt. */
export const QUIZ_BLANK = "_____";

const DISTRACTOR_COUNT = 3;

/** Something that can fill a blank: an answer, or a distractor for answers of its type. */
interface Filler {
  type: QuizAnswerType;
  /** A date's precision; dates only compete with dates written as precisely. */
  precision: DatePrecision | null;
  text: string;
  /** Lower-case words of `text`, to find it in sentences. */
  words: string[];
  /** Two fillers with the same key are the same answer (`12,000` and `12000`, `one` and `1`). */
  key: string;
  /** Distractors of the same style are preferred: spelled or digits, a place's type word, a name's length. */
  style: string;
  /** Distractors close to the answer are preferred: a date's day count, a number's order of magnitude. */
  position: number;
  date: CalendarDate | null;
  /** A number's value, else null. */
  value: number | null;
  /** A name's key (for its distinctive words and aliases), else null. */
  name: string | null;
  /** Articles that write it (or, for a date, a more precise form of it): same-article distractors come first. */
  articleIds: Set<string>;
}

/** A filler found in a sentence, which can become a question's answer. */
interface Blank {
  filler: Filler;
  start: number;
  end: number;
  /** A date written day first (`3 July 2007`): its distractors are written the same way. */
  dayFirst: boolean;
}

/** A body sentence with what it can be asked about. */
interface QuizSentence {
  source: SourceSentence;
  words: string[];
  /** Values of the numbers it writes, which no number distractor may repeat. */
  values: Set<number>;
  /** Keys of the names it writes, which no name distractor may name again, under any spelling. */
  names: string[];
  blanks: Blank[];
}

/** What quizzes are made from: computed once per corpus, whatever the options. */
interface QuizMaterial {
  sentences: QuizSentence[];
  /** Distractor candidates by {@link poolOf}. */
  pools: Map<string, Filler[]>;
  catalogue: NameCatalogue;
}

const wordsOf = (text: string) => splitWords(text).map((word) => word.norm);
const datePosition = (date: CalendarDate) => date.year * 400 + (date.month ?? 0) * 31 + (date.day ?? 0);
/** Distractors come from fillers of the same type and, for dates, the same precision. */
const poolOf = (filler: Filler) => `${filler.type}:${filler.precision ?? ""}`;

/** A person's name length (`Aziz` or `Abdul Aziz`), or the head of a place or organisation (`mosque`, `authority`). */
function nameStyle(key: string, kind: NameKind): string {
  if (kind === "person") return String(Math.min(distinctiveWords(key).length, 2));
  const words = key.split(" ");
  return words.length > 1 ? nameHead(words) : "";
}

/** The dates, counts and classified names a sentence can be asked about. */
function findBlanks(
  source: SourceSentence,
  dates: readonly DateMention[],
  names: readonly NameMention[],
  catalogue: NameCatalogue,
): Blank[] {
  const { text } = source.sentence;
  const words = splitWords(text);
  const fields = { articleIds: new Set([source.article.id]), date: null, value: null, name: null };
  const blanks: Blank[] = [];
  for (const { start, end, text: written, precision, date, dayFirst } of dates) {
    const filler: Filler = {
      ...fields,
      type: "date",
      precision,
      text: written,
      words: wordsOf(written),
      key: `${precision}:${formatDate(date, precision)}`,
      style: "",
      position: datePosition(date),
      date,
    };
    blanks.push({ filler, start, end, dayFirst });
  }
  for (const { start, end, text: written, value, spelled } of findCounts(
    text,
    words,
    dateCandidates(text, words),
  )) {
    const filler: Filler = {
      ...fields,
      type: "number",
      precision: null,
      text: written,
      words: wordsOf(written),
      key: `number:${value}`,
      style: spelled ? "spelled" : "digits",
      position: Math.log10(Math.max(value, 1)),
      value,
    };
    blanks.push({ filler, start, end, dayFirst: false });
  }
  for (const mention of names) {
    const kind = catalogue.kindOf(mention.key);
    if (kind === null) continue;
    const filler: Filler = {
      ...fields,
      type: kind,
      precision: null,
      text: mention.text,
      words: wordsOf(mention.text),
      key: `${kind}:${mention.key}`,
      style: nameStyle(mention.key, kind),
      position: 0,
      name: mention.key,
    };
    blanks.push({ filler, start: mention.start, end: mention.end, dayFirst: false });
  }
  return blanks;
}

/**
 * Distractor candidates by type and precision, one per key, remembering every article that uses it.
 * A date also offers its less precise forms (`July 3, 2007` gives `July 2007` and `2007`).
 */
function distractorPools(fillers: readonly Filler[]): Map<string, Filler[]> {
  const byKey = new Map<string, Filler>();
  const add = (filler: Filler) => {
    const known = byKey.get(filler.key);
    if (known) for (const id of filler.articleIds) known.articleIds.add(id);
    else byKey.set(filler.key, { ...filler, articleIds: new Set(filler.articleIds) });
  };
  for (const filler of fillers) {
    if (filler.date === null || filler.precision === null) {
      add(filler);
      continue;
    }
    for (const form of coarserForms(filler.date, filler.precision)) {
      const text = formatDate(form.date, form.precision);
      add({
        ...filler,
        ...form,
        text,
        words: wordsOf(text),
        key: `${form.precision}:${text}`,
        position: datePosition(form.date),
      });
    }
  }
  const pools = new Map<string, Filler[]>();
  for (const filler of byKey.values())
    pools.set(poolOf(filler), [...(pools.get(poolOf(filler)) ?? []), filler]);
  return pools;
}

const materialByCorpus = new WeakMap<readonly Article[], QuizMaterial>();

/** The quiz material of a corpus; an engine's article list is kept, so it is computed once. */
function quizMaterial(articles: readonly Article[]): QuizMaterial {
  const known = materialByCorpus.get(articles);
  if (known) return known;
  const sections = sourceSections(articles);
  const namesOf = new Map(
    sections.flat().map((source) => [source, findNames(source.sentence.text, source.sentence.wordTags)]),
  );
  const catalogue = new NameCatalogue([...namesOf.values()].flat());
  const sentences = sections.flatMap((section) => {
    const dates = sectionDates(section.map((source) => source.sentence));
    return section.map((source, i): QuizSentence => {
      const names = namesOf.get(source) ?? [];
      const blanks = findBlanks(source, dates[i] ?? [], names, catalogue);
      const values = blanks.flatMap((blank) => (blank.filler.value === null ? [] : [blank.filler.value]));
      return {
        source,
        words: wordsOf(source.sentence.text),
        values: new Set(values),
        names: names.map((mention) => mention.key),
        blanks,
      };
    });
  });
  const pools = distractorPools(
    sentences.flatMap((sentence) => sentence.blanks.map((blank) => blank.filler)),
  );
  const material = { sentences, pools, catalogue };
  materialByCorpus.set(articles, material);
  return material;
}

/** How many times a word sequence occurs in a sentence's words. */
function occurrences(sentenceWords: readonly string[], words: readonly string[]): number {
  if (words.length === 0) return 0;
  let found = 0;
  for (let i = 0; i + words.length <= sentenceWords.length; i++) {
    if (words.every((word, k) => sentenceWords[i + k] === word)) found++;
  }
  return found;
}

/**
 * The acceptable distractors of an answer: same type and precision, a different answer, absent from the
 * sentence, and for names, naming nothing the sentence names under any name or spelling (`Abdul Rasheed
 * Ghazi` when it says `Abdul Rashid`, `Red Mosque` when it says `Lal Masjid`), the answer included.
 */
function acceptableDistractors(answer: Blank, sentence: QuizSentence, material: QuizMaterial): Filler[] {
  const { catalogue } = material;
  const accepted: Filler[] = [];
  for (const pooled of material.pools.get(poolOf(answer.filler)) ?? []) {
    const filler =
      answer.dayFirst && pooled.date !== null && pooled.precision !== null
        ? { ...pooled, text: formatDate(pooled.date, pooled.precision, true) }
        : pooled;
    const fillerWords = filler === pooled ? pooled.words : wordsOf(filler.text);
    if (filler.key === answer.filler.key || occurrences(sentence.words, fillerWords) > 0) continue;
    if (filler.value !== null && sentence.values.has(filler.value)) continue;
    const { name } = filler;
    if (name !== null && sentence.names.some((named) => catalogue.mayNameSame(named, name))) continue;
    accepted.push(filler);
  }
  return accepted;
}

/**
 * The acceptable distractors in groups of names that may name the same thing, linked through one another
 * (`Aziz` joins `Abdul Aziz` and `Shaukat Aziz`). A question offers at most one of each group, so no two
 * wrong choices are one person under two names.
 */
function distractorGroups(answer: Blank, sentence: QuizSentence, material: QuizMaterial): Filler[][] {
  const fillers = acceptableDistractors(answer, sentence, material);
  const parent = fillers.map((_, i) => i);
  const root = (i: number): number => {
    let at = i;
    while (parent[at] !== at) at = parent[at] as number;
    return at;
  };
  fillers.forEach((filler, i) => {
    for (let j = 0; j < i; j++) {
      const other = fillers[j] as Filler;
      if (
        filler.name !== null &&
        other.name !== null &&
        material.catalogue.mayNameSame(filler.name, other.name)
      )
        parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, Filler[]>();
  fillers.forEach((filler, i) => {
    groups.set(root(i), [...(groups.get(root(i)) ?? []), filler]);
  });
  return [...groups.values()];
}

/** A question before its distractors are picked. */
interface Candidate {
  id: string;
  sentence: QuizSentence;
  answer: Blank;
}

/** Every question the corpus allows within the filter, before choosing and shuffling. */
function quizCandidates(
  material: QuizMaterial,
  options: QuizOptions & typeof defaultQuizOptions,
): Candidate[] {
  const excluded = new Set(options.exclude);
  const candidates = new Map<string, Candidate>();
  for (const sentence of material.sentences) {
    const { article, section, passage, sentence: cited } = sentence.source;
    if (options.articleId !== undefined && article.id !== options.articleId) continue;
    if (options.sectionSlug !== undefined && section.slug !== options.sectionSlug) continue;
    if (sentence.words.length < options.minSentenceWords) continue;
    for (const answer of sentence.blanks) {
      // The blank must be one unambiguous gap in a sentence that still says something.
      const { words, text } = answer.filler;
      if (occurrences(sentence.words, words) !== 1 || words.length * 2 > sentence.words.length) continue;
      const id = questionId(passage.id, cited.text, text);
      if (excluded.has(id) || candidates.has(id)) continue;
      if (distractorGroups(answer, sentence, material).length >= DISTRACTOR_COUNT)
        candidates.set(id, { id, sentence, answer });
    }
  }
  return [...candidates.values()];
}

/** A short stable id: the same passage, sentence and answer always give the same id. */
function questionId(passageId: string, sentence: string, answer: string): string {
  return createHash("sha256").update(`${passageId}\n${sentence}\n${answer}`).digest("hex").slice(0, 12);
}

/**
 * The three distractors, each from another {@link distractorGroups} group: from the answer's article first,
 * then the same style, then the closest in time or size; ties broken by the seeded generator so names vary
 * from seed to seed.
 */
function pickDistractors(candidate: Candidate, material: QuizMaterial, random: Random): Filler[] {
  const answer = candidate.answer.filler;
  const articleId = candidate.sentence.source.article.id;
  const groups = distractorGroups(candidate.answer, candidate.sentence, material);
  const ranked = groups
    .flatMap((fillers, group) => fillers.map((filler) => ({ filler, group })))
    .map(({ filler, group }) => ({
      filler,
      group,
      rank: [
        filler.articleIds.has(articleId) ? 0 : 1,
        filler.style === answer.style ? 0 : 1,
        Math.abs(filler.position - answer.position),
        random(),
      ],
    }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) {
      const difference = (a.rank[i] as number) - (b.rank[i] as number);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const picked: Filler[] = [];
  const usedGroups = new Set<number>();
  for (const { filler, group } of ranked) {
    if (picked.length === DISTRACTOR_COUNT) break;
    if (usedGroups.has(group)) continue;
    usedGroups.add(group);
    picked.push(filler);
  }
  return picked;
}

/** Puts one question together: prompt, shuffled choices, citation. */
function toQuestion(candidate: Candidate, material: QuizMaterial, seed: number): QuizQuestion {
  const { answer, id, sentence } = candidate;
  const random = seededRandom(hashSeed(seed, id));
  const distractors = pickDistractors(candidate, material, random);
  const { text, type } = answer.filler;
  const choices = shuffled([text, ...distractors.map((filler) => filler.text)], random);
  const cited = sentence.source.sentence.text;
  return {
    id,
    prompt: `${cited.slice(0, answer.start)}${QUIZ_BLANK}${cited.slice(answer.end)}`,
    choices,
    correctIndex: choices.indexOf(text),
    answer: text,
    answerType: type,
    citation: { ...citationOf(sentence.source), sentence: cited },
  };
}

/** Questions in an order that takes each sentence once before any sentence twice (a second blank in a
 * sentence would show the first one's answer). */
function sentencesFirst(candidates: readonly Candidate[]): Candidate[] {
  const usedSentences = new Set<QuizSentence>();
  const firstFromEachSentence: Candidate[] = [];
  const rest: Candidate[] = [];
  for (const candidate of candidates) {
    (usedSentences.has(candidate.sentence) ? rest : firstFromEachSentence).push(candidate);
    usedSentences.add(candidate.sentence);
  }
  return [...firstFromEachSentence, ...rest];
}

/**
 * Generates up to `count` multiple-choice questions from the body sentences of the corpus, never the
 * same question twice nor one in `exclude`, and those in `avoid` only when there are not enough others.
 * Questions come from different sentences while there are enough. Deterministic from `seed`.
 */
export function generateQuiz(articles: readonly Article[], options: QuizOptions): QuizQuestion[] {
  const settings = { ...defaultQuizOptions, ...options };
  if (settings.count <= 0) return [];
  const material = quizMaterial(articles);
  const order = shuffled(quizCandidates(material, settings), seededRandom(hashSeed(settings.seed)));
  const avoided = new Set(settings.avoid);
  const fresh = order.filter((candidate) => !avoided.has(candidate.id));
  const recent = order.filter((candidate) => avoided.has(candidate.id));
  return [...sentencesFirst(fresh), ...sentencesFirst(recent)]
    .slice(0, settings.count)
    .map((candidate) => toQuestion(candidate, material, settings.seed));
}

/** How many of the questions answered so far were answered right (`chosen` holds each answer's choice). */
export function countCorrect(questions: readonly QuizQuestion[], chosen: readonly number[]): number {
  return chosen.filter((choice, index) => choice === questions[index]?.correctIndex).length;
}
