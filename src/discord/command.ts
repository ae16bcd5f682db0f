import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { MessageContentIntent } from "../config.ts";
import type { ConversationMemory } from "../core/conversation/follow-up.ts";
import type { PassageHit, PassageInContext } from "../core/engine.ts";
import type { QuizQuestion } from "../core/study/quiz.ts";
import type { TimelineEvent } from "../core/study/timeline.ts";
import type { Answer, Article, Excerpt, Passage } from "../core/types.ts";
import type { ServerLibrary, UnderstoodArticle } from "../library/server-library.ts";
import type { FeedbackStore } from "../storage/feedback.ts";
import type { GuildSettingsStore } from "../storage/guild-settings.ts";
import type { QuizScoreStore } from "../storage/quiz-scores.ts";
import type { RateLimiter } from "../storage/rate-limits.ts";
import type { BotIdentity } from "./format/library.ts";
import type { Logger } from "./logger.ts";
import type { CommandAccess, Placement } from "./server-rules.ts";
import type { SessionStore } from "./sessions.ts";

/**
 * What the transport needs from the question-answering core; `QaEngine` provides it. `answer` may return a
 * promise so an engine running in a worker (or a slow one in tests) fits too.
 */
export interface StudyEngine {
  readonly articles: readonly Article[];
  answer(question: string): Answer | Promise<Answer>;
  search(query: string, articleId?: string): PassageHit[];
  passageInContext(id: string): PassageInContext | null;
  suggestPassages(typed: string, limit: number): Passage[];
  article(id: string): Article | undefined;
  /** What the article says right after an excerpt, for "what happened after that". */
  excerptsAfter(excerpt: Excerpt | undefined): Excerpt[];
}

/**
 * Where the bot takes its engine: `current` is read when an event arrives and kept until that event is
 * handled, so replacing it (a corpus reload) never changes the engine under a reply in progress. It is
 * null while the engine is first built in the background; `buildFraction` then says how far that got.
 */
export interface EngineSource {
  readonly current: StudyEngine | null;
  /** Share of the first build done, 0–1, while `current` is null. */
  readonly buildFraction?: number;
}

/**
 * Thrown by {@link CommandContext.engine} when an event that needs the engine arrived while it was still
 * being built; the routing of interactions and messages turns it into the "being built" notice, so no
 * command has to check for itself (and those that never use the engine, like `/help`, keep working).
 */
export class EngineBuildingError extends Error {
  override name = "EngineBuildingError";

  /** Share of the build done when the event arrived, 0–1. */
  readonly fraction: number;

  constructor(fraction: number) {
    super(`the index is being built (${Math.floor(fraction * 100)}%)`);
    this.fraction = fraction;
  }
}

/** Tunable behaviour of the bot. Every field has its default in {@link defaultBotOptions}. */
export interface BotOptions {
  /** Longest question (or search query) accepted, in characters. */
  maxQuestionLength: number;
  /** Reply directly when the answer is ready within this many ms, else defer (Discord allows 3 s). */
  deferAfterMs: number;
  /** How long `/search` paging buttons keep working (ms). */
  searchPageTtlMs: number;
  /** Most `/search` sessions kept in memory at once. */
  maxSearchSessions: number;
  /** How long `/timeline` paging buttons keep working (ms). */
  timelinePageTtlMs: number;
  /** Most `/timeline` sessions kept in memory at once. */
  maxTimelineSessions: number;
  /** How long a quiz waits for its next answer before it expires (ms). */
  quizTtlMs: number;
  /** Most quizzes kept in memory at once. */
  maxQuizSessions: number;
  /** How long an answer's 👍 / 👎 buttons take votes (ms); the bot forgets older answers. */
  feedbackWindowMs: number;
  /** Most answers kept open to votes at once. */
  maxAnswersOpenToVotes: number;
  /** On shutdown, how long to wait for replies in flight before disconnecting (ms). */
  shutdownGraceMs: number;
  /** How long the confirm button of `/config reset` works (ms). */
  resetConfirmTtlMs: number;
  /** How long the replace and remove buttons of `/library` work (ms). */
  libraryConfirmTtlMs: number;
  /** Most `/library` confirmations kept in memory at once. */
  maxLibraryPrompts: number;
}

