import { nameCandidates } from "../answer/spans.ts";
import { splitWords, type Word } from "../text/terms.ts";

/**
 * Names in article sentences and what they name: a person, a place or an organisation.
 * The rules are general English cues, never lists of one article's names: a type word at the head of
 * the name (`Lahore Fort`, `Capital Development Authority`), a title or role before it (`Maulana`,
 * `the emperor`), a place preposition (`in Lahore`), an appositive (`Aurangzeb, the sixth Mughal emperor`).
 * Names with no cue, or with cues that disagree, stay unclassified.
 */

/** What a name names. */
export type NameKind = "person" | "place" | "organisation";

/** A name found in a sentence. */
export interface NameMention {
  /** Character range in the sentence, without a leading title (`Maulana`) or a possessive `'s`. */
  start: number;
  end: number;
  text: string;
  /** Its lower-case words joined by spaces: how the same name is recognised across sentences. */
  key: string;
  /** The kind its own type word says (`Rawal Lake`), the strongest cue. */
  typed: NameKind | null;
  /** Kinds its context suggests: title, role word, place preposition, appositive. */
  hinted: NameKind[];
  /** Key of the name this one glosses in parentheses (`Red Mosque` in `Lal Masjid (translated Red Mosque)`). */
  glosses: string | null;
}

const wordSet = (words: string) => new Set(words.trim().split(/\s+/u));

/** Titles written before a person's name; they are kept out of the name itself. */
const TITLES = wordSet(`president prime minister general maulana mullah mufti sir dr mr mrs ms king queen
  emperor empress sultan sheikh shaikh imam advisor adviser senator governor colonel captain lord lady pope
  prince princess prophet chief judge mayor chancellor premier commander marshal admiral bishop caliph nawab
  raja maharaja secretary ambassador professor`);
/** Nouns naming a person's role: before a name (`the emperor Aurangzeb`) or in an appositive after it. */
const ROLES = wordSet(`emperor empress king queen leader premier president minister general governor officer
  poet philosopher writer author scholar cleric imam khateeb preacher brother brothers sister sisters son sons
  daughter daughters father mother wife husband uncle nephew founder architect engineer commander chief prophet
  ruler sultan prince princess advisor adviser spokesman journalist businessman head mullah maulana politician
  colonel judge mayor secretary singer actor painter artist historian`);
/** Type words of places: the head of a place name (`Rawal Lake`) or the noun after one (`Aabparah market`). */
const PLACE_WORDS = wordSet(`city town village province state district region country capital road street
  avenue lane highway bridge hills hill mountain mountains peak valley pass lake river canal dam sea ocean bay
  island islands desert forest plateau fort gate bagh garden gardens market bazaar park square mosque masjid
  tomb shrine mausoleum palace temple church cathedral caves cave area sector airport station stadium viewpoint
  foothills colony`);
/** Type words of organisations, at the head of the name (`Islamabad Wildlife Management Board`). */
const ORGANISATION_WORDS = wordSet(`authority league board court party madaris madrasa council committee
  commission association army navy police ministry department agency organisation organization company
  corporation bank university college school institute foundation society union federation front movement
  assembly parliament senate trust bureau tribunal academy club jamaat tehreek`);
/** Prepositions that put a name in a place. `at`, `to` and `from` are left out: `at Eid`, `a letter to Zia`. */
const PLACE_PREPOSITIONS = wordSet("in near toward towards into across within throughout outside");
/** Name-internal words (`Walled City of Lahore`, `Zia ul Haq`): neither cues nor distinguishing words. */
const CONNECTORS = wordSet("of e al ul bin ibn de la el the");
/** Words that end a name run in spans.ts's joined candidates: `Jamia Faridia to Wafaqul Madaris`. */
const SPLITTERS = wordSet("to on for");
const POSSESSIVE_DETERMINERS = wordSet("his her their its my our your");

