import { splitWords, stem } from "./terms.ts";

/**
 * A small curated thesaurus of how people paraphrase encyclopedic text when they ask about it
 * (`biggest` for `largest`, `pupils` for `students`, `prayer leader` for `imam`).
 * Each group is a set of interchangeable words or phrases; lookups go through Porter stems.
 */
export const CURATED_GROUPS: readonly string[] = [
  "build|built|construct|construction|constructed|erect|erected|raise|complete|completed",
  "found|founded|establish|established|create|created|set up|start",
  "complete|completed|finish|finished",
  "die|died|death|dead|pass away|passed away|kill|killed|killing|casualty|casualties|fatality|fatalities|assassinate|assassinated|murder|murdered",
  "injure|injured|wound|wounded|hurt",
  "big|bigger|biggest|large|larger|largest|huge",
  "small|smaller|smallest|little",
  "tall|height|high|higher|highest|elevation|altitude",
  "old|oldest|ancient",
  "student|pupil|learner",
  "school|seminary|academy",
  "live|reside|dwell|board|lodge|inhabit",
  "adjacent|next door|neighbouring|neighboring|nearby|beside|next to",
  "near|close|proximity|vicinity",
  "official|ceremonial|formal|state",
  "mean|meaning|translate|translated|translation|literally|stand for",
  "kind|type|sort|category|categories|class",
  "website|websites|site|sites|link|links|homepage|web|online",
  "picture|image|photo|photograph|map|caption|figure|illustration",
  "cancel|canceled|cancelled|revoke|call off|scrap",
  "agreement|deal|accord|pact",
  "attack|assault|raid|storm|stormed|operation",
  "bomb|bombing|blast|explosion|explode|exploded|go off|went off",
  "country|nation",
  "city|town",
  "go|went|come|came|visit|attend",
  "area|size|cover|covers|covered",
  "animal|animals|mammal|mammals|wildlife|fauna",
  "plant|plants|tree|trees|vegetation|flora",
  "popular|frequent|frequently|frequented",
  "lookout|viewpoint|view",
  "bury|buried|burial|tomb|grave|interred",
  "remove|removal|oust|expel|dismiss|replace|replaced",
  "try|tried|attempt|attempted",
  "start|started|begin|began|commence|kick off|kicked off|break out|broke out|outbreak",
  "designer|architect|design|designed",
  "rebuild|rebuilt|reconstruct|reconstructed|restore|restored",
  "leader|head|chief",
  "supporter|supporters|follower|followers",
  "shelter|hide|protect",
  "peak|point|summit|top",
  "road|highway|route",
  "trail|trails|path|hike|hiking",
  "army|military|troops|soldiers|forces|security forces",
  "charge|charges|charged|accuse|accused|accusation|crime|crimes|offence|offences|offense|offenses|allegation",
  "aim|aimed|target|targeted|direct|directed",
  "father|mother|parent|parents|son|sons|daughter|daughters|child|children|dad|mum|mom",
  "brother|brothers|sister|sisters|sibling|siblings",
  "lie|lies|stand|stands|sit|sits|situated|located|locate|location|address",
  "call|called|name|named|term|termed",
  "media|press|outlet|outlets|channel|channels|tv|television|broadcaster|newspaper",
  "add|added|place|placed|put|include|included|inscribe|inscribed",
  "design|plan|layout",
  "copy|copied|follow|followed|model|modelled|modeled|imitate|imitated",
  "world|planet|earth|globe",
  "air|atmosphere",
  "upper|higher|top",
  "lower|bottom",
  "north|northern",
  "south|southern",
  "east|eastern",
  "west|western",
  "pray|prayer|prayers|worship|worshipper|worshippers",
  "demand|demanded|ask|asked|request|requested|propose|proposed",
  "carry out|conduct|commit|perform",
  "last|final",
  "surrender|surrendered|give up|gave up|given up|capitulate|capitulated",
  "buy|bought|purchase|purchased",
  "sell|sold|sale",
  "ship|vessel|boat",
  "doctor|physician",
  "car|automobile",
  "famous|well known|renowned|celebrated",
  "fast|quick|quickly|rapid|rapidly|speed",
  "help|helped|assist|assisted|aid|aided",
  "rich|wealthy",
  "allow|allowed|permit|permitted",
  "stop|stopped|halt|halted|cease|ceased",
  "wife|husband|spouse",
  "pay|paid|payment|wage|wages|salary",
  "demolish|demolished|demolition|knock down|knocked down|tear down|tore down|torn down|pull down|pulled down|raze|razed",
  "kidnap|kidnapped|abduct|abducted|seize|seized|carry off|carried off",
  "lend|lent|loan|loaned|borrow|borrowed",
  "problem|difficulty|trouble",
  "prison|jail|gaol|imprison|imprisoned|imprisonment|locked up",
  "kid|kids|child|children",
  "trip|journey|voyage|expedition",
  "invent|invented|invention|inventor|devise|devised",
  "first world war|world war i|world war one|great war",
  "second world war|world war ii|world war two",
  // Units and their abbreviations, as questions type them (`how heavy was it in kg`).
  "kg|kgs|kilogram|kilograms|kilo|kilos|kilogramme|kilogrammes",
  "km|kms|kilometre|kilometres|kilometer|kilometers",
  "cm|centimetre|centimetres|centimeter|centimeters",
  "mm|millimetre|millimetres|millimeter|millimeters",
  "mph|miles per hour",
  "ft|feet",
  "lb|lbs|pound|pounds",
  // Clipped words and the words they shorten (`the quake` for `the earthquake`).
  "math|maths|mathematics|mathematical",
  "lab|laboratory",
  "exam|examination",
  "quake|earthquake",
  "plane|airplane|aeroplane",
  "flu|influenza",
  "phone|telephone",
  "bike|bicycle",
  "dorm|dormitory",
  "fridge|refrigerator",
  "gym|gymnasium",
  "prof|professor",
  "rhino|rhinoceros",
  "hippo|hippopotamus",
  "memo|memorandum",
  "intro|introduction",
  "stats|statistics",
  "undergrad|undergraduate",
  "chemo|chemotherapy",
];

/** Stem key of a word or phrase: stems joined by spaces. */
function phraseKey(phrase: string): string {
  return splitWords(phrase)
    .map((word) => stem(word.norm))
    .join(" ");
}

/** Groups of interchangeable words or phrases, looked up by stem key. */
export class Thesaurus {
  private readonly synonymsByKey = new Map<string, string[]>();
  /** Longest phrase (in words) any group holds, so callers know how far to look ahead. */
  readonly longestPhrase: number;

  /** `groups`: each a `|`-separated list of words or phrases (`kill|killed|assassinate`). */
  constructor(groups: readonly string[]) {
    for (const group of groups) {
      const keys = group.split("|").map(phraseKey).filter(Boolean);
      for (const key of keys) {
        const others = keys.filter((other) => other !== key);
        this.synonymsByKey.set(key, [...new Set([...(this.synonymsByKey.get(key) ?? []), ...others])]);
      }
    }
    this.longestPhrase = Math.max(1, ...[...this.synonymsByKey.keys()].map((key) => key.split(" ").length));
  }

  /** Stem keys interchangeable with a word or phrase (given as its stem key), excluding itself. */
  synonymsOf(key: string): readonly string[] {
    return this.synonymsByKey.get(key) ?? [];
  }
}

/** The curated thesaurus the engine uses by default. */
export const curatedThesaurus = new Thesaurus(CURATED_GROUPS);
