import type { FormKind, ResolvedTerm } from "../answer/resolved-terms.ts";
import type { SentenceView, TermLookup } from "../answer/sentence-view.ts";
import type { Retrieval } from "../retrieve/candidates.ts";

/**
 * How each question term meets a sentence: the per-question facts every feature group reads, and the
 * best kind of match of a term in a set of terms.
 */

/** Facts about a question that do not depend on the candidate sentence. */
export interface QuestionFacts {
  retrieval: Retrieval;
  /** Terms the answer sentence should contain (not the nouns that only name the answer type). */
  content: readonly ResolvedTerm[];
  /** Nouns that only name the answer type (`which city`): hints. */
  hints: readonly ResolvedTerm[];
  /** Sum of the content terms' idf: the denominator of every coverage share. */
  contentIdf: number;
  /** The idf of a word found in no passage: the scale idf values are read on. */
  maxIdf: number;
}

export function questionFacts(retrieval: Retrieval, passageCount: number): QuestionFacts {
  const content = retrieval.resolved.filter((r) => !r.term.typeNoun);
  const hints = retrieval.resolved.filter((r) => r.term.typeNoun);
  return {
    retrieval,
    content,
    hints,
    contentIdf: content.reduce((sum, r) => sum + r.idf, 0),
    maxIdf: Math.log(1 + passageCount / 0.5),
  };
}

/** Order of preference when a term matches in several ways. */
const KIND_ORDER: readonly FormKind[] = ["exact", "stem", "typo", "synonym"];

/**
 * The best way a term's forms all appear among `terms` (`exact` needs the word as typed among the
 * sentence's own words), or null. A synonym never matches inside a name (`live` ≠ `Management Board`).
 */
export function matchKind(
  resolved: ResolvedTerm,
  terms: TermLookup,
  norms?: ReadonlySet<string>,
  nameOnly?: ReadonlySet<string>,
): FormKind | null {
  let best: FormKind | null = null;
  for (const form of resolved.forms) {
    if (best !== null && KIND_ORDER.indexOf(form.kind) >= KIND_ORDER.indexOf(best)) continue;
    const pool = form.kind === "exact" && norms !== undefined ? norms : terms;
    let all = true;
    for (const t of form.terms) {
      if (!pool.has(t) || (form.kind === "synonym" && nameOnly?.has(t) === true)) {
        all = false;
        break;
      }
    }
    if (all) best = form.kind;
  }
  return best;
}

/** Matches of every content term directly in a sentence (null where it is absent), aligned with `facts.content`. */
export function directMatches(facts: QuestionFacts, view: SentenceView): Array<FormKind | null> {
  return facts.content.map((r) => matchKind(r, view.terms, view.norms, view.nameOnlyTerms));
}
