import { posTags } from "../text/lexicon.ts";
import { curatedThesaurus, type Thesaurus } from "../text/synonyms.ts";
import { isContentWord, STOP_WORDS, splitWords, stem, type Word } from "../text/terms.ts";
import { isNumeric } from "./spans.ts";
import { BE_FORMS } from "./type-fit.ts";

/**
 * What kind of answer a question expects. Dates, counts and measures are checked strictly
 * (a sentence without one cannot answer); the others only steer ranking and highlighting.
 */
export type AnswerType =
  | "date"
  | "count"
  | "measure"
  | "person"
  | "place"
  | "name"
  /** "what is the name of X", "what was X called": a proper name right beside X, strictly. */
  | "name-of"
  /** "what kind of X": X with the modifier that classifies it (`Deobandi mosques`). */
  | "kind"
  | "definition"
  | "reason"
  | "manner"
  | "yes-no"
  | "other";

/** Units a measure answer may carry. */
export type MeasureKind = "length" | "area" | "duration" | "age" | "mass" | "money" | "any";

/** A content word (or phrase) of the question, to be found in the answer sentence. */
export interface QuestionTerm {
  /** The word as asked, lower case. */
  norm: string;
  /** Stem key (`stem stem` for phrases). */
  key: string;
  /** True for the noun that only names the answer type (`which city`): a hint, not a requirement. */
  typeNoun: boolean;
  /** True when the word looks like an inflected verb (`found`, `expected`): less topical than a noun if absent. */
  verbLike: boolean;
  /** True for light verbs (`live`, `take`, `go`) that carry little of a question's topic. */
  lightVerb: boolean;
  /** Position of the (first) word in the question. */
  position: number;
  /** Written with a capital letter past the question's first word (a name: `Montcalm`, `OPEC`). */
  capitalised: boolean;
  /**
   * True for a word English does not know one slip from a function word (`befor`, `thier`): the function
   * word meant when the articles lack it, a name when they have it (`turing`, one letter from `during`).
   */
  functionSlip: boolean;
  /** A decade written as its first year and `s` (`1970s`, `the 70s`): the years in it answer it. */
  decade: boolean;
}

export interface AnalyzedQuestion {
  text: string;
  type: AnswerType;
  measure: MeasureKind | null;
  terms: QuestionTerm[];
  /** For `who <verb> …` questions, the stem of that verb (the agent is the answer). */
  agentVerb: string | null;
  /** For definitions (`what does CDA stand for`), the stem keys of the thing defined. */
  definitionFocus: string[];
  /** For `what kind of X`, the stem of X. */
  kindOf: string | null;
  /** For a count (`how many toads`), the stem of what is counted; null when no word names it. */
  counted: string | null;
  /** Position of the question word (`what`, `who`…) among the question's words, or null when there is none. */
  whPosition: number | null;
  /** True when the question is negated (`not`, `never`, `didn't`): an answer must be negated too. */
  negated: boolean;
  /**
   * True when only a subordinate clause is negated (`how did it send pictures back, since its antenna didn't
   * work`): the answer may restate that negation or not.
   */
  negatedAside: boolean;
}

const WH_WORDS: readonly string[] = ["when", "who", "whom", "whose", "where", "why", "how", "what", "which"];

const AUXILIARIES = new Set(
  `is are was were am be been being do does did has have had can could will would
  shall should may might must`.split(/\s+/u),
);

/** Auxiliaries after `how long` that make it ask for a time: `how long did/has/will …`, not `is`/`was`. */
const DURATION_AUXILIARIES = new Set(
  "do does did has have had can could will would shall should may might must".split(" "),
);

const DATE_NOUNS = new Set(["year", "date", "day", "month", "decade", "century", "time"]);
const PERSON_NOUNS = new Set(
  `person people man woman men women king queen emperor ruler leader officer poet writer minister president
  premier prime general imam cleric governor mayor architect founder scholar saint prophet son sons
  brother father mother wife husband family group organisation organization party guy`.split(/\s+/u),
);
const PLACE_NOUNS = new Set(
  `place city town village country province region district area location road street market markets
  mountain river lake site building mosque park`.split(/\s+/u),
);

