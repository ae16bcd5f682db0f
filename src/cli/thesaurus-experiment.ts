import { loadEngine } from "../core/engine.ts";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import { CURATED_GROUPS, Thesaurus } from "../core/text/synonyms.ts";
import { isContentWord, splitWords } from "../core/text/terms.ts";
import { WordNetSynonyms } from "../core/text/wordnet.ts";
import { type EvalItem, evaluate, PlainBaseline } from "./evaluation.ts";

/**
 * Measures which paraphrase help pays off (`npm run eval -- --thesaurus`): no synonyms, the curated
 * thesaurus, WordNet synonyms of the question words (first two senses), and both together.
 */
export async function compareThesauri(corpusDir: string, items: readonly EvalItem[]): Promise<string> {
  const wordnet = new WordNetSynonyms();
  const words = [
    ...new Set(items.flatMap((item) => splitWords(item.question).map((word) => word.norm))),
  ].filter(isContentWord);
  const wordnetGroups: string[] = [];
  for (const word of words) {
    const synonyms = await wordnet.lookup(word);
    if (synonyms.length > 0) wordnetGroups.push([word, ...synonyms].join("|"));
  }
  const baseline = new PlainBaseline(readCorpusFiles(corpusDir).files);
  const variants: Array<[string, Thesaurus]> = [
    ["none", new Thesaurus([])],
    ["curated", new Thesaurus(CURATED_GROUPS)],
    ["wordnet", new Thesaurus(wordnetGroups)],
    ["curated + wordnet", new Thesaurus([...CURATED_GROUPS, ...wordnetGroups])],
  ];
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`.padStart(6);
  const lines = [`${"thesaurus".padEnd(20)} ans@1  ans@3   abst f.abst`];
  for (const [name, thesaurus] of variants) {
    const { engine } = loadEngine({ corpusDir, cacheDir: null, thesaurus });
    const { ours } = evaluate(engine, baseline, items).overall;
    lines.push(
      `${name.padEnd(20)}${percent(ours.answerAt1)}${percent(ours.answerAt3)}${percent(ours.abstention)}${percent(ours.falseAbstention)}`,
    );
  }
  return lines.join("\n");
}
