import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { PassageHit, PassageInContext } from "../core/engine.ts";
import type { Answer, Article, Passage } from "../core/types.ts";
import type { GuildSettingsStore } from "../storage/guild-settings.ts";
import type { RateLimiter } from "../storage/rate-limits.ts";
import type { BotIdentity } from "./format/library.ts";
import type { Logger } from "./logger.ts";
import type { SearchSessions } from "./search-sessions.ts";
import type { CommandAccess, Placement } from "./server-rules.ts";

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
  /** On shutdown, how long to wait for replies in flight before disconnecting (ms). */
  shutdownGraceMs: number;
  /** How long the confirm button of `/config reset` works (ms). */
  resetConfirmTtlMs: number;
}

export const defaultBotOptions: BotOptions = {
  maxQuestionLength: 500,
  deferAfterMs: 1500,
  searchPageTtlMs: 10 * 60 * 1000,
  maxSearchSessions: 1000,
  shutdownGraceMs: 5000,
  resetConfirmTtlMs: 60_000,
};

/** What every command handler gets besides its interaction. */
export interface CommandContext {
  engine: StudyEngine;
  options: BotOptions;
  searches: SearchSessions;
  /** Per-server settings; every change goes through `update` or `reset`, which write the audit trail. */
  settings: GuildSettingsStore;
  /** Cooldowns and server rate caps, in memory. */
  limiter: RateLimiter;
  /** Whether the bot runs with the MESSAGE_CONTENT intent, without which free-text channels cannot work. */
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