/** Nouns too general to require in an answer (`how many people …`): they only hint at it. */
const GENERIC_NOUNS = new Set([
  "people",
  "person",
  "persons",
  "someone",
  "somebody",
  "anyone",
  "thing",
  "things",
  // Chat's words for a person and for things (`who was the railway guy that …`, `what time stuff starts`);
  // `Thomas Guy` is a name.
  "guy",
  "stuff",
]);

/** A term that only hints at where the answer is: it helps retrieval and ranking, and is never required. */
function hintTerm(norm: string, position: number): QuestionTerm {
  return {
    norm,
    key: stem(norm),
    typeNoun: true,
    verbLike: false,
    lightVerb: false,
    position,
    capitalised: false,
    functionSlip: false,
    decade: false,
  };
}

/** Spatial words worth matching but not worth requiring (`what is inside the prayer hall`). */
const LIGHT_PREPOSITIONS = new Set(["near", "around", "beside", "opposite"]);

/** Verbs that say little by themselves (`what animals live in …`, `who took over …`). */
const LIGHT_VERBS = new Set(
  `live lives lived have has had take takes took make makes made give gives gave go goes went come comes came
  get gets got do does did put keep keeps kept bring brings brought find finds found`.split(/\s+/u),
);

/** Common verbs that may follow `which <noun>` and are not part of the noun (`what animals live …`). */
const COMMON_VERBS = new Set(
  `live lives grow grows use uses make makes give gives take takes took have has had do does did get gets got
  go goes went come comes came become became bring brought build built hold held lead led run ran win won
  say said tell told see saw stand stood lie lay rise rose fall fell keep kept leave left find found turn
  end know knew expect happen`.split(/\s+/u),
);

/** The words after `which`/`what` that name the answer type: one noun, or an adjective and a noun. */
function typeNounSpan(norms: readonly string[], from: number): number[] {
  const isNounLike = (norm: string | undefined) =>
    norm !== undefined &&
    isContentWord(norm) &&
    !AUXILIARIES.has(norm) &&
    !COMMON_VERBS.has(norm) &&
    !/(?:ed|[^s]s)$/u.test(norm);
  const first = norms[from];
  const pluralNoun = first !== undefined && /s$/u.test(first) && !COMMON_VERBS.has(first);
  if (!isNounLike(first) && !pluralNoun) return [];
  return isNounLike(norms[from + 1]) ? [from, from + 1] : [from];
}

const CATEGORY_NOUNS = new Set(
  `kind kinds type types sort sorts animal animals tree trees plant plants thing things event events name names
  number amount meeting meetings gathering colour color colours colors language languages religion material
  materials shape style`.split(/\s+/u),
);

/**
 * Nouns that make `what …` ask for a quantity, as `how many` does (`what percentage of …`, `what proportion of
 * …`): a sentence gives the number (`up to 99%`), seldom the noun.
 */
const QUANTITY_NOUNS = new Set(
  "number amount quantity percentage percent proportion fraction share ratio portion".split(" "),
);

/** True for nouns that name a category of answer rather than a topic. */
function isCategoryNoun(noun: string): boolean {
  return (
    CATEGORY_NOUNS.has(noun) ||
    QUANTITY_NOUNS.has(noun) ||
    PERSON_NOUNS.has(noun) ||
    PLACE_NOUNS.has(noun) ||
    DATE_NOUNS.has(noun)
  );
}

/**
 * `how <adjective>` questions: the measure they ask for, and the words a text gives it with (`how tall` → `The
 * tower's height is 96 m`, `how heavy` → `It weighs 760 kg`, `how old` → `built in 1965`). The words are hints,
 * never required, as a sentence may give the number alone.
 */
