import type MiniSearch from "minisearch";
import type { EngineOptions } from "../index/options.ts";
import { type IndexedPassage, indexTermsOf, type Vocabulary } from "../index/search-index.ts";
import type { Thesaurus } from "../text/synonyms.ts";
import { STOP_WORDS, splitWords, type Word } from "../text/terms.ts";
import type { Answer, Article, Excerpt, Passage } from "../types.ts";
import { type AnalyzedQuestion, type AnswerType, analyzeQuestion, type QuestionTerm } from "./question.ts";
import type { SentenceView, SentenceViews } from "./sentence-view.ts";
import {
  type Candidate,
  dateCandidates,
  definitionCandidates,
  nameCandidates,
  numberCandidates,
} from "./spans.ts";

/** What answering needs from the engine. */
export interface AnswerContext {
  index: MiniSearch<IndexedPassage>;
  vocabulary: Vocabulary;
  passagesById: ReadonlyMap<string, Passage>;
  articlesById: ReadonlyMap<string, Article>;
  views: SentenceViews;
  options: EngineOptions;
  thesaurus: Thesaurus;
}

/** One way a question term can appear: all these index terms, with a match quality. */
interface TermForm {
  terms: string[];
  quality: number;
  /** A synonym stands for a common word, so it never matches inside a name (`live` ≠ `Management Board`). */
  synonym?: boolean;
}

/** A question term resolved against the corpus vocabulary. */
interface ResolvedTerm {
  term: QuestionTerm;
  forms: TermForm[];
  /** Weight in coverage (a type noun's is small: it is a hint). */
  weight: number;
  /** Weight in retrieval, where a type noun is a useful clue (`built` for "how old is X"). */
  retrievalWeight: number;
}

/** How well one sentence answers. */
interface ScoredSentence {
  view: SentenceView;
  coverage: number;
  /** 1: an answer of the expected type is there; 0.5: the type is soft and none was found; 0: cannot answer. */
  typeFit: number;
  span: Candidate | null;
  /** True when the span lies in the short sentence right after this one (`… cannot be verified. Many believe 300 to 400.`). */
  spanInNext: boolean;
  score: number;
}

/** Type fit of a name with no cue tying it to the question (a type noun describing it, a locative before a place). */
const NAME_WITHOUT_CUE_FIT = 0.9;

/** Question types a list of categories or external links can answer. */
const LIST_ANSWERABLE: ReadonlySet<AnswerType> = new Set(["name", "kind", "other", "definition"]);

/** Types a sentence must satisfy to answer at all. */
const STRICT_TYPES: ReadonlySet<AnswerType> = new Set(["date", "count", "measure", "name-of"]);
const BE_FORMS = new Set(["is", "are", "was", "were", "be", "been", "being"]);
const PRONOUN_START = /^(?:It|Its|He|His|She|Her|They|Their|This|These|Those)\b/u;
const REASON_WORDS = new Set([
  "because",
  "so",
  "due",
  "reason",
  "revenge",
  "cause",
  "caused",
  "causes",
  "order",
  "since",
]);

/**
 * Resolves each question term to the forms it may take in the corpus: the word and its stem;
 * if neither occurs, its closest spellings (typos); and curated synonyms.
 */
function resolveTerms(question: AnalyzedQuestion, context: AnswerContext): ResolvedTerm[] {
  const { vocabulary, options } = context;
  return question.terms.map((term) => {
    const forms: TermForm[] = [];
    const isPhrase = term.key.includes(" ");
    const exact = isPhrase ? [term.key.split(" ")] : [[term.norm], [term.key]];
    for (const terms of exact) forms.push({ terms, quality: 1 });
    let present = exact.filter((terms) => terms.every((t) => vocabulary.has(t)));
    const { minLength, oneEditFrom, twoEditsFrom } = options.typoTolerance;
    if (present.length === 0 && !isPhrase && !term.typeNoun) {
      // A compound written as one word (`standoff` for `stand off`).
      const parts = splitCompound(term.norm, vocabulary);
      if (parts !== null) {
        forms.push({ terms: parts, quality: options.matchQuality.typo });
        present = [parts];
      }
    }
    if (
      present.length === 0 &&
      !isPhrase &&
      !term.typeNoun &&
      term.norm.length >= minLength &&
      !/^\p{N}+$/u.test(term.norm)
    ) {
      const distance = term.norm.length >= twoEditsFrom ? 2 : term.norm.length >= oneEditFrom ? 1 : 0;
      // A typo changes letters inside a word; a word extended by a suffix (`architect` → `architecture`)
      // is another word, not a misspelling.
      const corrections = vocabulary
        .corrections(term.norm, distance)
        .filter(
          (correction) => !(correction.startsWith(term.norm) && correction.length - term.norm.length >= 2),
        );
      for (const correction of corrections)
        forms.push({ terms: [correction], quality: options.matchQuality.typo });
      present = corrections.map((correction) => [correction]);
    }
    const keys = new Set([term.key, ...present.map((terms) => terms.join(" "))]);
    for (const key of keys) {
      for (const synonym of context.thesaurus.synonymsOf(key)) {
        forms.push({ terms: synonym.split(" "), quality: options.matchQuality.synonym, synonym: true });
      }
    }
    const weightOf = (terms: string[]) => Math.max(...terms.map((t) => vocabulary.weight(t)));
    const baseWeight =
      present.length > 0 ? Math.min(...present.map(weightOf)) : weightOf(exact[0] as string[]);
    const absentVerb =
      (present.length === 0 && term.verbLike) || term.lightVerb ? options.absentVerbWeight : 1;
    return {
      term,
      forms,
      weight: baseWeight * absentVerb * (term.typeNoun ? options.answerTypeNounWeight : 1),
      retrievalWeight: baseWeight * absentVerb * (term.typeNoun ? 0.5 : 1),
    };
  });
}

