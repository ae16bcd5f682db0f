import { splitWords } from "../text/terms.ts";

/**
 * What a message is, before any search: small talk the bot answers briefly by itself, or a question
 * for the engine. Rules over the words, measured on a labelled set in tests/core/conversation.
 */
export type Utterance = "greeting" | "thanks" | "capabilities" | "creator" | "farewell" | "question";

const GREETINGS = new Set([
  "hi",
  "hello",
  "hey",
  "hiya",
  "howdy",
  "yo",
  "salaam",
  "salam",
  "greetings",
  "morning",
  "evening",
  "afternoon",
  "sup",
]);
const THANKS = new Set(["thanks", "thank", "thx", "ty", "cheers", "appreciated", "tysm"]);
const FAREWELLS = new Set(["bye", "goodbye", "cya", "later", "goodnight", "night"]);
/** Words that may accompany small talk without making it a question (`hi there bot`, `thanks a lot`). */
const FILLER = new Set(
  `there bot you u so much a lot very good great all everyone guys again for the help buddy friend
  mate folks ok okay nice awesome cool perfect brilliant that was helpful really`.split(/\s+/u),
);

const CAPABILITIES = [
  /^what (?:can|do) you (?:do|know)\b/u,
  /^what are you(?: for)?$/u,
  /^how (?:do|does|can) (?:i|you|this) (?:use|work|ask)\b/u,
  /^(?:help|commands|usage)$/u,
  /^what (?:can|should) i ask\b/u,
  /^who are you$/u,
];
const CREATOR = [
  /^who (?:made|built|created|wrote|programmed|developed) you\b/u,
  /^who is your (?:creator|maker|developer|author)\b/u,
];

/** Classifies a message: small talk is only recognised when the whole message is small talk. */
export function classifyUtterance(message: string): Utterance {
  const words = splitWords(message.toLowerCase()).map((word) => word.norm);
  const text = words.join(" ");
  if (words.length === 0) return "question";
  if (CREATOR.some((pattern) => pattern.test(text))) return "creator";
  if (CAPABILITIES.some((pattern) => pattern.test(text))) return "capabilities";
  const onlyWith = (kind: ReadonlySet<string>) =>
    words.some((word) => kind.has(word)) &&
    words.every((word) => kind.has(word) || FILLER.has(word) || GREETINGS.has(word));
  if (onlyWith(THANKS)) return "thanks";
  if (onlyWith(FAREWELLS)) return "farewell";
  if (/^how (?:are|r) (?:you|u)(?: doing| today)?$|^how is it going$|^whats up$/u.test(text))
    return "greeting";
  const greetingWords = new Set([
    ...GREETINGS,
    "good",
    "how",
    "are",
    "is",
    "it",
    "going",
    "whats",
    "up",
    "doing",
  ]);
  if (
    words.some((word) => GREETINGS.has(word)) &&
    words.every((word) => greetingWords.has(word) || FILLER.has(word))
  ) {
    return "greeting";
  }
  return "question";
}