export const defaultBotOptions: BotOptions = {
  maxQuestionLength: 500,
  deferAfterMs: 1500,
  searchPageTtlMs: 10 * 60 * 1000,
  maxSearchSessions: 1000,
  timelinePageTtlMs: 10 * 60 * 1000,
  maxTimelineSessions: 1000,
  quizTtlMs: 10 * 60 * 1000,
  maxQuizSessions: 1000,
  feedbackWindowMs: 24 * 60 * 60 * 1000,
  maxAnswersOpenToVotes: 10_000,
  shutdownGraceMs: 5000,
  resetConfirmTtlMs: 60_000,
  libraryConfirmTtlMs: 5 * 60_000,
  maxLibraryPrompts: 1000,
};

/** The results of one `/search`, kept so its paging buttons can show other pages. */
export interface SearchResults {
  /** Only this user may turn the pages. */
  userId: string;
  query: string;
  articleId: string | null;
  /** Result passage ids, best first. */
  passageIds: string[];
}

/** One `/timeline`, kept so its paging buttons can show other pages. */
export interface TimelinePages {
  /** Only this user may turn the pages. */
  userId: string;
  /** Title of the article it covers; null for every article. */
  scope: string | null;
  events: TimelineEvent[];
}

/** One `/quiz` being taken. */
export interface QuizRun {
  /** Only this user may answer. */
  userId: string;
  /** The server whose leaderboard the answers count for; null in direct messages, which are not scored. */
  guildId: string | null;
  /** What the questions are about ("Lal Masjid › History"); null for every article. */
  scope: string | null;
  questions: QuizQuestion[];
  /** Index of the question on screen. */
  current: number;
  /** The choice made for each question answered so far, in order: question `n` is answered when n < length. */
  chosen: number[];
}

/** An answer the bot sent, kept so a 👍 / 👎 on it can be stored with what it answered. */
export interface AnswerOpenToVotes {
  /** The question as the bot understood it. */
  question: string;
  /** The passages it cited or, when it did not answer, offered. */
  passageIds: string[];
  guildId: string | null;
}

/** A `/library` change waiting for its moderator's confirm button. */
export type LibraryPrompt =
  | { kind: "replace"; userId: string; guildId: string; pending: UnderstoodArticle }
  | { kind: "remove"; userId: string; guildId: string; articleId: string };

/** What every command handler gets besides its interaction. */
export interface CommandContext {
  /** Throws {@link EngineBuildingError} while the engine is being built. */
  readonly engine: StudyEngine;
  options: BotOptions;
  searches: SessionStore<SearchResults>;
  timelines: SessionStore<TimelinePages>;
  quizzes: SessionStore<QuizRun>;
  answersOpenToVotes: SessionStore<AnswerOpenToVotes>;
  /** The last question of each user in each channel, so the next one can lean on it. */
  conversations: ConversationMemory;
  quizScores: QuizScoreStore;
  feedback: FeedbackStore;
  /** Per-server settings; every change goes through `update` or `reset`, which write the audit trail. */
  settings: GuildSettingsStore;
  /** Each server's own articles (`/library`); null when the bot runs without server libraries. */
  library: ServerLibrary | null;
  /** `/library` replacements and removals waiting for their confirm button. */
  libraryPrompts: SessionStore<LibraryPrompt>;
  /** Cooldowns and server rate caps, in memory. */
  limiter: RateLimiter;
  /** Whether the operator set the bot to ask for the Message Content intent (`MESSAGE_CONTENT_INTENT`). */
  messageContentIntent: MessageContentIntent;
  /**
   * Whether the bot runs with the Message Content intent, without which free-text channels answer only
   * mentions: false with `off`, and with `auto` when Discord refused it.
   */
  messageContent: boolean;
  /** Whether questions in direct messages are answered (`DM_ANSWERS`). */
  dmAnswers: boolean;
  bot: BotIdentity;
  logger: Logger;
}

/** A slash command: one module per command in `commands/`, `export default { data, execute } satisfies Command`. */
export interface Command {
  /** The command as registered; a `SlashCommandBuilder` fits. */
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Which of the server's rules are checked before `execute` runs. */
  access: CommandAccess;
  /** Runs the command once the server's rules allow it; `placement` says whether replies must be private. */
  execute(
    interaction: ChatInputCommandInteraction,
    context: CommandContext,
    placement: Placement,
  ): Promise<void>;
  /** Suggestions for options registered with `autocomplete`. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /**
   * Handles the command's buttons, whose custom ids are `<command name>:<args joined by ":">`; `args` are
   * the parts after the name.
   */
  button?(interaction: ButtonInteraction, context: CommandContext, args: string[]): Promise<void>;
}
