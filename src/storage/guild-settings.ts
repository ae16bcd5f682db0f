import type { SqlDatabase } from "./sql.ts";
import { Turns } from "./turns.ts";

/** How a study server's moderators want the bot to behave. */
export interface GuildSettings {
  /** Channels where every message is taken as a question. */
  freeTextChannelIds: string[];
  /** Whether a message mentioning the bot is answered. */
  answerMentions: boolean;
  /** Default visibility of slash-command answers: public, or private (ephemeral). */
  visibility: "public" | "private";
  /** Seconds a member waits between two questions (0 = no cooldown). */
  cooldownSeconds: number;
  /** Questions the whole server may ask per minute. */
  questionsPerMinute: number;
  /** Roles allowed to ask; empty means everyone. */
  allowedRoleIds: string[];
  /** Channels where the bot never speaks publicly (slash commands answer privately there). */
  silencedChannelIds: string[];
  /** Whether `/search` and `/passage` may be used. */
  lookupsAllowed: boolean;
  /**
   * Which articles the server's questions are answered from: the operator's shared articles plus the
   * server's own library (`shared`), or only its own library (`own`).
   */
  library: "shared" | "own";
}

/** Defaults for a study server: answer mentions, public answers, a short cooldown, a generous server cap. */
export const defaultGuildSettings: GuildSettings = {
  freeTextChannelIds: [],
  answerMentions: true,
  visibility: "public",
  cooldownSeconds: 10,
  questionsPerMinute: 30,
  allowedRoleIds: [],
  silencedChannelIds: [],
  lookupsAllowed: true,
  library: "shared",
};

/** Accepted ranges of the numeric settings and the longest lists. */
export const settingLimits = {
  cooldownSeconds: { min: 0, max: 3600 },
  questionsPerMinute: { min: 1, max: 600 },
  maxListLength: 50,
} as const;

/** Why settings are invalid, one readable line, or null when they are fine. */
export function settingsProblem(settings: GuildSettings): string | null {
  const { cooldownSeconds, questionsPerMinute } = settingLimits;
  if (
    !Number.isInteger(settings.cooldownSeconds) ||
    settings.cooldownSeconds < cooldownSeconds.min ||
    settings.cooldownSeconds > cooldownSeconds.max
  ) {
    return `The cooldown must be a whole number of seconds from ${cooldownSeconds.min} to ${cooldownSeconds.max}.`;
  }
  if (
    !Number.isInteger(settings.questionsPerMinute) ||
    settings.questionsPerMinute < questionsPerMinute.min ||
    settings.questionsPerMinute > questionsPerMinute.max
  ) {
    return `The rate must be a whole number of questions per minute from ${questionsPerMinute.min} to ${questionsPerMinute.max}.`;
  }
  for (const list of [settings.freeTextChannelIds, settings.allowedRoleIds, settings.silencedChannelIds]) {
    if (list.length > settingLimits.maxListLength)
      return `A list setting can hold at most ${settingLimits.maxListLength} entries.`;
  }
  return null;
}

/** The author of a settings change whose member was forgotten (`npm run forget`): no Discord id. */
export const FORGOTTEN_MEMBER_ID = "forgotten";

/** One recorded change of one setting. */
export interface SettingsAuditEntry {
  /** Who made it: a Discord user id, or {@link FORGOTTEN_MEMBER_ID}. */
  userId: string;
  at: number;
  /** `library`: an article was added (old value null), removed (new value null) or replaced. */
  setting: keyof GuildSettings | "reset" | "library";
  oldValue: unknown;
  newValue: unknown;
}

export type SettingsUpdate =
  | { ok: true; settings: GuildSettings; changes: SettingsAuditEntry[] }
  | { ok: false; problem: string };

const settingKeys = Object.keys(defaultGuildSettings) as Array<keyof GuildSettings>;

/** Keeps only known settings of the right type, so a row written by an older version still loads. */
function parseStored(json: string): Partial<GuildSettings> {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof stored !== "object" || stored === null) return {};
  const known: Partial<Record<keyof GuildSettings, unknown>> = {};
  for (const key of settingKeys) {
    const value = (stored as Record<string, unknown>)[key];
    const expected = defaultGuildSettings[key];
    const sameShape = Array.isArray(expected) ? Array.isArray(value) : typeof value === typeof expected;
    if (value !== undefined && sameShape) known[key] = value;
  }
  return known as Partial<GuildSettings>;
}

/**
 * Per-server settings in the bot's database with an audit trail. They are cached per process: a server's
 * events, and so its `/config`, always reach the one process whose shard owns it. Servers with no stored
 * settings get the defaults, with `defaultFreeTextChannelIds` (from `QA_CHANNEL_IDS`) as their free-text
 * channels; `overrides` changes other defaults (tests use it to start without cooldowns).
 */