/** Splits a word absent from the corpus into corpus words (`standoff` → `stand`), function words dropped. */
function splitCompound(word: string, vocabulary: Vocabulary): string[] | null {
  for (let at = 3; at <= word.length - 2; at++) {
    const parts = [word.slice(0, at), word.slice(at)];
    const content = parts.filter((part) => !STOP_WORDS.has(part));
    if (content.length > 0 && content.every((part) => vocabulary.has(part))) return content;
  }
  return null;
}

/** Best quality with which a term's forms all appear in a set of terms. */
function matchIn(resolved: ResolvedTerm, terms: ReadonlySet<string>, nameOnly?: ReadonlySet<string>): number {
  let best = 0;
  // Plain loops: this runs for every term of every candidate sentence (the hot path of answering).
  for (const form of resolved.forms) {
    if (form.quality <= best) continue;
    let all = true;
    for (const t of form.terms) {
      if (!terms.has(t) || (form.synonym === true && nameOnly?.has(t) === true)) {
        all = false;
        break;
      }
    }
    if (all) best = form.quality;
  }
  return best;
}

/** Word positions in a sentence where a term's forms appear (for single-word forms). */
function positionsOf(resolved: ResolvedTerm, view: SentenceView): number[] {
  const positions: number[] = [];
  for (let i = 0; i < view.wordTerms.length; i++) {
    const terms = view.wordTerms[i] as string[];
    for (const form of resolved.forms) {
      if (form.terms.length === 1 && terms.includes(form.terms[0] as string)) {
        positions.push(i);
        break;
      }
    }
  }
  return positions;
}

/** Articles the question names (each word of the title asked, possibly misspelt), whose sentences are preferred. */
function namedArticles(resolved: readonly ResolvedTerm[], articles: Iterable<Article>): Set<string> {
  const asked = new Set(resolved.flatMap((r) => r.forms.flatMap((form) => form.terms)));
  const named = new Set<string>();
  for (const article of articles) {
    const titleWords = splitWords(article.title)
      .map((word) => indexTermsOf(word.norm))
      .filter((terms) => terms.length > 0);
    if (titleWords.length > 0 && titleWords.every((terms) => terms.some((t) => asked.has(t))))
      named.add(article.id);
  }
  return named;
}

/** Type fit of an attached date or number: full when right beside the question's words, a little less further off. */
function closeness(distance: number): number {
  return distance <= 3 ? 1 : 0.9;
}

const OPENING_PREPOSITIONS = new Set([
  "in",
  "on",
  "at",
  "by",
  "during",
  "since",
  "from",
  "until",
  "around",
  "about",
]);

const SUBORDINATORS = new Set([
  "after",
  "before",
  "when",
  "while",
  "although",
  "though",
  "as",
  "because",
  "since",
  "following",
  "during",
]);

/**
 * The main verb of the clause a fronted date introduces (`At dawn on Tuesday, July 10, after attempts
 * failed, government troops stormed …` → `stormed`), skipping a comma-enclosed subordinate clause.
 */
function mainVerbAfter(candidate: Candidate, view: SentenceView): number | null {
  const { text } = view.sentence;
  let i = candidate.lastWord;
  if (SUBORDINATORS.has(view.words[i]?.norm ?? "")) {
    const comma = text.indexOf(",", view.words[i]?.end ?? text.length);
    if (comma < 0) return null;
    while (i < view.words.length && (view.words[i] as Word).start < comma) i++;
  }
  for (; i < view.words.length; i++) {
    if ((view.sentence.wordTags[i] ?? "").startsWith("VB")) return i;
  }
  return null;
}