const isCapitalised = (word: Word) => /^\p{Lu}/u.test(word.surface);
const isPossessive = (word: Word) => /['’]s$/u.test(word.surface);

const isTitle = (word: Word | undefined) =>
  word !== undefined && isCapitalised(word) && TITLES.has(word.norm);

/**
 * Word ranges of the names inside one spans.ts candidate. A run is split where spans.ts joins what are
 * separate names (`Jamia Faridia to Wafaqul Madaris`, `Ayman al Zawahiri, Al Qaeda's`, `Lahore's Muslims`,
 * `Islamabad Maulana Muhammad Abdullah`), and leading titles are cut off and remembered.
 */
function splitRun(text: string, words: readonly Word[], first: number, last: number) {
  const parts: Array<{ first: number; last: number; titled: boolean }> = [];
  let start = first;
  const close = (end: number) => {
    let from = start;
    while (from < end && !isCapitalised(words[from] as Word)) from++;
    const untitled = from;
    while (from < end && isTitle(words[from])) from++;
    let to = end;
    while (to > from && CONNECTORS.has((words[to - 1] as Word).norm)) to--;
    if (to > from) parts.push({ first: from, last: to, titled: from > untitled });
  };
  for (let i = first + 1; i < last; i++) {
    const word = words[i] as Word;
    const previous = words[i - 1] as Word;
    if (SPLITTERS.has(word.norm)) {
      close(i);
      start = i + 1;
    } else if (
      /[,;:]/u.test(text.slice(previous.end, word.start)) ||
      isPossessive(previous) ||
      (isTitle(word) && !isTitle(previous))
    ) {
      close(i);
      start = i;
    }
  }
  close(last);
  return parts;
}

/** The head of a name, given its lower-case words: the last word before any `of` (`court` in `Supreme Court of Pakistan`). */
export function nameHead(words: readonly string[]): string {
  const of = words.indexOf("of");
  return words[of > 0 ? of - 1 : words.length - 1] ?? "";
}

/** Kinds suggested by the words right before a name: a role, a place preposition, a place noun and `of`. */
function precedingHints(words: readonly Word[], first: number): NameKind[] {
  const before = words[first - 1]?.norm ?? "";
  const skipArticle = before === "the" ? 1 : 0;
  const preposition = words[first - 1 - skipArticle]?.norm ?? "";
  if (ROLES.has(before)) return ["person"];
  if (PLACE_PREPOSITIONS.has(preposition)) return ["place"];
  if (preposition === "of" && PLACE_WORDS.has(words[first - 2 - skipArticle]?.norm ?? "")) return ["place"];
  return [];
}

/** Kinds suggested by an appositive right after a name: `, the sixth Mughal emperor`, `, an old village`. */
function appositiveHints(text: string, words: readonly Word[], last: number): NameKind[] {
  const next = words[last];
  if (next === undefined || !/^\s*,\s*$/u.test(text.slice((words[last - 1] as Word).end, next.start)))
    return [];
  // An appositive is a noun phrase (`, the …`, `, President …`), not a clause (`, whose forces took the city`).
  if (!["the", "a", "an"].includes(next.norm) && !ROLES.has(next.norm)) return [];
  const hints = new Set<NameKind>();
  for (let i = last; i < last + 5 && i < words.length; i++) {
    const word = words[i] as Word;
    if (i > last && /[,;:()]/u.test(text.slice((words[i - 1] as Word).end, word.start))) break;
    if (ROLES.has(word.norm)) hints.add("person");
    if (PLACE_WORDS.has(word.norm) && !isCapitalised(word)) hints.add("place");
  }
  return [...hints];
}

/** The kind a name's own head word gives it (`Rawal Lake`); a lone type word (`the Mosque`) names nothing. */
function typedKind(words: readonly Word[], first: number, last: number): NameKind | null {
  if (last - first < 2) return null;
  const head = nameHead(words.slice(first, last).map((word) => word.norm));
  return ORGANISATION_WORDS.has(head) ? "organisation" : PLACE_WORDS.has(head) ? "place" : null;
}

/** The names of one sentence with their cues; `tags` are the sentence's word tags (`Sentence.wordTags`). */
export function findNames(text: string, tags: readonly string[]): NameMention[] {
  const words = splitWords(text);
  const mentions: NameMention[] = [];
  // The cues before the previous name, shared by a name coordinated with it (`his sons Abdul Aziz and Abdul Rashid`).
  let previous: { mention: NameMention; last: number; before: NameKind[] } | null = null;
  for (const candidate of nameCandidates(text, words, tags)) {
    for (const { first, last, titled } of splitRun(text, words, candidate.firstWord, candidate.lastWord)) {
      // A lone adjective (`Pakistani official`, `British force`) is not a name.
      if (last - first === 1 && tags[first] === "JJ") continue;
      const lastWord = words[last - 1] as Word;
      const possessive = isPossessive(lastWord);
      const start = (words[first] as Word).start;
      const end = possessive ? lastWord.end - 2 : lastWord.end;
      let before = titled ? (["person"] as NameKind[]) : precedingHints(words, first);
      // `in Zia's time` says nothing about Zia being a place.
      if (possessive) before = before.filter((kind) => kind !== "place");
      if (before.length === 0 && previous?.last === first - 1 && words[first - 1]?.norm === "and")
        before = previous.before;
      const follower = words[last];
      const placeNounAfter =
        follower !== undefined &&
        !isCapitalised(follower) &&
        PLACE_WORDS.has(follower.norm) &&
        !POSSESSIVE_DETERMINERS.has(words[first - 1]?.norm ?? "");
      const glossed =
        previous !== null &&
        /^\s*\((?:translated|literally|meaning|also known as|or|formerly)?\s*$/u.test(
          text.slice(previous.mention.end, start),
        ) &&
        /^\s*\)/u.test(text.slice(end));
      const mention: NameMention = {
        start,
        end,
        text: text.slice(start, end),
        key: nameKey(text.slice(start, end)),
        typed: typedKind(words, first, last),
        hinted: [
          ...new Set<NameKind>([
            ...before,
            ...appositiveHints(text, words, last),
            ...(placeNounAfter ? (["place"] as const) : []),
          ]),
        ],
        glosses: glossed ? (previous?.mention.key ?? null) : null,
      };
      mentions.push(mention);
      previous = { mention, last, before };
    }
  }
  return mentions;
}

/** How a name is compared: its lower-case words (`masjid mosque road` for `Masjid (mosque) Road`). */
export function nameKey(name: string): string {
  return splitWords(name)
    .map((word) => word.norm)
    .join(" ");
}

/** The words that tell one name from another: no connectors, no type words (`Faisal` of `Faisal Mosque`). */
export function distinctiveWords(key: string): string[] {
  return key
    .split(" ")
    .filter((word) => !CONNECTORS.has(word) && !PLACE_WORDS.has(word) && !ORGANISATION_WORDS.has(word));
}

/** Edit distance between two words: the fewest letters inserted, deleted or replaced to turn one into the other. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, replace);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Whether two words are spellings of one name word (`rashid` / `rasheed`, `musharaf` / `musharraf`):
 * transliterations differ in a vowel or a doubled letter, rarely in the first letter, and short words
 * differ too much with any edit (`zia` / `ziad`).
 */
export function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0]) return false;
  const shorter = Math.min(a.length, b.length);
  const allowed = shorter >= 6 ? 2 : shorter >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(a, b) <= allowed;
}

