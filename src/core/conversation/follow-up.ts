import { type ArticleTitles, articleTitles } from "../article-titles.ts";
import type { QaEngine } from "../engine.ts";
import type { Answer, Article, Excerpt } from "../types.ts";
import { askAboutSameEvent } from "./same-event.ts";
import { classifyUtterance, type Utterance } from "./small-talk.ts";

/** One question and answer of a conversation, kept to resolve the next question. */
export interface Turn {
  /** The question as resolved (pronouns replaced). */
  question: string;
  answer: Answer;
  /** Passage ids already shown, so "more" shows new ones. */
  shownPassageIds: string[];
  at: number;
}

/** How long a previous question can be leaned on, and how many conversations are remembered. */
export interface ConversationOptions {
  ttlMs: number;
  maxConversations: number;
}

export const defaultConversationOptions: ConversationOptions = {
  ttlMs: 10 * 60_000,
  maxConversations: 10_000,
};

/**
 * The last turn of each conversation, in memory. A conversation is one user in one channel (or DM, or
 * thread): the caller builds the key, so context is never carried between users.
 */
export class ConversationMemory {
  private readonly turns = new Map<string, Turn>();

  constructor(private readonly options: ConversationOptions = defaultConversationOptions) {}

  recall(conversation: string, now: number): Turn | null {
    const turn = this.turns.get(conversation);
    if (turn === undefined) return null;
    if (now - turn.at > this.options.ttlMs) {
      this.turns.delete(conversation);
      return null;
    }
    return turn;
  }

  remember(conversation: string, turn: Turn): void {
    this.turns.delete(conversation);
    this.turns.set(conversation, turn);
    // Oldest conversations go first when the bound is reached (Map keeps insertion order).
    while (this.turns.size > this.options.maxConversations) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }
}

/** What the bot makes of a message in a conversation. */
export type ConversationReply =
  | { kind: "small-talk"; utterance: Exclude<Utterance, "question"> }
  | {
      kind: "answer";
      answer: Answer;
      /** The question as understood, when it leaned on the previous one ("when was Lal Masjid rebuilt"). */
      understoodAs: string | null;
      /** Set when the answer continues the previous one: "more" excerpts, or what the article says "after". */
      continuation: "more" | "after" | null;
    };

const MORE =
  /^(?:(?:tell|show|give) me )?(?:more|some more|anything else)(?: please)?$|^(?:go on|continue|keep going|what else)$/u;
const WHAT_NEXT =
  /^what (?:happened|came|comes|happens) (?:after that|after this|next|then|afterwards)$|^and then( what)?$|^what next$/u;
const ELLIPSIS = /^(?:and|what about|how about|and what about)\s+(?:the\s+)?(.+)$/u;
const PERSON_PRONOUNS = /\b(he|him|his|she|her|hers)\b/u;
const THING_PRONOUNS = /\b(it|its|this|there|they|them|their)\b/u;
const LONE_WH = /^(when|where|why|how|who|what)$/u;

