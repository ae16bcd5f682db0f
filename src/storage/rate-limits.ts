/**
 * Cooldowns and rate caps as token buckets in memory (they need not survive a restart; settings do).
 * A member's bucket holds one question and refills after the cooldown; a server's bucket holds a
 * minute's worth of questions and refills continuously.
 */

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The verdict on one question. */
export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      reason: "cooldown" | "server-rate";
      /** Seconds until the next question would be allowed. */
      retryAfterSeconds: number;
      /** True only the first time this wait is reported; repeated attempts get nothing more. */
      notify: boolean;
    };

export interface RateLimitSettings {
  cooldownSeconds: number;
  questionsPerMinute: number;
}

/** Buckets idle for this long are dropped, bounding memory. */
const IDLE_BUCKET_MS = 60 * 60_000;

export class RateLimiter {
  private readonly members = new Map<string, Bucket>();
  private readonly servers = new Map<string, Bucket>();
  /** Members already told about their current wait: told once, then silence until they may ask again. */
  private readonly told = new Set<string>();

  /**
   * Decides whether `userId` may ask in `guildId` now, and takes a token when so. Both the member's
   * cooldown and the server's cap must allow it.
   */
  take(guildId: string, userId: string, settings: RateLimitSettings, now = Date.now()): RateDecision {
    this.sweep(now);
    const memberKey = `${guildId}:${userId}`;
    const member =
      settings.cooldownSeconds > 0
        ? this.refill(this.members, memberKey, 1, 1 / settings.cooldownSeconds, now)
        : null;
    if (member !== null && member.tokens < 1) {
      return this.refuse(memberKey, "cooldown", (1 - member.tokens) * settings.cooldownSeconds);
    }
    const perSecond = settings.questionsPerMinute / 60;
    const server = this.refill(this.servers, guildId, settings.questionsPerMinute, perSecond, now);
    if (server.tokens < 1) return this.refuse(memberKey, "server-rate", (1 - server.tokens) / perSecond);
    server.tokens -= 1;
    if (member !== null) member.tokens -= 1;
    this.told.delete(memberKey);
    return { allowed: true };
  }

  private refill(
    buckets: Map<string, Bucket>,
    key: string,
    capacity: number,
    perSecond: number,
    now: number,
  ): Bucket {
    const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    buckets.set(key, bucket);
    return bucket;
  }

  private refuse(
    memberKey: string,
    reason: "cooldown" | "server-rate",
    retryAfterSeconds: number,
  ): RateDecision {
    const notify = !this.told.has(memberKey);
    this.told.add(memberKey);
    return { allowed: false, reason, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)), notify };
  }

  private sweep(now: number): void {
    for (const buckets of [this.members, this.servers]) {
      if (buckets.size < 10_000) continue;
      for (const [key, bucket] of buckets) if (now - bucket.updatedAt > IDLE_BUCKET_MS) buckets.delete(key);
    }
    if (this.told.size > 10_000) this.told.clear();
  }
}