/** Words matching a question term, and verbs that do not: for attaching dates and numbers to the question. */
function attachment(candidate: Candidate, matched: readonly number[], view: SentenceView): number {
  // A date or number opening the sentence (`On July 3, 2007, …`) belongs to its main clause.
  // `On July 3, 2007, …` or `In 1993 the mosque …`: a date opening the sentence scopes over its main clause.
  const opening = view.words
    .slice(0, candidate.firstWord)
    .every((word) => OPENING_PREPOSITIONS.has(word.norm));
  const fronted =
    candidate.firstWord <= 3 && (opening || /^\s*,/u.test(view.sentence.text.slice(candidate.end)));
  if (fronted) {
    const mainVerb = mainVerbAfter(candidate, view);
    if (mainVerb !== null && matched.includes(mainVerb)) return 1;
  }
  const distanceTo = (i: number) =>
    i < candidate.firstWord
      ? candidate.firstWord - i
      : i >= candidate.lastWord
        ? i - candidate.lastWord + 1
        : 0;
  // English puts the date after its event (`completed in 1673`): an anchor on the left counts as closer.
  const nearestMatch = Math.min(...matched.map((i) => distanceTo(i) - (i < candidate.firstWord ? 0.5 : 0)));
  const otherVerbs = view.sentence.wordTags
    .map((tag, i) =>
      tag.startsWith("VB") && !matched.includes(i) && !BE_FORMS.has(view.words[i]?.norm ?? "") ? i : -1,
    )
    .filter((i) => i >= 0);
  const nearestOtherVerb = Math.min(...otherVerbs.map(distanceTo));
  return nearestMatch <= 3 || nearestMatch <= nearestOtherVerb ? nearestMatch : Number.POSITIVE_INFINITY;
}

/**
 * For `who <verb> X` questions: a passive `X was <verb>` with no `by …` does not say who did it,
 * so only names before the verb that the question does not mention can answer.
 */
function agentlessPassive(
  question: AnalyzedQuestion,
  view: SentenceView,
  resolved: readonly ResolvedTerm[],
): number | null {
  if (question.agentVerb === null) return null;
  const verb = resolved.find((r) => r.term.key === question.agentVerb);
  if (verb === undefined) return null;
  for (const i of positionsOf(verb, view)) {
    const participle =
      /^VB[DN]$/u.test(view.sentence.wordTags[i] ?? "") && !view.words[i]?.norm.endsWith("ing");
    if (!participle) continue;
    const before = view.words.slice(Math.max(0, i - 2), i).map((word) => word.norm);
    const after = view.words.slice(i + 1, i + 5).map((word) => word.norm);
    // `was established in 1980`, or a reduced relative `a protected area established in 1980`:
    // passive unless a name stands right before the verb as its subject.
    const subjectBefore = namesOf(view).some((name) => name.lastWord === i || name.lastWord === i - 1);
    const passive = before.some((norm) => BE_FORMS.has(norm)) || !subjectBefore;
    if (passive && !after.includes("by")) return i;
  }
  return null;
}

/** True when every word of a candidate is a word of the question (`Lal Masjid` cannot answer about Lal Masjid). */
function mentioned(candidate: Candidate, matched: readonly number[]): boolean {
  for (let i = candidate.firstWord; i < candidate.lastWord; i++) if (!matched.includes(i)) return false;
  return true;
}

