import type { Word } from "../text/terms.ts";
import type { AnalyzedQuestion, AnswerType } from "./question.ts";
import { matchIn, positionsOf, type ResolvedTerm } from "./resolved-terms.ts";
import type { SentenceView } from "./sentence-view.ts";
import {
  type Candidate,
  dateCandidates,
  definitionCandidates,
  nameCandidates,
  numberCandidates,
} from "./spans.ts";

/**
 * Does a sentence hold an answer of the kind the question expects, tied to what the question asks
 * about? Finds the short answer span (a date, a number with its unit, a name, a definition…) and rates
 * the fit: 1 full, 0.5 when a soft type found nothing, 0 when the sentence cannot answer.
 */

export const BE_FORMS: ReadonlySet<string> = new Set(["is", "are", "was", "were", "be", "been", "being"]);

const REASON_WORDS = new Set([
  "because",
  "so",
  "due",
  "reason",
  "cause",
  "caused",
  "causes",
  "order",
  "since",
]);

/** Type fit of a name with no cue tying it to the question (a type noun describing it, a locative before a place). */
const NAME_WITHOUT_CUE_FIT = 0.9;

/** Question types a list of categories or external links can answer. */
const LIST_ANSWERABLE: ReadonlySet<AnswerType> = new Set(["name", "kind", "other", "definition"]);

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
export function fitType(
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
      // A light verb (`who gave patronage …`) says too little to require it.
      const agentVerb = resolved.find((r) => r.term.key === question.agentVerb && !r.term.lightVerb);
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
      // Merely mentioning a thing does not say what it is ("what is Jamia Faridia?"); an article's own
      // subject is described by the whole article.
      const aboutSubject = question.definitionFocus.every((key) => view.titleTerms.has(key));
      const focus = focusRange(question, view);
      if (focus === null) return { typeFit: aboutSubject ? 0.5 : 0, span: null };
      const span = definitionCandidates(text, words, focus, tags)[0] ?? null;
      return { typeFit: span ? 1 : aboutSubject ? 0.5 : 0, span };
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
  // The focus is one unbroken run of words (`Ayman al Zawahiri`, not `…, Al Qaeda`); of several runs
  // (`Jamia Hafsa and Jamia Faridia`) the one holding most of the asked words.
  const joined = (i: number) =>
    /^\s*$/u.test(view.sentence.text.slice(view.words[i - 1]?.end ?? 0, view.words[i]?.start ?? 0));
  let best: { firstWord: number; lastWord: number } | null = null;
  for (const firstWord of hits) {
    let lastWord = firstWord + 1;
    while (
      joined(lastWord) &&
      (hits.includes(lastWord) || (view.words[lastWord]?.norm.length === 1 && hits.includes(lastWord + 1)))
    ) {
      lastWord++;
    }
    if (best === null || lastWord - firstWord > best.lastWord - best.firstWord)
      best = { firstWord, lastWord };
  }
  return best;
}
