import { baseVerbForm, pastParticiple, simplePast } from "../text/irregular-verbs.ts";
import { posTags } from "../text/lexicon.ts";

/**
 * A lone question word (`when?`, `why?`, `how?`) asks about the event of the previous question. It is
 * rewritten as the question a person would have typed: the previous question's wh-phrase leaves, what it
 * stood for takes its place (the counted noun, the previous answer, or a pronoun), and do-support or the
 * passive keeps a question's word order:
 *
 *   how many people did the bomb kill  + when? → when did the bomb kill people
 *   who built Lal Masjid               + why?  → why was Lal Masjid built
 *   how many people died in the siege  + when? → when did people die in the siege
 *
 * General English grammar over the previous question's words, with the part-of-speech lexicon telling
 * verbs from nouns; nothing here knows an article's topic. A question about a person or a state rather
 * than an event (`who was Abdul Rashid`), or one it cannot parse, gives null: better no rewrite than a
 * question nobody would write.
 */

const DO_FORMS = new Set(["do", "does", "did"]);
const BE_FORMS = new Set(["is", "are", "was", "were", "am"]);
const OTHER_AUXILIARIES = new Set("has have had can could will would shall should may might must".split(" "));
const isAuxiliary = (word: string) => DO_FORMS.has(word) || BE_FORMS.has(word) || OTHER_AUXILIARIES.has(word);
/** The form an auxiliary takes with a plural subject (`they`). */
const PLURAL_AUXILIARY: Readonly<Record<string, string>> = { is: "are", was: "were", has: "have" };
const WH_WORDS = new Set(["when", "where", "why", "how", "who", "whom", "what", "which", "whose"]);
/** Prepositions that end a verb's object (`built Lal Masjid | in 1965`) or lead a wh-phrase (`in what year`). */
const PREPOSITIONS = new Set(
  `in on at for during since from by to of with until after before into across near inside outside about
  against between under over through towards toward within without around behind beyond`.split(/\s+/u),
);
/** Subject forms of object pronouns, for a passive whose object becomes its subject, and back. */
const SUBJECT_PRONOUN: Readonly<Record<string, string>> = { them: "they", him: "he", her: "she", me: "I" };
const OBJECT_PRONOUN: Readonly<Record<string, string>> = { they: "them", he: "him", she: "her", i: "me" };
/** A noun counted or chosen by a wh-phrase has at most this many words (`how many Pakistani soldiers`). */
const MAX_NOUN_WORDS = 3;
/** A previous answer longer than this is a clause, not something to put back into a question. */
const MAX_FILLER_WORDS = 6;

/** What the previous question's wh-phrase asked for. */
type Role =
  /** `when`, `where`, `why`, `how`, `in what year`: the event itself is whole without it. */
  | "adverb"
  /** `how long`, `how old`: a measure of the event or thing. */
  | "degree"
  /** `how many people`: the counted noun fills its place. */
  | "count"
  /** `which emperor`, `what year`: a noun of the chosen kind. */
  | "choice"
  | "person"
  | "thing";

/** True when a word is written as a verb of a clause: its first sense finite, or a past form. */
function isFiniteVerb(word: string): boolean {
  const tags = posTags(word.toLowerCase());
  return ["VBD", "VBZ", "VBP", "MD"].includes(tags[0] ?? "") || tags.includes("VBD");
}

/** True for a participle or gerund (`built`, `killed`, `being`): the verb after a form of be or have. */
function isParticiple(word: string): boolean {
  if (/^\p{Lu}/u.test(word)) return false;
  const tags = posTags(word);
  return tags.includes("VBN") || tags.includes("VBG");
}

/** The base form of a verb (`died` → `die`, `carried` → `carry`, `built` → `build`), or null when unknown. */
function baseForm(verb: string): string | null {
  const word = verb.toLowerCase();
  const irregular = baseVerbForm(word);
  if (irregular !== word) return irregular;
  const candidates = word.endsWith("ed")
    ? [word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -3)}y`, word.slice(0, -3)]
    : word.endsWith("s")
      ? [word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -3)}y`]
      : [word];
  return candidates.find((candidate) => posTags(candidate).includes("VB")) ?? null;
}

/** Whether a noun phrase is plural, judged by its last word (`the policemen`, `students`). */
function isPlural(phrase: readonly string[]): boolean {
  const last = (phrase.at(-1) ?? "").toLowerCase();
  return last === "they" || /^NNP?S$/u.test(posTags(last)[0] ?? "");
}

/**
 * The previous question rewritten around another question word, or null when it asks about no event
 * (see the module comment). `previousAnswer` is the previous short answer, if any, put where the
 * previous wh-word stood (`who was appointed imam` + `when?` → `when was Maulana Abdullah appointed imam`).
 */