export class GuildSettingsStore {
  private readonly cache = new Map<string, GuildSettings>();
  /**
   * Changes, one after another: two moderators changing settings at once each start from the other's result
   * instead of one overwriting the other.
   */
  readonly #changes = new Turns();

  constructor(
    private readonly db: SqlDatabase,
    private readonly defaultFreeTextChannelIds: readonly string[] = [],
    private readonly overrides: Partial<GuildSettings> = {},
  ) {}

  /** What a server without stored settings gets, and what a reset returns to. */
  defaults(): GuildSettings {
    return {
      ...defaultGuildSettings,
      ...structuredClone(this.overrides),
      freeTextChannelIds: [...this.defaultFreeTextChannelIds],
    };
  }

  async get(guildId: string): Promise<GuildSettings> {
    const cached = this.cache.get(guildId);
    if (cached) return cached;
    const row = await this.db.get<{ settings: string }>(
      "SELECT settings FROM guild_settings WHERE guild_id = ?",
      [guildId],
    );
    const settings = row ? { ...this.defaults(), ...parseStored(row.settings) } : this.defaults();
    this.cache.set(guildId, settings);
    return settings;
  }

  /**
   * Applies a change made by `userId`. Invalid results change nothing; every changed setting is
   * written to the audit table in the same transaction.
   */
  update(
    guildId: string,
    userId: string,
    change: (current: GuildSettings) => GuildSettings,
    now = Date.now(),
  ): Promise<SettingsUpdate> {
    return this.#changes.run(() => this.#update(guildId, userId, change, now));
  }

  /** Back to the defaults, recorded as one `reset` entry holding the old settings. */
  reset(guildId: string, userId: string, now = Date.now()): Promise<GuildSettings> {
    return this.#changes.run(() => this.#reset(guildId, userId, now));
  }

  async #update(
    guildId: string,
    userId: string,
    change: (current: GuildSettings) => GuildSettings,
    now: number,
  ): Promise<SettingsUpdate> {
    const current = await this.get(guildId);
    const next = change(structuredClone(current));
    const problem = settingsProblem(next);
    if (problem !== null) return { ok: false, problem };
    const changes: SettingsAuditEntry[] = settingKeys
      .filter((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]))
      .map((key) => ({ userId, at: now, setting: key, oldValue: current[key], newValue: next[key] }));
    if (changes.length === 0) return { ok: true, settings: current, changes };
    await this.write(guildId, next, changes, now);
    return { ok: true, settings: next, changes };
  }

  async #reset(guildId: string, userId: string, now: number): Promise<GuildSettings> {
    const current = await this.get(guildId);
    const defaults = this.defaults();
    await this.write(
      guildId,
      defaults,
      [{ userId, at: now, setting: "reset", oldValue: current, newValue: defaults }],
      now,
    );
    return defaults;
  }

  /** How many servers have saved settings with at least one free-text channel. */
  async countWithFreeTextChannels(): Promise<number> {
    // The documents are JSON.stringify's, without spaces: a non-empty list of ids starts `["`. A pattern
    // both engines read the same, where their JSON functions differ.
    const row = await this.db.get<{ servers: number }>(
      `SELECT count(*) AS servers FROM guild_settings WHERE settings LIKE '%"freeTextChannelIds":["%'`,
    );
    return row?.servers ?? 0;
  }

  /** The most recent changes, newest first. */
  async history(guildId: string, limit = 20): Promise<SettingsAuditEntry[]> {
    const rows = await this.db.all<{
      user_id: string;
      at: number;
      setting: string;
      old_value: string;
      new_value: string;
    }>(
      "SELECT user_id, at, setting, old_value, new_value FROM settings_audit WHERE guild_id = ? ORDER BY at DESC, id DESC LIMIT ?",
      [guildId, limit],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      at: row.at,
      setting: row.setting as SettingsAuditEntry["setting"],
      oldValue: JSON.parse(row.old_value),
      newValue: JSON.parse(row.new_value),
    }));
  }

  private async write(
    guildId: string,
    settings: GuildSettings,
    changes: SettingsAuditEntry[],
    now: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO guild_settings (guild_id, settings, updated_at) VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
        [guildId, JSON.stringify(settings), now],
      );
      for (const change of changes) {
        await tx.run(
          "INSERT INTO settings_audit (guild_id, user_id, at, setting, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
          [
            guildId,
            change.userId,
            change.at,
            change.setting,
            JSON.stringify(change.oldValue),
            JSON.stringify(change.newValue),
          ],
        );
      }
    });
    this.cache.set(guildId, settings);
  }
}
