import type { EngineOptions } from "../index/options.ts";
import type { Vocabulary } from "../index/search-index.ts";
import type { Thesaurus } from "../text/synonyms.ts";
import { STOP_WORDS } from "../text/terms.ts";
import type { Article } from "../types.ts";
import type { AnalyzedQuestion, QuestionTerm } from "./question.ts";
import type { SentenceView } from "./sentence-view.ts";
import { titleIndexOf, titleTermsOf } from "./title-terms.ts";

/**
 * Question terms resolved against the corpus: the forms each may take (as typed, stemmed, corrected,
 * synonyms), their weights, how they match a sentence, and the query MiniSearch is given.
 */

/** What resolving terms needs from the engine. */
export interface TermContext {
  vocabulary: Vocabulary;
  options: EngineOptions;
  thesaurus: Thesaurus;
  articlesById: ReadonlyMap<string, Article>;
}

/** How a form relates to the word asked: as typed, its stem, a spelling correction, or a synonym. */
export type FormKind = "exact" | "stem" | "typo" | "synonym";

/** One way a question term can appear: all these index terms, with a match quality. */
interface TermForm {
  terms: string[];
  quality: number;
  kind: FormKind;
  /** A synonym stands for a common word, so it never matches inside a name (`live` ≠ `Management Board`). */
  synonym?: boolean;
}

/** A question term resolved against the corpus vocabulary. */
export interface ResolvedTerm {
  term: QuestionTerm;
  forms: TermForm[];
  /** Weight in retrieval, where a type noun is a useful clue (`built` for "how old is X"). */
  retrievalWeight: number;
  /** Inverse passage frequency of the word (or of its closest correction), before any weighting. */
  idf: number;
  /** Whether the word, its stem or a correction of it occurs in the corpus (synonyms aside). */
  inCorpus: boolean;
}

/**
 * Resolves each question term to the forms it may take in the corpus: the word and its stem;
 * if neither occurs, its closest spellings (typos); and curated synonyms.
 */
export function resolveTerms(question: AnalyzedQuestion, context: TermContext): ResolvedTerm[] {
  const { vocabulary, options } = context;
  return question.terms.map((term) => {
    const forms: TermForm[] = [];
    const isPhrase = term.key.includes(" ");
    const exact = isPhrase ? [term.key.split(" ")] : [[term.norm], [term.key]];
    for (const [n, terms] of exact.entries())
      forms.push({ terms, quality: 1, kind: n === 0 && !isPhrase ? "exact" : "stem" });
    // A decade is asked as its first year (`the 70s`); the articles give the years in it (`in 1977`).
    if (term.decade)
      for (const year of yearsOfDecade(term.norm).filter((year) => vocabulary.has(year)))
        forms.push({ terms: [year], quality: 1, kind: "stem" });
    let present = forms
      .filter((form) => form.terms.every((t) => vocabulary.has(t)))
      .map((form) => form.terms);
    // A year written short, as chat writes it (`in 91`, `'66`): absent as typed, it is a year the articles
    // give in full (`1991`), of any century from the 11th to the 21st.
    if (present.length === 0 && /^\d{2}$/u.test(term.norm)) {
      const years = shortYearsOf(term.norm).filter((year) => vocabulary.has(year));
      for (const year of years)
        forms.push({ terms: [year], quality: options.matchQuality.typo, kind: "typo" });
      present = years.map((year) => [year]);
    }
    const { minLength, oneEditFrom, twoEditsFrom } = options.typoTolerance;
    // A function word mistyped (`befor`) is no other word misspelt, nor a compound.
    const mayCorrect = !isPhrase && !term.typeNoun && !term.functionSlip;
    if (present.length === 0 && mayCorrect) {
      // A compound written as one word (`standoff` for `stand off`).
      const parts = splitCompound(term.norm, vocabulary);
      if (parts !== null) {
        forms.push({ terms: parts, quality: options.matchQuality.typo, kind: "typo" });
        present = [parts];
      }
    }
    if (present.length === 0 && mayCorrect && term.norm.length >= minLength && !/^\p{N}+$/u.test(term.norm)) {
      const distance = term.norm.length >= twoEditsFrom ? 2 : term.norm.length >= oneEditFrom ? 1 : 0;
      // A typo changes letters inside a word; a word extended by a suffix (`architect` → `architecture`)
      // is another word, not a misspelling.
      const corrections = vocabulary
        .corrections(term.norm, distance)
        .filter(
          (correction) => !(correction.startsWith(term.norm) && correction.length - term.norm.length >= 2),
        );
      for (const correction of corrections)
        forms.push({ terms: [correction], quality: options.matchQuality.typo, kind: "typo" });
      present = corrections.map((correction) => [correction]);
    }
    const keys = new Set([term.key, ...present.map((terms) => terms.join(" "))]);
    for (const key of keys) {
      for (const synonym of context.thesaurus.synonymsOf(key)) {
        forms.push({
          terms: synonym.split(" "),
          quality: options.matchQuality.synonym,
          kind: "synonym",
          synonym: true,
        });
      }
    }
    const weightOf = (terms: string[]) => Math.max(...terms.map((t) => vocabulary.weight(t)));
    const baseWeight =
      present.length > 0 ? Math.min(...present.map(weightOf)) : weightOf(exact[0] as string[]);
    const absentVerb =
      (present.length === 0 && term.verbLike) || term.lightVerb ? options.absentVerbWeight : 1;
    // A form of a word the index leaves out (`named` of `name`, `called` of `call`): the articles may well say
    // it (`takes its name from`), so, absent, it hints and is never required; so does a function word
    // mistyped (`befor`) that the articles lack.
    const unindexedBase =
      present.length === 0 && !isPhrase && (STOP_WORDS.has(term.key) || term.functionSlip);
    const asked = unindexedBase ? { ...term, typeNoun: true } : term;
    return {
      term: asked,
      forms,
      retrievalWeight: baseWeight * absentVerb * (asked.typeNoun ? 0.5 : 1),
      idf: baseWeight,
      inCorpus: present.length > 0,
    };
  });
}