/** The candidate most closely attached to the question's words, and how close it is. */
function nearestAttached(
  candidates: readonly Candidate[],
  view: SentenceView,
  matched: readonly number[],
  anchors: readonly number[],
  needsAnchor: boolean,
): { best: Candidate | null; distance: number } {
  let best: Candidate | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  // With nothing of the question in the sentence itself, a date or number cannot be tied to it.
  if (anchors.length === 0 && needsAnchor) return { best, distance: bestDistance };
  for (const candidate of candidates) {
    if (mentioned(candidate, matched) || aboutSomeoneElse(candidate, view, anchors)) continue;
    const distance = anchors.length === 0 ? 0 : attachment(candidate, anchors, view);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return { best, distance: bestDistance };
}

/**
 * True when a date or number belongs to a clause about someone the question does not name, while the
 * name the question asks about sits in another clause (`When was Abdul Rashid killed?` against
 * "After Maulana Muhammad Abdullah was assassinated in 1998, his sons Abdul Aziz and Abdul Rashid took over").
 */
function aboutSomeoneElse(candidate: Candidate, view: SentenceView, anchors: readonly number[]): boolean {
  const { text } = view.sentence;
  const askedNames = anchors.filter((i) => i > 0 && /^\p{Lu}/u.test(view.words[i]?.surface ?? ""));
  if (askedNames.length === 0) return false;
  // The clause around the candidate; a date opening the sentence (`On July 3, 2007, …`) heads the next one.
  const after = text.slice(candidate.end);
  const opensSentence = candidate.firstWord <= 3 && /^\s*,/u.test(after);
  const start = opensSentence ? candidate.end : text.lastIndexOf(",", candidate.start) + 1;
  const nextComma = text.indexOf(",", opensSentence ? candidate.end + 1 : candidate.end);
  const end = nextComma < 0 ? text.length : nextComma;
  const inClause = (i: number) => {
    const word = view.words[i];
    return word !== undefined && word.start >= start && word.end <= end;
  };
  if (askedNames.some(inClause)) return false;
  return namesOf(view).some(
    (name) => inClause(name.firstWord) && !anchors.some((i) => i >= name.firstWord && i < name.lastWord),
  );
}

const FOUNDING_VERBS = new Set(
  "built constructed completed founded established commissioned erected opened created inaugurated".split(
    " ",
  ),
);

/** True when a founding verb stands just before a date (`built in 1965`, `established in 1980`). */
function foundingVerbBeside(date: Candidate, view: SentenceView): boolean {
  return view.words
    .slice(Math.max(0, date.firstWord - 3), date.firstWord)
    .some((word) => FOUNDING_VERBS.has(word.norm));
}

/** Dates of a sentence, found once per sentence. */
function datesOf(view: SentenceView): Candidate[] {
  view.found.dates ??= dateCandidates(view.sentence.text, view.words);
  return view.found.dates;
}

/** Capitalised name runs of a sentence, found once per sentence. */
function namesOf(view: SentenceView): Candidate[] {
  view.found.names ??= nameCandidates(view.sentence.text, view.words, view.sentence.wordTags);
  return view.found.names;
}

/** Finds the short answer of the expected type, and how well the sentence fits the type. */
function fitType(
  question: AnalyzedQuestion,
  view: SentenceView,
  resolved: readonly ResolvedTerm[],
  matched: readonly number[],
  anchors: readonly number[],
  anchoredInPrevious = false,
): { typeFit: number; span: Candidate | null; noCandidates?: boolean } {
  const { text } = view.sentence;
  const { words } = view;
  const tags = view.sentence.wordTags;
  // A list of categories or links names things; it does not say who did what, when, how many or why.
  if (
    view.passage.kind !== "body" &&
    view.passage.kind !== "caption" &&
    !LIST_ANSWERABLE.has(question.type)
  ) {
    return { typeFit: 0, span: null };
  }
  const mentionedInQuestion = (candidate: Candidate) => mentioned(candidate, matched);
  // Questions with words beyond the article's name need one of them beside the answer.
  // A word found in the section heading (`Siege`) anchors the section's dates too.
  const needsAnchor =
    !anchoredInPrevious &&
    resolved.some((r) => !r.term.typeNoun && matchIn(r, view.titleTerms) === 0) &&
    !resolved.some((r) => !r.term.typeNoun && matchIn(r, view.headingTerms) > 0);
  switch (question.type) {
    case "date": {
      const dates = datesOf(view);
      const { best: span, distance } = nearestAttached(dates, view, matched, anchors, needsAnchor);
      return { typeFit: span ? closeness(distance) : 0, span, noCandidates: dates.length === 0 };
    }
    case "count":
    case "measure": {
      // "How old is the Lal Masjid?": a building's age is told by when it was built.
      if (question.measure === "age" && !needsAnchor) {
        const founded = datesOf(view).find((date) => foundingVerbBeside(date, view));
        if (founded) return { typeFit: 1, span: founded };
      }
      const numbers = numberCandidates(text, words, question.measure, datesOf(view));
      const attached = nearestAttached(numbers, view, matched, anchors, needsAnchor);
      // A measure's unit already ties it to the question (`reaches about 1,604 metres`).
      const span =
        question.type === "measure" && anchors.length > 0
          ? (attached.best ?? numbers[0] ?? null)
          : attached.best;
      const fit = question.type === "measure" ? 1 : closeness(attached.distance);
      return { typeFit: span ? fit : 0, span, noCandidates: numbers.length === 0 };
    }
    case "person":
    case "place":
    case "name": {
      const names = namesOf(view).filter((name) => !mentionedInQuestion(name));
      // `who founded X` is answered only where the sentence uses that verb (or a synonym) as a verb.
      const agentVerb = resolved.find((r) => r.term.key === question.agentVerb);
      if (agentVerb && !positionsOf(agentVerb, view).some((i) => (tags[i] ?? "").startsWith("VB"))) {
        return { typeFit: 0, span: null };
      }
      const passiveVerb = agentlessPassive(question, view, resolved);
      if (passiveVerb !== null) {
        // Only the clause's subject before the verb can be the agent (`Aurangzeb, …, ordered the mosque to be built`).
        const subject = names.find(
          (name) =>
            name.lastWord <= passiveVerb && !matched.some((i) => i >= name.firstWord && i < name.lastWord),
        );
        return subject ? { typeFit: NAME_WITHOUT_CUE_FIT, span: subject } : { typeFit: 0, span: null };
      }
      const closest = names
        .map((name) => ({
          name,
          distance: matched.length === 0 ? 0 : Math.min(...matched.map((i) => Math.abs(i - name.firstWord))),
        }))
        .sort((a, b) => a.distance - b.distance);
      // `which poet …`: prefer the name the type noun describes (`the poet and philosopher Muhammad Iqbal`).
      const typeNouns = resolved.filter((r) => r.term.typeNoun).flatMap((r) => positionsOf(r, view));
      if (typeNouns.length > 0) {
        const described = closest.find(({ name }) =>
          typeNouns.some((i) => i >= name.firstWord - 4 && i < name.lastWord),
        );
        if (described) return { typeFit: 1, span: described.name };
      }
      if (question.type === "place") {
        // Places follow a locative preposition (`located in Islamabad`, `in his Punjabi village`).
        const located = closest.find(({ name }) => isAfterLocative(words, name.firstWord));
        if (located) return { typeFit: 1, span: located.name };
      }
      // A person is not the name of an article's subject (`Lal Masjid` did not kill anyone).
      const fitting =
        question.type === "person"
          ? closest.filter(
              ({ name }) => name.text !== view.article.title && !/^\p{Lu}{1,3}$/u.test(name.text),
            )
          : closest;
      return { typeFit: fitting[0] ? NAME_WITHOUT_CUE_FIT : 0.5, span: fitting[0]?.name ?? null };
    }
    case "name-of": {
      // The name must stand right beside what is named, and not merely describe it (`his Punjabi village`).
      const named = namesOf(view).filter((name) => {
        if (mentionedInQuestion(name)) return false;
        const after = words[name.lastWord];
        const modifiesNoun =
          after !== undefined && /^\p{Ll}/u.test(after.surface) && matched.includes(name.lastWord);
        const nextTo = matched.some(
          (i) => i === name.lastWord || i === name.firstWord - 1 || i === name.firstWord - 2,
        );
        return (
          nextTo &&
          !(
            modifiesNoun &&
            name.lastWord - name.firstWord === 1 &&
            isDemonymShaped(words[name.firstWord]?.norm ?? "")
          )
        );
      });
      return { typeFit: named[0] ? 1 : 0, span: named[0] ?? null };
    }
    case "kind": {
      // `Deobandi mosques`: the asked noun with a capitalised modifier shortly before it.
      for (let i = 0; i < words.length; i++) {
        if (question.kindOf === null || !view.wordTerms[i]?.includes(question.kindOf)) continue;
        for (let j = i - 1; j >= Math.max(1, i - 3); j--) {
          // The modifier belongs to the same phrase: no punctuation between it and the noun.
          if (
            /[,;:()]/u.test(
              text.slice((words[j] as { end: number }).end, (words[j + 1] as { start: number }).start),
            )
          )
            break;
          if (/^\p{Lu}/u.test(words[j]?.surface ?? "")) {
            const span = {
              start: (words[j] as { start: number }).start,
              end: (words[i] as { end: number }).end,
            };
            return {
              typeFit: 1,
              span: { ...span, text: text.slice(span.start, span.end), firstWord: j, lastWord: i + 1 },
            };
          }
        }
      }
      return { typeFit: 0.5, span: null };
    }
    case "definition": {
      const focus = focusRange(question, view);
      if (focus === null) return { typeFit: 0.5, span: null };
      const span = definitionCandidates(text, words, focus, tags)[0] ?? null;
      return { typeFit: span ? 1 : 0.5, span };
    }
    case "reason":
      return { typeFit: words.some((word) => REASON_WORDS.has(word.norm)) ? 1 : 0.5, span: null };
    default:
      return { typeFit: 1, span: null };
  }
}

/** Adjectives of origin (`Punjabi`, `Pakistani`, `Chinese`, `British`) describe a place or people rather than name it. */
function isDemonymShaped(norm: string): boolean {
  return /(?:i|an|ese|ish|ic)$/u.test(norm);
}

const LOCATIVES = new Set(["in", "at", "near", "on", "from", "into", "inside", "outside", "opposite"]);
const DETERMINERS = new Set(["the", "a", "an", "his", "her", "its", "their"]);

function isAfterLocative(words: readonly { norm: string }[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && DETERMINERS.has(words[i]?.norm ?? "")) i--;
  return LOCATIVES.has(words[i]?.norm ?? "");
}

/** Where the defined thing appears in the sentence. */
function focusRange(
  question: AnalyzedQuestion,
  view: SentenceView,
): { firstWord: number; lastWord: number } | null {
  const hits = view.wordTerms
    .map((terms, i) => (question.definitionFocus.some((key) => terms.includes(key)) ? i : -1))
    .filter((i) => i >= 0);
  if (hits.length === 0) return null;
  const firstWord = hits[0] as number;
  let lastWord = firstWord + 1;
  // The focus is one unbroken run of words (`Ayman al Zawahiri`, not `…, Al Qaeda`).
  const joined = (i: number) =>
    /^\s*$/u.test(view.sentence.text.slice(view.words[i - 1]?.end ?? 0, view.words[i]?.start ?? 0));
  while (
    joined(lastWord) &&
    (hits.includes(lastWord) || (view.words[lastWord]?.norm.length === 1 && hits.includes(lastWord + 1)))
  ) {
    lastWord++;
  }
  return { firstWord, lastWord };
}

/**
 * Words between the question's terms in the tightest stretch of the sentence holding one occurrence of
 * each matched term (0 when they are adjacent or only one term matched).
 */
function gapsInTightestWindow(termPositions: readonly number[][]): number {
  const lists = termPositions.filter((positions) => positions.length > 0);
  if (lists.length < 2) return 0;
  const events = lists
    .flatMap((positions, term) => positions.map((at) => ({ at, term })))
    .sort((a, b) => a.at - b.at);
  const inWindow = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    inWindow.set(event.term, (inWindow.get(event.term) ?? 0) + 1);
    while (inWindow.size === lists.length) {
      const first = events[left] as { at: number; term: number };
      best = Math.min(best, event.at - first.at + 1 - lists.length);
      const count = (inWindow.get(first.term) ?? 1) - 1;
      if (count === 0) inWindow.delete(first.term);
      else inWindow.set(first.term, count);
      left++;
    }
  }
  return Math.max(0, best);
}