const HOW_MEASURES: Readonly<Record<string, { measure: MeasureKind; hints: readonly string[] }>> = {
  long: { measure: "any", hints: ["length"] },
  tall: { measure: "length", hints: ["height"] },
  high: { measure: "length", hints: ["height", "altitude", "elevation"] },
  far: { measure: "length", hints: ["distance"] },
  deep: { measure: "length", hints: ["depth"] },
  wide: { measure: "length", hints: ["width"] },
  big: { measure: "any", hints: ["size"] },
  large: { measure: "any", hints: ["size"] },
  heavy: { measure: "mass", hints: ["weight", "weighs", "mass"] },
  old: { measure: "age", hints: ["built", "founded"] },
  young: { measure: "age", hints: [] },
  thick: { measure: "length", hints: ["thickness", "thick"] },
  thin: { measure: "length", hints: ["thickness", "thick"] },
  narrow: { measure: "length", hints: ["width"] },
  close: { measure: "length", hints: ["distance", "within"] },
  near: { measure: "length", hints: ["distance", "within"] },
  fast: { measure: "any", hints: ["speed"] },
  quick: { measure: "any", hints: ["speed"] },
};

/** Verbs that close a question about what a picture, map or chart holds (`what does the map show`). */
const PICTURE_VERBS = new Set(["show", "shows", "depict", "depicts", "illustrate", "illustrates"]);

/** Words that make a `how much` question ask for an amount of money. */
const MONEY_WORDS =
  /\b(?:cost|costs|costing|pay|paid|pays|paying|spend|spent|spends|price|priced|money|fee|fees|earn|earned|earns|charge|charged|worth|budget|fund|funding|funded|sell|sold|buy|bought|salary|wage|wages|debt|loan|borrow|borrowed|invest|invested|raise|raised|donate|donated|grant|granted|auction|auctioned)\b/u;

/**
 * Corrects a mistyped wh-word (`wat`, `wich`) so the question type is still recognised. A word English
 * knows as something else is left as typed: `way`, `show`, `low`, `whole` and `chose` are one letter from
 * `why`, `how`, `whose`, and were read as them.
 */
function normaliseWhWord(word: string): string {
  if (WH_WORDS.includes(word) || STOP_WORDS.has(word) || AUXILIARIES.has(word)) return word;
  const close = WH_WORDS.find((wh) => wh.length >= 3 && editDistanceOne(wh, word));
  // The lexicon (read only now, as a cached start does not read it) knows some slips as the wh-word meant
  // (`wher`, `whos`): those are corrected.
  if (close === undefined || posTags(word).some((tag) => !tag.startsWith("W"))) return word;
  return close;
}

/**
 * A chat filler word mistyped (`actualy`, `basicaly`, `realy`), read as the filler meant: a slip English
 * does not know, one letter from a filler word of six letters or more (shorter ones have names for
 * neighbours: `mike`, `linda`).
 */
function normaliseFillerWord(word: string): string {
  if (word.length < 5 || CHAT_FILLER.has(word) || STOP_WORDS.has(word)) return word;
  const close = SLIPPABLE_FILLER_WORDS.find((filler) => editDistanceOne(filler, word));
  return close === undefined || posTags(word).length > 0 ? word : close;
}

/** Function words long enough that one slip from them is not another word (`befor`, `thier`, `shoud`). */
const SLIPPABLE_FUNCTION_WORDS = [...STOP_WORDS].filter((word) => word.length >= 5);

/**
 * Whether a word may be a function word mistyped (`befor`, `thier`, `becuase`): a slip English does not
 * know, one letter or one swap of neighbours from a function word of five letters or more. Such a word is
 * not required of an answer unless the articles have it (see `resolveTerms`).
 */
function isFunctionWordSlip(word: string): boolean {
  // The lexicon lists no number words (`three` is a swap from `there`, `eight` a letter from `might`).
  if (word.length < 4 || STOP_WORDS.has(word) || CHAT_FILLER.has(word) || isNumeric(word)) return false;
  const close = SLIPPABLE_FUNCTION_WORDS.some(
    (meant) => editDistanceOne(meant, word) || swapsNeighbours(meant, word),
  );
  return close && posTags(word).length === 0;
}

