import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { memoised } from "./memoised.ts";
import { splitWords } from "./terms.ts";

/**
 * English part-of-speech lexicon (natural's Brill tagger lexicon, ~93k case-sensitive entries).
 * Sentence recovery uses it to tell common words (`Protests`, `History`) from proper names
 * (`Aurangzeb`) and to spot verbs. Loaded on first use only: ingestion needs it, a cached start does not.
 */

type TagTable = Map<string, readonly string[]>;

let lexicon: TagTable | null = null;

function tags(): TagTable {
  if (lexicon === null) {
    const require = createRequire(import.meta.url);
    const path = require.resolve("natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json");
    lexicon = new Map(Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, string[]>));
  }
  return lexicon;
}

/** Whether the lexicon has been read in this process (a cached start answers without it). */
export function lexiconIsLoaded(): boolean {
  return lexicon !== null;
}

/** Tags of a word as written, falling back to its singular for plurals the lexicon lacks (`hundreds`). */
export const posTags: (word: string) => readonly string[] = memoised((word) => {
  const table = tags();
  const own = table.get(word);
  if (own) return own;
  if (word.length > 3 && word.endsWith("s")) {
    const singularTags = table.get(word.slice(0, -1));
    if (singularTags) return singularTags.map((tag) => (tag === "NN" ? "NNS" : tag));
  }
  return [];
});

/**
 * True when a word is an ordinary English word, so a capitalised use is not by itself a name:
 * its lower-case form is known, or its capitalised form is known first as something other than a name.
 */
export const isCommonWord: (word: string) => boolean = memoised(commonWord);

function commonWord(word: string): boolean {
  if (posTags(word.toLowerCase()).some((tag) => !tag.startsWith("NNP"))) return true;
  const firstTag = posTags(word)[0];
  return firstTag !== undefined && !firstTag.startsWith("NNP");
}

const FINITE_VERB_TAGS = new Set(["VBD", "VBZ", "VBP", "MD"]);

/**
 * True when a lower-case word is likely a finite verb (`was`, `ordered`, `stands`, `can`): its most
 * frequent tag is finite, or it carries the inflection of one (the lexicon lists rare tags too, `and` as VBP).
 */
export const canBeFiniteVerb: (word: string) => boolean = memoised(finiteVerb);

function finiteVerb(word: string): boolean {
  const tags = posTags(word.toLowerCase());
  const firstTag = tags[0];
  if (firstTag !== undefined && FINITE_VERB_TAGS.has(firstTag)) return true;
  return (tags.includes("VBD") && word.endsWith("ed")) || (tags.includes("VBZ") && word.endsWith("s"));
}

/** The most frequent tag of each word of a text (as split by `splitWords`), `""` when unknown. */
export function tagWords(text: string): string[] {
  return splitWords(text).map((word) => posTags(word.surface)[0] ?? posTags(word.norm)[0] ?? "");
}