/** What coverage tells about a sentence before its answer type is checked. */
interface CoveredSentence {
  view: SentenceView;
  coverage: number;
  /** Coverage with the ranking factors applied: an upper bound of the final score. */
  rankCoverage: number;
  matched: number[];
  anchors: number[];
  termPositions: number[][];
}

function coverSentence(
  view: SentenceView,
  resolved: readonly ResolvedTerm[],
  named: ReadonlySet<string>,
  articleShare: ReadonlyMap<string, number>,
  options: EngineOptions,
): CoveredSentence {
  const credit = options.contextCredit;
  let total = 0;
  let covered = 0;
  let hintTotal = 0;
  let hintCovered = 0;
  const matched: number[] = [];
  const anchors: number[] = [];
  const termPositions: number[][] = [];
  let headingMatched = false;
  for (const r of resolved) {
    const direct = matchIn(r, view.terms, view.nameOnlyTerms);
    const inTitle = matchIn(r, view.titleTerms);
    const inHeading = matchIn(r, view.headingTerms);
    if (inHeading > 0) headingMatched = true;
    if (direct > 0 && !r.term.typeNoun) {
      const positions = positionsOf(r, view);
      termPositions.push(positions);
      matched.push(...positions);
      // Words of the article's own title are everywhere; they anchor no date or number.
      if (inTitle === 0) anchors.push(...positions);
    }
    // Context only matters when the sentence itself does not hold the term fully.
    const best =
      direct === 1
        ? 1
        : Math.max(
            direct,
            credit.title * inTitle,
            credit.heading * inHeading,
            credit.neighbour * matchIn(r, view.neighbourTerms),
            view.startsWithPronoun ? credit.antecedent * matchIn(r, view.previousTerms) : 0,
          );
    // The noun naming the answer type (`which city`) helps ranking when present but is never required.
    if (r.term.typeNoun) {
      hintTotal += r.weight;
      hintCovered += r.weight * best;
    } else {
      total += r.weight;
      covered += r.weight * best;
    }
  }
  const articlePenalty = named.size > 0 && !named.has(view.article.id) ? options.otherArticlePenalty : 1;
  // When every term only hints at the type (`what kind of mosque is it`), the hints are what must match.
  const coverage =
    (total > 0 ? covered / total : hintTotal > 0 ? hintCovered / hintTotal : 0) * articlePenalty;
  const hintShare = hintTotal > 0 ? hintCovered / hintTotal : 0;
  const metadataAsked = view.passage.kind === "body" || headingMatched;
  const rankCoverage =
    coverage *
    (1 + options.typeNounBonus * hintShare) *
    (metadataAsked ? 1 : options.unaskedMetadataFactor) *
    (1 - options.articlePrior + options.articlePrior * (articleShare.get(view.article.id) ?? 0)) *
    (view.passage.sectionSlug === "lead" ? 1 + options.leadPrior : 1);
  return { view, coverage, rankCoverage, matched, anchors, termPositions };
}