/** Whether `short`'s words appear in `long`, in order, each as a spelling of the other's. */
function appearsInOrder(short: readonly string[], long: readonly string[]): boolean {
  let from = 0;
  for (const word of short) {
    const found = long.findIndex((other, i) => i >= from && sameNameWord(word, other));
    if (found < 0) return false;
    from = found + 1;
  }
  return true;
}

/**
 * Whether two persons' names may be one person's: one is a short form of the other (`Aziz` of `Shaukat
 * Aziz`, `Abdul Rashid` of `Abdul Rasheed Ghazi`), or they share first name and surname. A shared given
 * name alone (`Abdul Aziz` / `Abdul Rashid`, brothers) is not enough: many people share one.
 */
function mayBeOnePerson(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  if (appearsInOrder(short, long)) return true;
  return (
    short.length > 1 &&
    sameNameWord(short[0] as string, long[0] as string) &&
    sameNameWord(short.at(-1) as string, long.at(-1) as string)
  );
}

/** The kinds and aliases of the names of a corpus, decided from all their mentions together. */
export class NameCatalogue {
  private readonly kinds = new Map<string, NameKind>();
  private readonly aliasesByKey = new Map<string, Set<string>>();

  constructor(mentions: Iterable<NameMention>) {
    const typed = new Map<string, Set<NameKind>>();
    const hinted = new Map<string, Set<NameKind>>();
    const add = (table: Map<string, Set<NameKind>>, key: string, kinds: Iterable<NameKind>) => {
      const set = table.get(key) ?? new Set<NameKind>();
      for (const kind of kinds) set.add(kind);
      table.set(key, set);
    };
    for (const mention of mentions) {
      add(typed, mention.key, mention.typed ? [mention.typed] : []);
      add(hinted, mention.key, mention.hinted);
      if (mention.glosses !== null) {
        this.link(mention.key, mention.glosses);
        this.link(mention.glosses, mention.key);
      }
    }
    // A type word outweighs context; disagreeing cues of the same strength leave the name unclassified.
    for (const [key, typedKinds] of typed) {
      const kinds = typedKinds.size > 0 ? typedKinds : (hinted.get(key) as Set<NameKind>);
      if (kinds.size === 1) this.kinds.set(key, [...kinds][0] as NameKind);
    }
    // A short form of known persons' names (`Aziz`, `Abdullah`) is a person too, unless a place or
    // organisation uses the same word.
    const wordsOf = (kind: NameKind) =>
      new Set([...this.kinds].filter(([, k]) => k === kind).flatMap(([key]) => distinctiveWords(key)));
    const personWords = wordsOf("person");
    const otherWords = new Set([...wordsOf("place"), ...wordsOf("organisation")]);
    for (const key of typed.keys()) {
      const words = distinctiveWords(key);
      if (
        !this.kinds.has(key) &&
        words.length > 0 &&
        words.every((word) => personWords.has(word) && !otherWords.has(word))
      )
        this.kinds.set(key, "person");
    }
  }