export function askAboutSameEvent(
  wh: string,
  previous: string,
  previousAnswer: string | null,
): string | null {
  const words = previous
    .trim()
    .replace(/[?!.]+$/u, "")
    .split(/\s+/u)
    .filter((word) => word !== "");
  const lower = words.map((word) => word.toLowerCase());
  const asked = wh.toLowerCase();
  const join = (...parts: Array<string | readonly string[]>) =>
    parts
      .flat()
      .filter((part) => part !== "")
      .join(" ");
  let at = 0;
  const leadIn = PREPOSITIONS.has(lower[0] ?? "") && WH_WORDS.has(lower[1] ?? "");
  if (leadIn) at = 1;
  const first = lower[at] ?? "";
  if (!WH_WORDS.has(first)) {
    // A yes/no question (`was it rebuilt`) is already an event: ask about it.
    return at === 0 && isAuxiliary(first) && words.length > 1 ? join(asked, first, words.slice(1)) : null;
  }
  at++;
  /** The words of a counted or chosen noun, up to the auxiliary or verb after it. */
  const takeNoun = (): string[] | null => {
    const start = at;
    while (at < words.length && !isAuxiliary(lower[at] ?? "") && !isFiniteVerb(words[at] ?? "")) {
      if (at - start === MAX_NOUN_WORDS) return null;
      at++;
    }
    return at > start ? words.slice(start, at) : null;
  };
  const next = lower[at];
  let role: Role;
  let noun: string[] = [];
  if (first === "how" && (next === "many" || next === "much")) {
    at++;
    const counted = takeNoun();
    if (counted === null) return null;
    role = "count";
    noun = counted;
  } else if (first === "how" && next !== undefined && !isAuxiliary(next)) {
    at++;
    role = "degree";
  } else if (
    ["which", "what", "whose"].includes(first) &&
    next !== undefined &&
    !isAuxiliary(next) &&
    !isFiniteVerb(next)
  ) {
    const chosen = takeNoun();
    if (chosen === null) return null;
    role = "choice";
    noun = chosen;
  } else {
    role = first === "who" || first === "whom" ? "person" : first === "what" ? "thing" : "adverb";
  }
  if (leadIn) role = "adverb";

  const rest = words.slice(at);
  const auxiliary = lower[at] ?? "";
  const answer =
    previousAnswer !== null &&
    previousAnswer.split(/\s+/u).length <= MAX_FILLER_WORDS &&
    (role !== "person" || /^\p{Lu}/u.test(previousAnswer))
      ? previousAnswer
      : null;
  const participant = asked === "who" || asked === "what" || asked === "whom";
  /** What stands where the wh-phrase stood, as a subject. */
  const standIn =
    role === "count"
      ? noun
      : answer !== null
        ? [answer]
        : role === "choice"
          ? ["the", ...noun]
          : [role === "person" ? "they" : "it"];

  if (DO_FORMS.has(auxiliary)) {
    const clause = rest.slice(1);
    // `how many people did the bomb kill` + `who?` → `who did the bomb kill`: the new word asks for the object.
    if (participant) return role === "adverb" || role === "degree" ? null : join(asked, auxiliary, clause);
    if (role === "count") return join(asked, auxiliary, clause, noun);
    if (role === "person" || role === "thing") {
      return join(asked, auxiliary, clause, answer ?? (role === "person" ? "them" : "it"));
    }
    // `what year did troops storm it`: a chosen noun is most often a time, place or kind, not an object.
    return join(asked, auxiliary, clause);
  }

  if (BE_FORMS.has(auxiliary) || OTHER_AUXILIARIES.has(auxiliary)) {
    const clause = rest.slice(1);
    const verbAt = clause.findIndex(isParticiple);
    if (verbAt < 0) {
      // `what was the siege` + `when?` → `when was the siege`; a person or a count is no event.
      if (participant || role === "person" || role === "count") return null;
      const event = asked === "where" || (asked === "when" && (auxiliary === "was" || auxiliary === "were"));
      return event ? join(asked, auxiliary, clause) : null;
    }
    if (verbAt === 0) {
      // The wh-phrase was the subject: `how many policemen were killed`, `who was appointed imam`.
      if (participant) return null;
      if (role === "adverb" || role === "degree") return join(asked, auxiliary, clause);
      const agreeing = isPlural(standIn) ? (PLURAL_AUXILIARY[auxiliary] ?? auxiliary) : auxiliary;
      return join(asked, agreeing, standIn, clause);
    }
    // A subject, then the verb: `when was Lal Masjid built`. Asking for the doer turns it active:
    // `who built Lal Masjid`.
    if (participant) {
      if (asked !== "who" || !BE_FORMS.has(auxiliary)) return null;
      const object = clause.slice(0, verbAt);
      const pronoun = object.length === 1 ? OBJECT_PRONOUN[(object[0] as string).toLowerCase()] : undefined;
      const past = simplePast((clause[verbAt] as string).toLowerCase());
      return join("who", past, pronoun === undefined ? object : [pronoun], clause.slice(verbAt + 1));
    }
    if (role === "count") return join(asked, auxiliary, clause, noun);
    // After a participle, `that` reads better than `it`: `why was the mosque called that`.
    if (role === "person" || role === "thing") return join(asked, auxiliary, clause, answer ?? "that");
    return join(asked, auxiliary, clause);
  }

  // No auxiliary: the wh-phrase is the subject of a finite verb (`who built Lal Masjid`, `how many people died`).
  const verb = rest[0];
  if (verb === undefined || role === "adverb" || role === "degree" || participant || !isFiniteVerb(verb)) {
    return null;
  }
  const base = baseForm(verb);
  if (base === null) return null;
  const after = rest.slice(1);
  const past = posTags(verb.toLowerCase()).includes("VBD");
  // `of` continues a noun phrase (`the construction of the mosque`); other prepositions end the object.
  const objectEnd = after.findIndex(
    (word) => word.toLowerCase() !== "of" && PREPOSITIONS.has(word.toLowerCase()),
  );
  const object = after.slice(0, objectEnd < 0 ? after.length : objectEnd);
  if (past && object.length > 0 && role !== "count") {
    // Transitive: the passive asks about the event without naming the doer (`why was Lal Masjid built`).
    const pronoun = object.length === 1 ? SUBJECT_PRONOUN[(object[0] as string).toLowerCase()] : undefined;
    const subject = pronoun === undefined ? object : [pronoun];
    const participle = pastParticiple(verb.toLowerCase());
    return join(asked, isPlural(subject) ? "were" : "was", subject, participle, after.slice(object.length));
  }
  const doForm = past ? "did" : isPlural(standIn) ? "do" : "does";
  return join(asked, doForm, standIn, base, after);
}