/** A sentence ranked on coverage alone, for related reading: its type was never checked. */
function unjudged(covered: CoveredSentence): ScoredSentence {
  const { view, coverage, rankCoverage } = covered;
  return { view, coverage, typeFit: 0, span: null, spanInNext: false, score: rankCoverage * 0.5 };
}

/** Checks the answer type of a covered sentence and gives its final score. */
function judgeSentence(
  question: AnalyzedQuestion,
  covered: CoveredSentence,
  resolved: readonly ResolvedTerm[],
  siblings: readonly SentenceView[],
  options: EngineOptions,
): ScoredSentence {
  const { view, coverage, rankCoverage, matched, anchors, termPositions } = covered;
  // A sentence covering too little of the question can neither answer nor rank high: skip the type work.
  if (coverage < options.minCoverage / 2) return unjudged(covered);
  let { typeFit, span, noCandidates } = fitType(question, view, resolved, matched, anchors);
  // A number or date may come in a short sentence of its own right after (`… cannot be verified. Many believe 300 to 400.`).
  let spanInNext = false;
  const next = siblings[view.position + 1];
  if (noCandidates && next !== undefined && next.sentence.text.length <= options.followingSentenceChars) {
    const following = fitType(question, next, resolved, [], [], anchors.length > 0);
    if (following.span !== null) {
      typeFit = options.followingSentenceFit;
      span = following.span;
      spanInNext = true;
    }
  }
  const proximity = 1 / (1 + gapsInTightestWindow(termPositions) / 10);
  const score = rankCoverage * (0.5 + 0.5 * typeFit) * (0.9 + 0.1 * proximity);
  return { view, coverage, typeFit, span, spanInNext, score };
}

