import WordNet from "natural/lib/natural/wordnet/wordnet.js";
import { baseVerbForm } from "./irregular-verbs.ts";

/**
 * WordNet synonyms through natural (for the thesaurus experiment in `npm run eval -- --thesaurus`).
 * natural's lookup is callback-only and never reports errors, so a missing word simply yields nothing.
 */
export class WordNetSynonyms {
  private readonly wordnet = new WordNet();

  /**
   * Single-word lemmas of the first `senses` senses of a word, lower case, without the word itself.
   * WordNet lists base forms only, so inflected words are tried as their likely base (`died` → `die`).
   */
  async lookup(word: string, senses = 2): Promise<string[]> {
    const bases = [
      word,
      baseVerbForm(word),
      word.replace(/s$/u, ""),
      word.replace(/d$/u, ""),
      word.replace(/ed$/u, ""),
      word.replace(/ing$/u, ""),
      word.replace(/ing$/u, "e"),
    ];
    for (const base of new Set(bases)) {
      const lemmas = await this.lemmas(base, senses);
      if (lemmas.length > 0) return lemmas.filter((lemma) => lemma !== word);
    }
    return [];
  }

  private lemmas(word: string, senses: number): Promise<string[]> {
    return new Promise((resolve) => {
      this.wordnet.lookup(word, (entries) => {
        const lemmas = entries
          .slice(0, senses)
          .flatMap((entry) => entry.synonyms)
          .map((lemma) => lemma.replace(/\(.*\)$/u, "").toLowerCase())
          .filter((lemma) => !lemma.includes("_") && lemma !== word);
        resolve([...new Set(lemmas)]);
      });
    });
  }
}
