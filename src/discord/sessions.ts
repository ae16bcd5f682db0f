import { randomBytes } from "node:crypto";

/** What the store adds to each kept value. */
export interface Session {
  /** Random, so buttons from before a restart never open someone else's session. */
  id: string;
  /** When it was created or last {@link SessionStore.touch}ed; it expires `ttlMs` later. */
  usedAt: number;
}

/** Limits of a store. */
export interface SessionStoreOptions {
  /** How long after its last use a session works (ms). */
  ttlMs: number;
  /** Most sessions kept; the least recently used is dropped beyond it. */
  maxSessions: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/**
 * State that buttons come back to (search and timeline pages, quizzes, answers open to votes): in memory,
 * bounded in age and number, and lost on restart, as such state may be.
 */
export class SessionStore<T extends object> {
  readonly #sessions = new Map<string, T & Session>();
  readonly #options: SessionStoreOptions;
  readonly #now: () => number;

  constructor(options: SessionStoreOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Keeps a new session, dropping expired ones and, beyond the cap, the least recently used. */
  create(value: T): T & Session {
    this.#dropExpired();
    while (this.#sessions.size >= this.#options.maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done) break;
      this.#sessions.delete(oldest.value);
    }
    const created = { ...value, id: randomBytes(8).toString("base64url"), usedAt: this.#now() };
    this.#sessions.set(created.id, created);
    return created;
  }

  /** The session, or undefined when it expired, was dropped or never existed. */
  get(id: string): (T & Session) | undefined {
    const session = this.#sessions.get(id);
    if (session && this.#now() - session.usedAt >= this.#options.ttlMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** Restarts a session's time, e.g. on every answer of a quiz. */
  touch(session: T & Session): void {
    session.usedAt = this.#now();
    // Re-inserting keeps the map in order of last use, which #dropExpired and the cap rely on.
    this.#sessions.delete(session.id);
    this.#sessions.set(session.id, session);
  }

  /** Ends a session (a confirmation used once); returns whether it was there. */
  delete(id: string): boolean {
    return this.#sessions.delete(id);
  }

  /** The sessions that have not expired, least recently used first. */
  *live(): Generator<T & Session> {
    for (const session of this.#sessions.values()) {
      if (this.#now() - session.usedAt < this.#options.ttlMs) yield session;
    }
  }

  get size(): number {
    return this.#sessions.size;
  }

  #dropExpired(): void {
    // The map is in order of last use, so expired sessions are all at the front.
    for (const [id, session] of this.#sessions) {
      if (this.#now() - session.usedAt < this.#options.ttlMs) break;
      this.#sessions.delete(id);
    }
  }
}