/** Whether a sentence may answer: enough coverage and, for strict types, an answer of the type. */
function isAcceptable(s: ScoredSentence, type: AnswerType, options: EngineOptions): boolean {
  return (
    s.coverage >= options.minCoverage &&
    s.typeFit > 0 &&
    (s.typeFit >= options.followingSentenceFit || !STRICT_TYPES.has(type))
  );
}

/** Cuts text longer than `limit` to a window around `focus`, at word boundaries, marking cuts with `…`. */
function trimAround(
  text: string,
  focus: { start: number; end: number },
  limit: number,
): { text: string; offset: number } {
  if (text.length <= limit) return { text, offset: 0 };
  const room = limit - 2;
  let start = Math.max(
    0,
    Math.min(focus.start - Math.floor((room - (focus.end - focus.start)) / 2), text.length - room),
  );
  let end = Math.min(text.length, start + room);
  if (start > 0) start = text.indexOf(" ", start) + 1;
  if (end < text.length) end = text.lastIndexOf(" ", end);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, offset: prefix.length - start };
}

/** A cited excerpt: the sentence (with the one before when it starts with a pronoun), trimmed to the limit. */
function toExcerpt(scored: ScoredSentence, options: EngineOptions): Excerpt {
  const { view, span } = scored;
  const previous = view.passage.sentences[view.position - 1];
  let text = view.sentence.text;
  let shift = 0;
  const next = view.passage.sentences[view.position + 1];
  if (scored.spanInNext && next) {
    shift = text.length + 1;
    text = `${text} ${next.text}`;
  } else if (
    previous &&
    PRONOUN_START.test(text) &&
    previous.text.length + 1 + text.length <= options.maxExcerptChars
  ) {
    text = `${previous.text} ${text}`;
    shift = previous.text.length + 1;
  }
  const focus = span ? { start: span.start + shift, end: span.end + shift } : { start: shift, end: shift };
  const trimmed = trimAround(text, focus, options.maxExcerptChars);
  return {
    text: trimmed.text,
    article: view.article.title,
    articleId: view.article.id,
    section: view.passage.sectionHeading,
    passageId: view.passage.id,
    url: view.article.url,
    score: Math.round(scored.score * 1000) / 1000,
    answerSpan: span ? { start: focus.start + trimmed.offset, end: focus.end + trimmed.offset } : null,
  };
}

/**
 * The terms worth searching for: the words naming an article the question names (`lal masjid`) match
 * nearly all its passages and rank nothing, so they are left out when other words remain.
 */
function withoutNamedTitles(
  resolved: readonly ResolvedTerm[],
  named: ReadonlySet<string>,
  context: AnswerContext,
): readonly ResolvedTerm[] {
  if (named.size === 0) return resolved;
  const titleTerms = new Set(
    [...named].flatMap((id) =>
      splitWords(context.articlesById.get(id)?.title ?? "").flatMap((word) => indexTermsOf(word.norm)),
    ),
  );
  const naming = (r: ResolvedTerm) =>
    r.forms.some((form) => !form.synonym && form.terms.every((term) => titleTerms.has(term)));
  const rest = resolved.filter((r) => !naming(r));
  return rest.length > 0 ? rest : resolved;
}

/** Query terms for MiniSearch with their boosts (already processed: exact, corrected and synonym forms). */
function retrievalQuery(resolved: readonly ResolvedTerm[]): { query: string; boosts: Map<string, number> } {
  const boosts = new Map<string, number>();
  for (const r of resolved) {
    // The question word as typed is indexed together with its stem, so the stem alone finds it:
    // querying both would only double the work.
    const [asTyped, stemmed] = r.forms;
    const redundant =
      asTyped !== undefined && stemmed !== undefined && asTyped.quality === 1 && stemmed.quality === 1;
    for (const form of redundant ? r.forms.slice(1) : r.forms) {
      for (const term of form.terms)
        boosts.set(term, Math.max(boosts.get(term) ?? 0, form.quality * r.retrievalWeight));
    }
  }
  return { query: [...boosts.keys()].join(" "), boosts };
}

/** How one candidate sentence was judged, for `ask --explain`. */
export interface SentenceJudgement {
  passageId: string;
  text: string;
  coverage: number;
  typeFit: number;
  score: number;
  span: string | null;
}

/** Why the engine answered as it did: the question as understood and the best-scored sentences. */
export interface AnswerExplanation {
  type: AnswerType;
  terms: Array<{ term: string; weight: number; forms: string[] }>;
  sentences: SentenceJudgement[];
}