/** True when two words of one length differ by two neighbouring letters swapped (`thier`, `their`). */
function swapsNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Chat shorthand students type (`how many ppl died`, `find out abt it`), read as the word meant: a content
 * word is then searched, and a function word (`abt`, `thru`) ignored like the word itself instead of
 * counting as a question word the articles lack. `bc` is left as typed, as it also writes a year. Written
 * abbreviations that articles use too (`hrs`, `govt`) are read in every text (`ABBREVIATED_WORDS` in text/terms.ts).
 */
const SHORTHAND: Readonly<Record<string, string>> = {
  ppl: "people",
  info: "information",
  abt: "about",
  whos: "who",
  thru: "through",
  tho: "though",
  cuz: "because",
  coz: "because",
  bcuz: "because",
  b4: "before",
  u: "you",
  ur: "your",
  wht: "what",
  temp: "temperature",
  temps: "temperatures",
  gov: "government",
  uni: "university",
  bday: "birthday",
  diff: "difference",
  pls: "please",
  plz: "please",
  rly: "really",
  smth: "something",
  sth: "something",
};

/**
 * What people add to a question in a chat without asking anything by it: hedges and intensifiers
 * (`when did it start exactly`, `what actually happened`), greetings and asides (`ok so`, `tbh`,
 * `i forgot`). General English, read as function words: weighed as a content word the articles lack,
 * one of them outweighs every name the question holds. Capitalised after the first word, it is a name
 * (`the Curious`), never filler.
 */
const CHAT_FILLER: ReadonlySet<string> = new Set(
  `actually exactly basically really precisely literally honestly seriously totally definitely probably
  exact approximate anyway anyways quick quickly kinda sorta hey hi hello ok okay um uh hmm lol idk tbh btw
  thanks thx guys anybody someone somebody anyone wondering curious forgot forget remind like actual already
  wanna gonna lmao lmfao rofl whatever smth sth`.split(/\s+/u),
);

/** Filler words long enough that one letter from them is not a name (`actualy`, but not `mike` for `like`). */
const SLIPPABLE_FILLER_WORDS = [...CHAT_FILLER].filter((word) => word.length >= 6);

/**
 * Interjections a chat question opens with (`wait why did …`, `oh so how …`, `yo who was …`). Only as the
 * opening, before a question word, an auxiliary or `so`: elsewhere `wait` is a verb (`how long did they
 * wait`).
 */
const OPENING_INTERJECTIONS: ReadonlySet<string> = new Set(["wait", "oh", "ah", "yo", "omg", "bruh"]);

/** Words joining a chat question to what came before (`ok so …`, `and when …`). */
const OPENING_CONNECTIVES: ReadonlySet<string> = new Set(["so", "and", "but", "then"]);

/**
 * The question without the chat around it: the filler and interjections it opens with (`ok so wait why
 * …`, `yo who …`) and the filler it closes with (`… take lol`), so that a pattern reading the question's
 * first or last words (`how long did it take`) reads the question's own.
 */
function withoutChatAround(words: readonly Word[]): Word[] {
  // A capital past the first word marks a name (`the Curious`), as in `questionTerms`; `like` closes a
  // question that asks something (`what was it like`).
  const isFiller = (word: Word) =>
    CHAT_FILLER.has(word.norm) &&
    word.norm !== "like" &&
    (word === words[0] || !/^\p{Lu}/u.test(word.surface));
  let start = 0;
  for (; start < words.length; start++) {
    const word = words[start] as Word;
    const next = words[start + 1]?.norm ?? "";
    const opens =
      OPENING_INTERJECTIONS.has(word.norm) &&
      (WH_WORDS.includes(next) || AUXILIARIES.has(next) || STOP_WORDS.has(next));
    const connects = OPENING_CONNECTIVES.has(word.norm) && start + 1 < words.length;
    if (!opens && !connects && !isFiller(word)) break;
  }
  let end = words.length;
  while (end > start && isFiller(words[end - 1] as Word)) end--;
  return words.slice(start, end);
}

