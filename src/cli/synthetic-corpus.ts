import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SENTENCE_OPENERS } from "../core/ingest/word-lists.ts";
import { isCommonWord } from "../core/text/lexicon.ts";

/**
 * A generator of Wikipedia-style articles in the "stripped" corpus format, for benchmarking at a
 * size the real corpus does not reach. Everything comes from a seeded generator, so the same seed
 * gives byte-identical files on every machine.
 *
 * Non-goals: realism of content (names are made of syllables, facts are invented) and coverage of
 * every quirk of the format. Sentences open with words the stripped parser knows can start a
 * sentence (`The`, `It`, `In`, `On`…), so the recovered sentences are the ones written here.
 */

/** What to generate. */
export interface SyntheticCorpusOptions {
  /** Number of articles. */
  articles: number;
  /** Seed of the pseudo-random generator; the same seed gives the same articles. */
  seed: number;
}

export const defaultSyntheticCorpusOptions: SyntheticCorpusOptions = { articles: 2000, seed: 42 };

/** A question one article answers, with the short answer its text states. */
export interface SyntheticFact {
  question: string;
  answer: string;
}

/** One generated article: its file name and text, and the facts it states. */
export interface SyntheticArticle {
  file: string;
  text: string;
  /** The subject of the lead sentence, which ingestion takes as the title. */
  title: string;
  /** Section headings in order (the lead has none). */
  headings: string[];
  /** Body sentences written, captions not counted. */
  sentenceCount: number;
  facts: SyntheticFact[];
}