  private link(key: string, alias: string): void {
    const aliases = this.aliasesByKey.get(key) ?? new Set<string>();
    aliases.add(alias);
    this.aliasesByKey.set(key, aliases);
  }

  /** What the name with this key names, or null when the cues are missing or disagree. */
  kindOf(key: string): NameKind | null {
    return this.kinds.get(key) ?? null;
  }

  /** Other names of the same thing (`red mosque` for `lal masjid`). */
  aliasesOf(key: string): ReadonlySet<string> {
    return this.aliasesByKey.get(key) ?? new Set();
  }

  /**
   * Whether two names (keys) may name the same thing: one name, an alias, another spelling or a short form
   * of a person's name ({@link mayBeOnePerson}). Other names need only share a distinctive word, spelled
   * either way (`Lahore Fort` / `Walled City of Lahore`): a place's own word names that place, whereas
   * persons share given names.
   */
  mayNameSame(a: string, b: string): boolean {
    if (a === b || this.aliasesOf(a).has(b) || this.aliasesOf(b).has(a)) return true;
    const wordsA = distinctiveWords(a);
    const wordsB = distinctiveWords(b);
    if (this.kindOf(a) === "person" || this.kindOf(b) === "person") return mayBeOnePerson(wordsA, wordsB);
    return wordsA.some((word) => wordsB.some((other) => sameNameWord(word, other)));
  }
}