/**
 * A negating word, in any case (`Not until 1950`, `no one`, `didn't`). Chat's `didnt` is not one: `y didnt the
 * lord mayor want to pull houses down` asks a reason its answer need not deny (docs/engine.md).
 */
const NEGATION = /\b(?:not|never|no|without|neither|nor)\b|n['’]t\b/iu;

/** A number's abbreviation (`School No. 2`, `no 5`), which negates nothing. */
const NUMBER_ABBREVIATION = /\bnos?\.?\s*(?=\d)/giu;

/** Whether a question or a sentence is negated: an answer to a negated question must be negated too. */
export function isNegated(text: string): boolean {
  return NEGATION.test(text.replace(NUMBER_ABBREVIATION, ""));
}

/**
 * A question up to its first subordinate clause (`what did they spray it with so the wood wouldnt crack`):
 * a negation there says why the asker asks, not what the answer must deny.
 */
function mainClause(question: string): string {
  // `so` may be an intensifier (`so called`, `so many`); before a clause's subject (`so the wood`, `so it`), or
  // after a comma, it gives a purpose or a consequence.
  return question.replace(
    /(?:,\s*so|\s+so(?= (?:that|the|it|they|he|she|we|you|i|there|this|its|their|his|her)\s)|\s+(?:because|since|although|though|unless|in order to))\s.*$/isu,
    "",
  );
}

/** True when two words differ by at most one insertion, deletion or substitution. */
function editDistanceOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Patterns asking what something means; group 1 is the thing defined. */
const DEFINITION_PATTERNS: readonly RegExp[] = [
  /^what (?:does|do|did) (.+?) (?:mean|stand for)(?: in english)?$/u,
  /^what is (?:the )?meaning of (.+)$/u,
  /^(?:meaning|definition|translation) of (.+)$/u,
  /^what (?:is|are) (?:another|the other|other) names? (?:for|of) (.+)$/u,
  /^what (?:else )?is (.+?) (?:also )?(?:called|known as)$/u,
  /^(.+?) (?:meaning|definition|translation|stands for)$/u,
  /^what (?:is|are|was|were) (?:a |an |the )?(.+)$/u,
  // "who is Rehman Malik" asks for a description; "who was the first imam" asks for a person.
  /^who (?:is|are|was|were) (?!the |a |an )(.+)$/u,
];

function matchDefinition(text: string): string | null {
  for (const pattern of DEFINITION_PATTERNS) {
    const match = pattern.exec(text);
    const focus = match?.[1];
    // "what is the capital of france", "who was abdullah close to" and "what were the students
    // barricaded inside" are not definitions: the thing defined is a short noun phrase.
    if (
      focus !== undefined &&
      splitWords(focus).length <= 4 &&
      !/\b(?:of|in|for|from|to|with|by|at|on|inside|about)\b/u.test(focus) &&
      !/\b\p{L}+(?:ed|ing)\b/u.test(focus)
    ) {
      return focus;
    }
  }
  return null;
}

/**
 * Links pasted with a question (`https://en.wikipedia.org/wiki/… when was it built`): their pieces are no
 * words of it, and words the articles lack would count against every sentence.
 */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

/** `ww1`, `WWII`: the world wars as chat writes them, spelled out as articles do. */
const WORLD_WAR = /\bww ?(?:(1|i|one)|(2|ii|two))\b/giu;

/** Chat's slashed shorthand (`w/o plates`, `w/ earth's oceans`, `b/c of the war`), which splits into letters. */
const SLASHED_SHORTHAND: ReadonlyArray<[RegExp, string]> = [
  [/\bw\/o\b/giu, "without"],
  [/\bw\/(?=\s|$)/giu, "with"],
  [/\bb\/c\b/giu, "because"],
  // Not shorthand but the same kind of rewrite: `how come` asks why.
  [/\bhow come\b/giu, "why"],
];

/**
 * True when `how long` is followed by a form of `be` and the question ends on a participle (`how long were
 * they trapped`, `was it closed for`, `is it being built`): a state that lasts, not a thing that has a length.
 */
function endsInState(norms: readonly string[], beAt: number): boolean {
  const last = (norms.at(-1) === "for" ? norms.at(-2) : norms.at(-1)) ?? "";
  if (!BE_FORMS.has(norms[beAt] ?? "") || norms.length < beAt + 3) return false;
  const tags = posTags(last);
  return tags.some((tag) => tag.startsWith("VBN")) || tags[0] === "VBG";
}

/** What `how many` or `how much` counts (`how many toads` → `toad`), as a stem; null if it names nothing. */
function countedStem(text: string): string | null {
  const noun = /\bhow (?:many|much) (\S+)/u.exec(text)?.[1];
  return noun === undefined || !isContentWord(noun) ? null : stem(noun);
}

/** Classifies a question and extracts the terms its answer must contain. */
export function analyzeQuestion(question: string, thesaurus: Thesaurus = curatedThesaurus): AnalyzedQuestion {
  const spelled = SLASHED_SHORTHAND.reduce(
    (text, [shorthand, meant]) => text.replace(shorthand, meant),
    question.replace(LINK, " "),
  ).replace(WORLD_WAR, (_, first) => (first === undefined ? "Second World War" : "First World War"));
  const written = splitWords(spelled);
  const words = withoutChatAround(
    splitWords(spelled.toLowerCase()).map((word, i) => {
      const surface = written[i]?.surface ?? word.surface;
      const norm = SHORTHAND[word.norm] ?? normaliseWhWord(word.norm);
      // A capitalised word is a name, however close to a filler word.
      return {
        ...word,
        norm: /^\p{Lu}/u.test(surface) ? norm : normaliseFillerWord(norm),
        surface,
      };
    }),
  );
  const norms = words.map((word) => word.norm);
  const text = norms.join(" ");
  // The question word may come after a leading clause ("after their father was killed who took over …").
  const whAt = norms.findIndex(
    (norm, i) => WH_WORDS.includes(norm) && (i === 0 || norm !== "which" || i < 3),
  );
  const at = Math.max(0, whAt);
  const wh = norms[at] ?? "";
  const next = norms[at + 1] ?? "";
  let type: AnswerType = "other";
  let measure: MeasureKind | null = null;
  let agentVerb: string | null = null;
  let typeNounPositions: number[] = [];
  const skippedPositions: number[] = [];

  // "who were Abdullah's sons" asks for people, not for what "Abdullah's sons" means.
  const definitionFocus = /['’]s\b/u.test(question) ? null : matchDefinition(text);
  const kindMatch = /^(?:what|which) (kind|type|sort|form) of (\S+)/u.exec(text);
  let kindOf: string | null = null;
  if (kindMatch !== null) {
    type = "kind";
    kindOf = stem(kindMatch[2] as string);
    typeNounPositions = [at + 1, at + 3];
  } else if (/\bname of\b|\bwhat (?:is|was|are|were) .+ (?:called|named)$/u.test(text)) {
    type = "name-of";
  } else if (wh === "when" || ((wh === "what" || wh === "which") && DATE_NOUNS.has(next))) {
    type = "date";
    if (wh !== "when") typeNounPositions = [at + 1];
  } else if (wh === "how" && next === "much" && norms[at + 2] === "time") {
    // `how much time did he spend there`: a duration (`only 172 days`), not a count.
    type = "measure";
    measure = "duration";
    skippedPositions.push(at + 2);
  } else if (wh === "how" && next === "much" && MONEY_WORDS.test(text)) {
    // `how much did it cost`, `how much was he paid`: an amount of money, which a sentence gives with its
    // currency (`£130 million`, `ten guineas`); any other number there answers something else.
    type = "measure";
    measure = "money";
  } else if (wh === "how" && next === "much" && /\bweigh(?:s|ed|t)?\b/u.test(text)) {
    // `how much does it weigh`: a mass, given with its unit (`a six-tonne block`).
    type = "measure";
    measure = "mass";
  } else if (wh === "how" && (next === "many" || next === "much")) {
    type = "count";
  } else if (wh === "how" && HOW_MEASURES[next] !== undefined) {
    type = "measure";
    measure = HOW_MEASURES[next].measure;
    // `how long did it take`, `for how long did …`, `how long were people stuck`: a time, not a length
    // (`how long is the bridge`).
    if (
      next === "long" &&
      (DURATION_AUXILIARIES.has(norms[at + 2] ?? "") || norms[at - 1] === "for" || endsInState(norms, at + 2))
    )
      measure = "duration";
    // `how big`, `how tall`: the adjective asks for the measure; it is not a word of the answer.
    skippedPositions.push(at + 1);
    // `how long did the siege last/take`: the closing verb belongs to the question too.
    if (next === "long" && /^(?:last|take)$/u.test(norms.at(-1) ?? ""))
      skippedPositions.push(norms.length - 1);
  } else if (definitionFocus !== null) {
    type = "definition";
  } else if (wh === "who" || wh === "whom" || wh === "whose") {
    type = "person";
    if (wh === "who" && !AUXILIARIES.has(next) && isContentWord(next)) agentVerb = stem(next);
    if (wh === "whose") typeNounPositions = typeNounSpan(norms, at + 1);
  } else if (wh === "where") {
    type = "place";
  } else if (wh === "why") {
    type = "reason";
  } else if (wh === "how") {
    type = "manner";
  } else if (
    /^what (?:is|was|are|were) the (?:area|size|height|length|width|depth|elevation|population) of\b/u.test(
      text,
    )
  ) {
    // "what is the area of X" asks for a measure, like "how big is X".
    type = "measure";
    measure = /area|size/u.test(text) ? "area" : /population/u.test(text) ? "any" : "length";
    typeNounPositions = [at + 3];
  } else if (wh === "what" && AUXILIARIES.has(next)) {
    // "what did X say", "what were they charged with": an action or object, not a name.
    type = "other";
  } else if (wh === "which" || wh === "what") {
    // `which city …`, `what road …`: the noun names the answer type.
    const span = at === 0 ? typeNounSpan(norms, at + 1) : [];
    const nouns = span.map((i) => norms[i] ?? "");
    if (nouns.some((noun) => PERSON_NOUNS.has(noun))) type = "person";
    else if (nouns.some((noun) => PLACE_NOUNS.has(noun))) type = "place";
    else if (QUANTITY_NOUNS.has(nouns[0] ?? "")) type = "count";
    else type = "name";
    // A category (`which city`, `what animals`) only names the answer's type; a topical noun (`what relics`,
    // `what library`) is what the answer sentence talks about, so it stays a term to find.
    typeNounPositions = nouns.some(isCategoryNoun) ? span : [];
  } else if (AUXILIARIES.has(wh) && norms.length > 2) {
    type = "yes-no";
  } else if (norms.some((norm) => DATE_NOUNS.has(norm) && norm !== "time")) {
    // Keyword questions: "lal masjid storming date".
    type = "date";
    typeNounPositions = norms.flatMap((norm, i) => (DATE_NOUNS.has(norm) ? [i] : []));
  } else if (norms.includes("height") || norms.includes("elevation")) {
    type = "measure";
    measure = "length";
  }
  if (
    type !== "count" &&
    measure !== "money" &&
    measure !== "mass" &&
    measure !== "duration" &&
    /\bhow (?:many|much)\b/u.test(text)
  )
    type = "count";
  // `what does the map show`: the closing verb asks what a picture holds, as `mean` asks what a word does;
  // the answer says what is shown, seldom that it shows it.
  if (wh === "what" && AUXILIARIES.has(next) && PICTURE_VERBS.has(norms.at(-1) ?? "") && norms.length > 3)
    skippedPositions.push(norms.length - 1);
  // A keyword question ending in a category (`badshahi mosque building material`) names the answer's type.
  const last = norms.length - 1;
  if (whAt < 0 && last > 0 && CATEGORY_NOUNS.has(norms[last] ?? "")) typeNounPositions.push(last);

  const mainNegated = isNegated(mainClause(question));
  const focusWords =
    definitionFocus === null ? null : new Set(splitWords(definitionFocus).map((w) => w.norm));
  return {
    text,
    type,
    measure,
    terms: [
      ...questionTerms(
        words.filter((_, i) => !skippedPositions.includes(i)),
        typeNounPositions.map((i) => i - skippedPositions.filter((skipped) => skipped < i).length),
        focusWords,
        thesaurus,
      ),
      ...(type === "measure" && wh === "how" && measure !== "duration"
        ? (HOW_MEASURES[next]?.hints ?? [])
        : []
      ).map((norm) => hintTerm(norm, norms.length)),
      // `why is it called X`: the answer tells where the name comes from (`… where the name X came from`).
      ...(type === "reason" && /\b(?:called|named)\b/u.test(text) ? [hintTerm("name", norms.length)] : []),
    ],
    agentVerb,
    definitionFocus: focusWords === null ? [] : [...focusWords].filter(isContentWord).map(stem),
    kindOf,
    counted: type === "count" ? countedStem(text) : null,
    whPosition: whAt < 0 ? null : whAt,
    negated: mainNegated,
    negatedAside: !mainNegated && isNegated(question),
  };
}

/** `1970s`, `70s` and `'70s` split as a year and an `s`: a decade. */
function isDecade(word: Word, next: Word | undefined): boolean {
  return /^(?:\d0|\d{3}0)$/u.test(word.norm) && next?.norm === "s" && next.start === word.end;
}

/**
 * Content terms of the question. In a definition only the thing defined counts; question words,
 * auxiliaries and stop words never count. Consecutive words that form a known phrase
 * (`prayer leader`) count as one term so its synonyms (`imam`) can match.
 */
function questionTerms(
  words: Word[],
  typeNounPositions: number[],
  focusWords: Set<string> | null,
  thesaurus: Thesaurus,
): QuestionTerm[] {
  // A capital after the first word marks a name (`the Curious`), which is never filler.
  const capitalisedInside = (word: Word) => word !== words[0] && /^\p{Lu}/u.test(word.surface);
  const counts = (word: Word) =>
    !WH_WORDS.includes(word.norm) &&
    (focusWords === null || focusWords.has(word.norm)) &&
    isContentWord(word.norm) &&
    !(CHAT_FILLER.has(word.norm) && !capitalisedInside(word)) &&
    !AUXILIARIES.has(word.norm);
  const terms: QuestionTerm[] = [];
  for (let position = 0; position < words.length; position++) {
    const word = words[position] as Word;
    if (!counts(word)) continue;
    let phraseLength = 1;
    for (let length = thesaurus.longestPhrase; length >= 2 && phraseLength === 1; length--) {
      // A phrase may hold function words after its first word (`go off`, `stand for`).
      const slice = words.slice(position, position + length);
      if (
        slice.length < length ||
        (!counts(slice.at(-1) as Word) && !STOP_WORDS.has((slice.at(-1) as Word).norm))
      )
        continue;
      if (thesaurus.synonymsOf(slice.map((w) => stem(w.norm)).join(" ")).length > 0) phraseLength = length;
    }
    const slice = words.slice(position, position + phraseLength);
    terms.push({
      norm: slice.map((w) => w.norm).join(" "),
      key: slice.map((w) => stem(w.norm)).join(" "),
      typeNoun:
        typeNounPositions.includes(position) || (GENERIC_NOUNS.has(word.norm) && !capitalisedInside(word)),
      verbLike: phraseLength === 1 && (COMMON_VERBS.has(word.norm) || /[^e]ed$|ing$/u.test(word.norm)),
      lightVerb: phraseLength === 1 && (LIGHT_VERBS.has(word.norm) || LIGHT_PREPOSITIONS.has(word.norm)),
      position,
      capitalised: capitalisedInside(word),
      functionSlip: phraseLength === 1 && !/^\p{Lu}/u.test(word.surface) && isFunctionWordSlip(word.norm),
      decade: phraseLength === 1 && isDecade(word, words[position + 1]),
    });
    position += phraseLength - 1;
  }
  return terms;
}