/** Lower-case, punctuation-free form of a message for pattern matching. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/** The topic of a question: an article title it mentions, else the article its answer came from. */
function topicOf(turn: Turn, titles: ArticleTitles): string | null {
  const question = plain(turn.question);
  const [mentioned] = titles.mentionedIn(question);
  if (mentioned !== undefined) return mentioned;
  const named = /\b(?:the\s+)?((?:\p{Lu}[\p{L}'-]*\s?){1,4})/u.exec(turn.question.replace(/^\S+\s/u, ""));
  const name = named?.[1]?.trim();
  if (name?.includes(" ")) return name;
  return turn.answer.excerpts[0]?.article ?? null;
}

/** A turn's short answer, or the answer it was leaning to when not sure enough to show it. */
function answerOf(turn: Turn): string | null {
  return turn.answer.answer ?? (turn.answer.answered ? (turn.answer.likelyAnswer ?? null) : null);
}

/** The person a previous answer named (`Maulana Muhammad Abdullah`), if its (likely) answer is a name. */
function personOf(turn: Turn, titles: ArticleTitles): string | null {
  const candidate = answerOf(turn);
  if (candidate === null || titles.isTitle(candidate)) return null;
  return /^\p{Lu}[\p{L}'-]+(?:\s+(?:ul|al|bin|ibn|de|\p{Lu}[\p{L}'-]+))+$/u.test(candidate)
    ? candidate
    : null;
}

/** Replaces a pronoun with a name, keeping possessives (`his sons` → `Maulana Abdullah's sons`). */
function substitute(question: string, pronoun: RegExp, name: string): string {
  return question.replace(new RegExp(pronoun.source, "iu"), (found) =>
    /^(?:his|her|hers|its|their)$/iu.test(found) ? `${name}'s` : name,
  );
}

/**
 * Rewrites a question that leans on the previous turn, or returns null when it stands on its own.
 * Handles pronouns (`when was it rebuilt`), ellipsis (`what about the Badshahi Mosque?`) and a lone
 * question word about the same event (`why?`, see {@link askAboutSameEvent}).
 */
export function resolveFollowUp(question: string, previous: Turn, titles: ArticleTitles): string | null {
  const text = plain(question);
  const ellipsis = ELLIPSIS.exec(text);
  const topic = topicOf(previous, titles);
  if (ellipsis?.[1] !== undefined) {
    const replacement = ellipsis[1];
    if (topic !== null && plain(previous.question).includes(topic.toLowerCase())) {
      return plain(previous.question).replace(topic.toLowerCase(), replacement);
    }
    return null;
  }
  if (LONE_WH.test(text)) return askAboutSameEvent(text, previous.question, answerOf(previous));
  const person = personOf(previous, titles);
  if (PERSON_PRONOUNS.test(text) && person !== null) return substitute(text, PERSON_PRONOUNS, person);
  if (THING_PRONOUNS.test(text) && topic !== null && !text.includes(topic.toLowerCase())) {
    return substitute(text, THING_PRONOUNS, topic);
  }
  return null;
}

/** What the conversation needs from the engine besides answering; `QaEngine` provides it. */
export interface ConversationEngine {
  readonly articles: readonly Article[];
  excerptsAfter(excerpt: Excerpt | undefined): Excerpt[];
}

/**
 * What a message comes to before the engine answers anything: small talk, a continuation of the previous
 * answer (already remembered), or a question for the engine, resolved against the previous one.
 */
export type ConversationStep =
  | Extract<ConversationReply, { kind: "small-talk" }>
  | (Extract<ConversationReply, { kind: "answer" }> & {
      understoodAs: string;
      continuation: "more" | "after";
    })
  | { kind: "question"; question: string; understoodAs: string | null };

/**
 * The first half of {@link replyInConversation}, for callers whose engine answers asynchronously (the
 * Discord transport): small talk and continuations are settled here; a question is returned to be answered
 * and then passed to {@link rememberAnswer}.
 */
export function understandInConversation(
  engine: ConversationEngine,
  memory: ConversationMemory,
  conversation: string,
  message: string,
  now: number,
): ConversationStep {
  const utterance = classifyUtterance(message);
  if (utterance !== "question") return { kind: "small-talk", utterance };
  const previous = memory.recall(conversation, now);
  const text = plain(message);
  const titles = articleTitles(engine.articles);
  if (previous !== null && (MORE.test(text) || WHAT_NEXT.test(text))) {
    const more = MORE.test(text);
    const excerpts = more
      ? previous.answer.related.filter((excerpt) => !previous.shownPassageIds.includes(excerpt.passageId))
      : engine.excerptsAfter(previous.answer.excerpts[0]);
    const answer = continuation(previous, excerpts);
    memory.remember(conversation, {
      ...previous,
      answer: { ...previous.answer, related: excerpts.length > 0 ? previous.answer.related : [] },
      shownPassageIds: [...previous.shownPassageIds, ...excerpts.map((excerpt) => excerpt.passageId)],
      at: now,
    });
    return {
      kind: "answer",
      answer,
      understoodAs: `${more ? "more about" : "what happened after"}: ${previous.question}`,
      continuation: more ? "more" : "after",
    };
  }
  const resolved = previous === null ? null : resolveFollowUp(message, previous, titles);
  return { kind: "question", question: resolved ?? message.trim(), understoodAs: resolved };
}

/** The second half of {@link replyInConversation}: keeps the answer so the next question can lean on it. */
export function rememberAnswer(
  memory: ConversationMemory,
  conversation: string,
  question: string,
  answer: Answer,
  now: number,
): void {
  memory.remember(conversation, {
    question,
    answer,
    shownPassageIds: answer.excerpts.map((excerpt) => excerpt.passageId),
    at: now,
  });
}

/**
 * Answers a message within a conversation: small talk without searching; "more" with the next passages
 * of the previous answer; "what happened after that" with what follows the previous answer; otherwise
 * the question, resolved against the previous one when it leans on it.
 */
export function replyInConversation(
  engine: QaEngine,
  memory: ConversationMemory,
  conversation: string,
  message: string,
  now: number,
): ConversationReply {
  const step = understandInConversation(engine, memory, conversation, message, now);
  if (step.kind !== "question") return step;
  const answer = engine.answer(step.question);
  rememberAnswer(memory, conversation, step.question, answer, now);
  return { kind: "answer", answer, understoodAs: step.understoodAs, continuation: null };
}

/** An answer made of further excerpts of a previous one, or an honest "nothing more" when there are none. */
function continuation(previous: Turn, excerpts: Excerpt[]): Answer {
  if (excerpts.length === 0) {
    return {
      question: previous.question,
      answered: false,
      reason: "no-match",
      answer: null,
      excerpts: [],
      related: [],
    };
  }
  return { question: previous.question, answered: true, answer: null, excerpts, related: [] };
}