/**
 * The years of a decade (`1970` → 1970 to 1979, `1800` → the century's hundred years); a decade named by
 * two digits (`70`) is that decade of any century from the 11th to the 21st.
 */
export function yearsOfDecade(first: string): string[] {
  const starts = (first.length === 2 ? shortYearsOf(first) : [first]).map(Number);
  const span = first.length === 4 && first.endsWith("00") ? 100 : 10;
  return starts.flatMap((start) => Array.from({ length: span }, (_, n) => String(start + n)));
}

/** The years a two-digit year may stand for (`91` → 1091, 1191, … 2091). */
export function shortYearsOf(digits: string): string[] {
  return Array.from({ length: 11 }, (_, n) => String((10 + n) * 100 + Number(digits)));
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
export function matchIn(
  resolved: ResolvedTerm,
  terms: ReadonlySet<string>,
  nameOnly?: ReadonlySet<string>,
): number {
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
export function positionsOf(resolved: ResolvedTerm, view: SentenceView): number[] {
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
export function namedArticles(resolved: readonly ResolvedTerm[], context: TermContext): Set<string> {
  const asked = new Set(resolved.flatMap((r) => r.forms.flatMap((form) => form.terms)));
  return titleIndexOf(context.articlesById).named(asked);
}

/** Whether a term is a word of one of the named articles' titles. */
function namingTitle(named: ReadonlySet<string>, context: TermContext): (r: ResolvedTerm) => boolean {
  const titles = [...named].flatMap((id) => {
    const article = context.articlesById.get(id);
    return article === undefined ? [] : [titleTermsOf(article)];
  });
  const inATitle = (term: string) => titles.some((terms) => terms.has(term));
  return (r) => r.forms.some((form) => !form.synonym && form.terms.every(inATitle));
}

/**
 * The question's terms around the articles it names. `resolved`: the words of a named article's title
 * weighed as that article weighs them: each of its passages carries its title, so within it they are the
 * commonest words there are. Among thousands of other articles they are rare, and would outweigh the rest
 * of the question (`when was lal masjid built`) in a way they never do in a library of that article alone.
 * `focused`: the terms worth searching for, the title's words left out when other words remain, as they
 * match nearly all the article's passages and rank nothing. Both are `resolved` as given when nothing is
 * named.
 */
export function aroundNamedTitles(
  resolved: readonly ResolvedTerm[],
  named: ReadonlySet<string>,
  context: TermContext,
): { resolved: readonly ResolvedTerm[]; focused: readonly ResolvedTerm[] } {
  if (named.size === 0) return { resolved, focused: resolved };
  const naming = namingTitle(named, context);
  const passages = [...named].reduce(
    (sum, id) => sum + (context.articlesById.get(id)?.passages.length ?? 0),
    0,
  );
  // Vocabulary.weight for a term every one of the articles' passages holds.
  const idf = Math.log(1 + passages / (passages + 0.5));
  const weighed = resolved.map((r) =>
    naming(r) ? { ...r, idf, retrievalWeight: (r.retrievalWeight / r.idf) * idf } : r,
  );
  const rest = weighed.filter((r) => !naming(r));
  return { resolved: weighed, focused: rest.length > 0 ? rest : weighed };
}

/** Query terms for MiniSearch with their boosts (already processed: exact, corrected and synonym forms). */
export function retrievalQuery(resolved: readonly ResolvedTerm[]): {
  query: string;
  boosts: Map<string, number>;
} {
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