/** Answers a question from the corpus, or says the corpus does not contain the answer. */
export function answerQuestion(
  context: AnswerContext,
  rawQuestion: string,
  explain?: (explanation: AnswerExplanation) => void,
): Answer {
  const question = rawQuestion.trim();
  const notAnswered = (
    reason: "empty-question" | "no-match" | "not-in-corpus",
    related: Excerpt[],
  ): Answer => ({
    question,
    answered: false,
    reason,
    answer: null,
    excerpts: [],
    related,
  });
  const analyzed = analyzeQuestion(question, context.thesaurus);
  if (analyzed.terms.length === 0) return notAnswered(question === "" ? "empty-question" : "no-match", []);
  const { options } = context;
  const resolved = resolveTerms(analyzed, context);
  const named = namedArticles(resolved, context.articlesById.values());
  const search = (terms: readonly ResolvedTerm[]) => {
    const { query, boosts } = retrievalQuery(terms);
    return context.index.search(query, {
      tokenize: (text: string) => text.split(" "),
      processTerm: (term: string) => term,
      boostTerm: (term: string) => boosts.get(term) ?? 1,
      boost: options.fieldBoosts,
    });
  };
  const focused = withoutNamedTitles(resolved, named, context);
  let hits = search(focused);
  // Too few passages hold the other words (`which city is lal masjid in`): fill up with what the whole
  // question finds, so the article's defining passages and related reading are still there.
  if (hits.length < options.passagesToRerank && focused !== resolved) {
    const seen = new Set(hits.map((hit) => hit.id));
    hits = [...hits, ...search(resolved).filter((hit) => !seen.has(hit.id))];
  }
  if (hits.length === 0) return notAnswered("no-match", []);
  // When the question names an article, its passages are read first (stable order otherwise).
  if (named.size > 0) {
    const inNamed = (hit: { id: unknown }) =>
      named.has(context.passagesById.get(hit.id as string)?.articleId ?? "");
    hits.sort((a, b) => Number(inNamed(b)) - Number(inNamed(a)));
  }

  const views: SentenceView[] = [];
  // Which article the retrieved evidence mostly comes from: the tie-breaker for "what kind of mosque is it".
  const articleShare = new Map<string, number>();
  const topHits = hits.slice(0, options.passagesToRerank);
  const totalScore = topHits.reduce((sum, hit) => sum + hit.score, 0);
  for (const hit of topHits) {
    const passage = context.passagesById.get(hit.id as string);
    const article = passage && context.articlesById.get(passage.articleId);
    if (!passage || !article) continue;
    views.push(...context.views.of(passage, article));
    articleShare.set(article.id, (articleShare.get(article.id) ?? 0) + hit.score / totalScore);
  }
  const covered = views
    .map((view) => coverSentence(view, resolved, named, articleShare, options))
    .sort((a, b) => b.rankCoverage - a.rankCoverage);
  // Type checks are the costly part: judge sentences best coverage first, and stop once enough
  // acceptable ones score at least what any remaining sentence could (its coverage is an upper bound).
  const scored: ScoredSentence[] = [];
  let strongAcceptable = 0;
  for (const [n, sentence] of covered.entries()) {
    if (strongAcceptable >= options.maxExcerpts) {
      scored.push(...covered.slice(n).map(unjudged));
      break;
    }
    const judged = judgeSentence(
      analyzed,
      sentence,
      resolved,
      context.views.of(sentence.view.passage, sentence.view.article),
      options,
    );
    scored.push(judged);
    const bound = covered[n + 1]?.rankCoverage ?? 0;
    strongAcceptable = scored.filter(
      (s) => isAcceptable(s, analyzed.type, options) && s.score >= bound,
    ).length;
  }
  scored.sort((a, b) => b.score - a.score);

  explain?.({
    type: analyzed.type,
    terms: resolved.map((r) => ({
      term: r.term.norm,
      weight: Math.round(r.weight * 100) / 100,
      forms: r.forms.map((form) => `${form.terms.join(" ")}@${form.quality}`),
    })),
    sentences: scored.slice(0, 8).map((s) => ({
      passageId: s.view.passage.id,
      text: s.view.sentence.text,
      coverage: Math.round(s.coverage * 1000) / 1000,
      typeFit: s.typeFit,
      score: Math.round(s.score * 1000) / 1000,
      span: s.span?.text ?? null,
    })),
  });
  const acceptable = scored.filter((s) => isAcceptable(s, analyzed.type, options));
  const best = acceptable[0];
  if (best === undefined) {
    const related = relatedExcerpts(scored, options);
    return notAnswered("not-in-corpus", related);
  }
  const excerpts = [best];
  for (const candidate of scored) {
    if (excerpts.length >= options.maxExcerpts) break;
    if (excerpts.includes(candidate) || candidate.score < options.extraExcerptMinShare * best.score) continue;
    if (candidate.typeFit === 0) continue;
    excerpts.push(candidate);
  }
  const shown = excerpts.map((s) => toExcerpt(s, options));
  return {
    question,
    answered: true,
    answer: best.span?.text ?? null,
    excerpts: shown,
    related: relatedExcerpts(
      scored.filter((s) => !excerpts.some((e) => e.view.passage.id === s.view.passage.id)),
      options,
    ),
  };
}

/** The best sentence of each of the closest passages. */
function relatedExcerpts(scored: readonly ScoredSentence[], options: EngineOptions): Excerpt[] {
  const seen = new Set<string>();
  const related: Excerpt[] = [];
  for (const s of scored) {
    if (related.length >= options.relatedCount) break;
    if (seen.has(s.view.passage.id)) continue;
    seen.add(s.view.passage.id);
    related.push(toExcerpt({ ...s, span: null, spanInNext: false }, options));
  }
  return related;
}