/** mulberry32: a small, fast 32-bit generator, plenty for picking words. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random choices over one seeded stream. */
class Chooser {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** A list written as one string, items separated by commas (`"red sandstone, limestone"`). */
const list = (items: string): readonly string[] => items.split(",").map((item) => item.trim());

/** Syllables of invented names; all start with a consonant so names rarely spell an English word. */
const ONSETS = list("b, d, f, g, h, k, l, m, n, p, r, s, t, v, z, sh, kh, br, dr, tr");
const VOWELS = list("a, e, i, o, u, a, e, i, o, u, ai, ou");
/** Five empty codas: most syllables end in a vowel. */
const CODAS = list(",,,,, n, r, l, m, sh, z");

/**
 * A capitalised word of two syllables, sometimes three (`Velkupai`, `Shogair`). Syllables that
 * happen to spell an English word are drawn again: after a name, a common word (`Dune`) reads as a
 * heading to the parser and a sentence opener (`Five`) as a new sentence, which is right for real
 * text but not what this generator means.
 */
function inventedWord(choose: Chooser): string {
  for (;;) {
    let word = "";
    for (let n = choose.chance(0.25) ? 3 : 2; n > 0; n--) {
      word += choose.pick(ONSETS) + choose.pick(VOWELS) + choose.pick(CODAS);
    }
    const capitalised = capitalise(word);
    if (!isCommonWord(capitalised) && !SENTENCE_OPENERS.has(word)) return capitalised;
  }
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `a` or `an` before a word. */
const withArticle = (word: string) => `${/^[aeiou]/u.test(word) ? "an" : "a"} ${word}`;

/** A kind of place the articles describe, with the words its sentences need. */
interface PlaceKind {
  noun: string;
  plural: string;
  /** Who the place holds (`worshippers`) and where (`prayer hall`). */
  people: string;
  hall: string;
}

const KINDS: readonly PlaceKind[] = [
  ["mosque", "mosques", "worshippers", "prayer hall"],
  ["museum", "museums", "visitors", "main gallery"],
  ["library", "libraries", "readers", "reading room"],
  ["university", "universities", "students", "assembly hall"],
  ["fort", "forts", "soldiers", "inner court"],
  ["palace", "palaces", "guests", "audience hall"],
  ["stadium", "stadiums", "spectators", "main stand"],
  ["temple", "temples", "pilgrims", "sanctuary"],
  ["cathedral", "cathedrals", "worshippers", "nave"],
  ["theatre", "theatres", "spectators", "auditorium"],
  ["observatory", "observatories", "visitors", "dome room"],
  ["hospital", "hospitals", "patients", "main ward"],
].map(([noun, plural, people, hall]) => ({ noun, plural, people, hall }) as PlaceKind);

const COLOURS = list("Red, White, Blue, Green, Golden, Black, Silver, Yellow");
const GLOSS_NOUNS = list("House, Gate, Garden, Tower, Hall, Dome, Court, Star, River, Crown");
const SUPERLATIVES = list("oldest, largest, best known, most visited, tallest, busiest");
const FEATURES = list("walls, domes, gates, towers, roof tiles, windows");
/** Titles after which the parser expects a name, as an article would write them. */
const ROLES = list("governor, emperor, general, poet, prince, scholar, minister, bishop");
const RELATIVES = list("son, daughter, nephew, brother");
const BODIES = list("Authority, Trust, Council, Foundation, Board, Society");
const STYLES = list("Baroque, Gothic, Mughal, Moorish, Neoclassical, Byzantine, Modernist, Romanesque");
const MATERIALS = list(
  "red sandstone, white marble, grey granite, fired brick, limestone, timber, concrete, basalt",
);
const TOWERS = list("minaret, clock tower, bell tower, watchtower, turret, spire");
const DECORATIONS = list(
  "carved stucco, fresco work, painted tiles, marble inlay, gilded panels, mosaic work",
);
const PATTERNS = list("floral, geometric, calligraphic, spiral, leafy, starry");
const DISASTERS = list("fire, flood, storm, earthquake, landslide, lightning strike");
const DAMAGED_PARTS = list("roof, eastern wing, western wing, main gate, north tower, archive, courtyard");
const EVENTS = list("music festival, book fair, craft market, lecture series, film festival, spring fair");
const MONTHS = list(
  "January, February, March, April, May, June, July, August, September, October, November, December",
);
const DIRECTIONS = list("northern, southern, eastern, western");
const POINTS = list("east, west, north, south");
const ADJECTIVES = list(
  "narrow, wide, ancient, shaded, restored, painted, carved, quiet, crowded, vaulted, sunken, terraced, ornate, modest, hidden, lofty, circular, square, octagonal, arched",
);
const NOUNS = list(
  "courtyard, garden, fountain, staircase, gallery, archway, library, cellar, terrace, pavilion, cloister, balcony, reservoir, orchard, chapel, workshop, archive, portico, bazaar, well",
);
const GROUPS = list("craftsmen, merchants, families, monks, artisans, volunteers, engineers, farmers");
const SEASONS = list("summer, winter, spring, autumn, monsoon, harvest");
const PARTICIPLES = list("rebuilt, painted, enlarged, repaired, decorated, paved, widened");
const HEADINGS_HISTORY = list("History, Background, Origins");
const HEADINGS_BUILDING = list("Architecture, Design, Layout, Structure");
const HEADINGS_REPAIR = list("Restoration, Construction, Legacy");
const HEADINGS_TODAY = list("Present day, Activities, Tourism, Significance");

/** Numbers are written as the format writes them: digit groups spaced out (`12 , 000`). */
function spacedNumber(n: number): string {
  return n.toLocaleString("en-US").replaceAll(",", " , ");
}

/** The same number as it reads after ingestion (`12,000`), used in answers. */
function readableNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** The people and numbers one article is about, drawn up front so sentences agree with each other. */
interface ArticleFacts {
  name: string;
  kind: PlaceKind;
  gloss: string;
  city: string;
  region: string;
  builtYear: number;
  founder: string;
  architect: string;
  capacity: number;
  restoredFrom: number;
  restoredTo: number;
  visitors: number;
  director: string;
}

/** One body sentence, and the fact it states if a question can be built from it. */
interface Written {
  text: string;
  fact?: SyntheticFact;
}

/** Writes the articles of one corpus from one random stream; no article name repeats. */
class ArticleWriter {
  private readonly usedNames = new Set<string>();

  constructor(private readonly choose: Chooser) {}

  /** An invented name not used before in this corpus. */
  uniqueName(make: () => string): string {
    for (;;) {
      const name = make();
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  person(): string {
    return `${inventedWord(this.choose)} ${inventedWord(this.choose)}`;
  }

  date(year: number): string {
    return `${this.choose.pick(MONTHS)} ${this.choose.int(1, 28)} , ${year}`;
  }

  facts(): ArticleFacts {
    const c = this.choose;
    const kind = c.pick(KINDS);
    const name = this.uniqueName(() =>
      c.chance(0.6) ? `${inventedWord(c)} ${inventedWord(c)}` : `${inventedWord(c)} ${capitalise(kind.noun)}`,
    );
    const builtYear = c.int(1650, 1960);
    const restoredFrom = c.int(builtYear + 20, 2010);
    return {
      name,
      kind,
      gloss: `${c.pick(COLOURS)} ${c.pick(GLOSS_NOUNS)}`,
      city: inventedWord(c),
      region: inventedWord(c),
      builtYear,
      founder: this.person(),
      architect: this.person(),
      capacity: c.int(2, 90) * 1000,
      restoredFrom,
      restoredTo: restoredFrom + c.int(1, 9),
      visitors: c.int(10, 900) * 1000,
      director: this.person(),
    };
  }

  lead(f: ArticleFacts): Written[] {
    const c = this.choose;
    const sentences: Written[] = [
      {
        text: `The ${f.name} \\( translated ${f.gloss} \\) is ${withArticle(f.kind.noun)} located in ${f.city} , the capital of ${f.region}`,
        fact: { question: `which city is ${f.name} in`, answer: f.city },
      },
      {
        text: `It is one of the ${c.pick(SUPERLATIVES)} ${f.kind.plural} in ${f.region} and stands on ${inventedWord(c)} Road , close to the ${inventedWord(c)} market`,
      },
    ];
    if (c.chance(0.5)) {
      const body = `${inventedWord(c)} ${c.pick(BODIES)}`;
      const acronym = body
        .split(" ")
        .map((word) => word.charAt(0))
        .join("");
      sentences.push({ text: `The ${f.kind.noun} is run by the ${body} \\( ${acronym} \\) of ${f.region}` });
    }
    return sentences;
  }

  history(f: ArticleFacts): Written[] {
    const c = this.choose;
    const warStart = c.int(f.builtYear + 5, 1990);
    return [
      {
        text: `It was built in ${f.builtYear} and is named for its ${c.pick(COLOURS).toLowerCase()} ${c.pick(FEATURES)}`,
        fact: { question: `when was ${f.name} built`, answer: String(f.builtYear) },
      },
      {
        text: `The ${f.kind.noun} was founded by the ${c.pick(ROLES)} ${f.founder} , who had come to ${f.city} from ${inventedWord(c)} in ${f.builtYear - c.int(1, 6)}`,
        fact: { question: `Who founded the ${f.name}?`, answer: f.founder },
      },
      {
        text: `After ${f.founder.split(" ")[1]} died in ${c.int(f.builtYear + 3, f.builtYear + 40)} , the ${f.kind.noun} passed to his ${c.pick(RELATIVES)} ${this.person()} , who enlarged its ${c.pick(NOUNS)}`,
      },
      {
        text: `During the ${inventedWord(c)} War \\( ${warStart} ${warStart + c.int(1, 8)} \\) , the ${f.kind.noun} served as a shelter for ${c.pick(GROUPS)} from the ${c.pick(DIRECTIONS)} districts`,
      },
    ];
  }

  building(f: ArticleFacts): Written[] {
    const c = this.choose;
    return [
      {
        text: `The building was designed by the architect ${f.architect} in the ${c.pick(STYLES)} style`,
        fact: { question: `who designed ${f.name.toLowerCase()}`, answer: f.architect },
      },
      {
        text: `Its ${f.kind.hall} is made of ${c.pick(MATERIALS)} and can hold about ${spacedNumber(f.capacity)} ${f.kind.people}`,
        fact: {
          question: `How many ${f.kind.people} can the ${f.kind.hall} of ${f.name} hold?`,
          answer: readableNumber(f.capacity),
        },
      },
      {
        text: `A ${c.pick(TOWERS)} rises at each of the ${c.pick(["two", "three", "four", "six"])} corners of the ${c.pick(NOUNS)}`,
      },
      {
        text: `The interior is decorated with ${c.pick(DECORATIONS)} in ${c.pick(PATTERNS)} patterns typical of the region`,
      },
    ];
  }

  repair(f: ArticleFacts): Written[] {
    const c = this.choose;
    const disaster = c.pick(DISASTERS);
    const damagedYear = f.restoredFrom - c.int(1, 5);
    return [
      {
        text: `On ${this.date(damagedYear)} , ${withArticle(disaster)} damaged the ${c.pick(DAMAGED_PARTS)} of the ${f.kind.noun}`,
        fact: {
          question: `when did ${withArticle(disaster)} damage the ${f.name}`,
          answer: String(damagedYear),
        },
      },
      {
        text: `The restoration began in ${f.restoredFrom} and was completed in ${f.restoredTo} at a cost of about ${c.int(2, 90)} million rupees`,
        fact: { question: `when was the restoration of ${f.name} completed`, answer: String(f.restoredTo) },
      },
      {
        text: `The work was supervised by the engineer ${this.person()} of the Heritage Trust of ${f.region}`,
      },
    ];
  }

  today(f: ArticleFacts): Written[] {
    const c = this.choose;
    return [
      {
        text: `Today the ${f.kind.noun} receives about ${spacedNumber(f.visitors)} visitors each year`,
        fact: {
          question: `how many visitors does ${f.name} get every year`,
          answer: readableNumber(f.visitors),
        },
      },
      {
        text: `The current director of the ${f.kind.noun} is ${f.director}`,
        fact: { question: `who is the director of ${f.name}`, answer: f.director },
      },
      {
        text: `Since ${c.int(1950, 2015)} , the ${f.kind.noun} has hosted an annual ${c.pick(EVENTS)} in ${c.pick(MONTHS)}`,
      },
    ];
  }

  /** A sentence with varied vocabulary and no fact, to reach the article's length. */
  filler(f: ArticleFacts): Written {
    const c = this.choose;
    const templates = [
      () =>
        `The ${c.pick(ADJECTIVES)} ${c.pick(NOUNS)} of the ${f.kind.noun} draws ${c.pick(GROUPS)} from across ${f.region}`,
      () => `Many ${f.kind.people} come to see the ${c.pick(NOUNS)} during the ${c.pick(SEASONS)} months`,
      () =>
        `In ${c.int(f.builtYear, 2020)} , ${withArticle(c.pick(ADJECTIVES))} ${c.pick(NOUNS)} was added beside the ${c.pick(NOUNS)}`,
      () =>
        `Its ${c.pick(NOUNS)} was ${c.pick(PARTICIPLES)} by local ${c.pick(GROUPS)} in ${c.int(f.builtYear, 2020)}`,
      () =>
        `According to ${inventedWord(c)} records , the ${c.pick(NOUNS)} of the ${f.kind.noun} is among the oldest in ${f.city}`,
      () =>
        `There are ${c.int(3, 40)} ${c.pick(ADJECTIVES)} rooms around the ${c.pick(NOUNS)} , each ${c.pick(PARTICIPLES)} with ${c.pick(MATERIALS)}`,
      () =>
        `The ${c.pick(NOUNS)} near the ${c.pick(NOUNS)} was ${c.pick(PARTICIPLES)} after complaints from ${c.pick(GROUPS)} in ${f.city}`,
      () =>
        `Several ${c.pick(GROUPS)} still work in the ${c.pick(ADJECTIVES)} ${c.pick(NOUNS)} behind the main building`,
    ];
    return { text: c.pick(templates)() };
  }

  caption(f: ArticleFacts): string {
    const c = this.choose;
    return `thumb 250px The ${f.kind.hall} of the ${f.name} seen from the ${c.pick(POINTS)} ${c.pick(NOUNS)}`;
  }
}

const wordsIn = (text: string) => text.split(" ").length;

function generateArticle(writer: ArticleWriter, choose: Chooser): SyntheticArticle {
  const f = writer.facts();
  const sections: Array<{ heading: string | null; caption: string | null; sentences: Written[] }> = [
    { heading: null, caption: null, sentences: writer.lead(f) },
    { heading: choose.pick(HEADINGS_HISTORY), caption: null, sentences: writer.history(f) },
    {
      heading: choose.pick(HEADINGS_BUILDING),
      caption: choose.chance(0.5) ? writer.caption(f) : null,
      sentences: writer.building(f),
    },
  ];
  if (choose.chance(0.7))
    sections.push({ heading: choose.pick(HEADINGS_REPAIR), caption: null, sentences: writer.repair(f) });
  if (choose.chance(0.7))
    sections.push({ heading: choose.pick(HEADINGS_TODAY), caption: null, sentences: writer.today(f) });

  // Keep each section's fact sentences, drop some others, then pad with fillers to the target length.
  for (const section of sections.slice(1)) {
    section.sentences = section.sentences.filter(
      (sentence) => sentence.fact !== undefined || choose.chance(0.7),
    );
  }
  const target = choose.int(240, 550);
  let words = sections.reduce((sum, s) => sum + s.sentences.reduce((n, w) => n + wordsIn(w.text), 0), 0);
  while (words < target) {
    const section = choose.pick(sections.slice(1));
    const filler = writer.filler(f);
    section.sentences.splice(choose.int(1, section.sentences.length), 0, filler);
    words += wordsIn(filler.text);
  }

  const body = sections.flatMap((section) => [
    ...(section.heading === null ? [] : [section.heading]),
    ...(section.caption === null ? [] : [section.caption]),
    ...section.sentences.map((sentence) => sentence.text),
  ]);
  const trailer = [
    `References External links ${f.name} Official`,
    `Category ${f.builtYear} establishments in ${f.region}`,
    `Category ${capitalise(f.kind.plural)} in ${f.city}`,
    `Category Buildings and structures in ${f.region}`,
  ];
  const slug = f.name.toLowerCase().replaceAll(" ", "-");
  return {
    file: `${slug}.txt`,
    text: [...body, ...trailer].join(" "),
    title: f.name,
    headings: sections.flatMap((section) => (section.heading === null ? [] : [section.heading])),
    sentenceCount: sections.reduce((sum, section) => sum + section.sentences.length, 0),
    facts: sections.flatMap((section) => section.sentences.flatMap((sentence) => sentence.fact ?? [])),
  };
}

/** Generates `articles` articles from `seed`; the same options always give the same articles. */
export function generateSyntheticCorpus(options: SyntheticCorpusOptions): SyntheticArticle[] {
  const choose = new Chooser(options.seed);
  const writer = new ArticleWriter(choose);
  return Array.from({ length: options.articles }, () => generateArticle(writer, choose));
}

/**
 * Writes the generated articles as `<name>.txt` files into `dir` (created if missing) and returns them;
 * `onWritten` hears how many of them are written so far, for a progress bar.
 */
export function writeSyntheticCorpus(
  dir: string,
  options: SyntheticCorpusOptions,
  onWritten?: (written: number, total: number) => void,
): SyntheticArticle[] {
  const articles = generateSyntheticCorpus(options);
  mkdirSync(dir, { recursive: true });
  const every = Math.max(1, Math.floor(articles.length / 200));
  articles.forEach((article, n) => {
    writeFileSync(join(dir, article.file), `${article.text}\n`);
    if ((n + 1) % every === 0 || n + 1 === articles.length) onWritten?.(n + 1, articles.length);
  });
  return articles;
}
