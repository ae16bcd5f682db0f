import { randomBytes } from "node:crypto";

/** The results of one `/search`, kept so its paging buttons can show other pages. */
export interface SearchSession {
  /** Random, so buttons from before a restart never open someone else's results. */
  id: string;
  /** Only this user may turn the pages. */
  userId: string;
  query: string;
  articleId: string | null;
  /** Result passage ids, best first. */
  passageIds: string[];
  createdAt: number;
}

/** Limits of the store. */
export interface SearchSessionOptions {
  /** How long after the search its buttons work (ms). */
  ttlMs: number;
  /** Most sessions kept; the oldest is dropped beyond it. */
  maxSessions: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/** In-memory search sessions, bounded in age and number. Lost on restart, as paging state may be. */
export class SearchSessions {
  readonly #sessions = new Map<string, SearchSession>();
  readonly #options: SearchSessionOptions;
  readonly #now: () => number;

  constructor(options: SearchSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Keeps a new session, dropping expired ones and, beyond the cap, the oldest. */
  create(session: Omit<SearchSession, "id" | "createdAt">): SearchSession {
    this.#dropExpired();
    while (this.#sessions.size >= this.#options.maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done) break;
      this.#sessions.delete(oldest.value);
    }
    const created = { ...session, id: randomBytes(8).toString("base64url"), createdAt: this.#now() };
    this.#sessions.set(created.id, created);
    return created;
  }

  /** The session, or undefined when it expired, was dropped or never existed. */
  get(id: string): SearchSession | undefined {
    const session = this.#sessions.get(id);
    if (session && this.#now() - session.createdAt >= this.#options.ttlMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  get size(): number {
    return this.#sessions.size;
  }

  #dropExpired(): void {
    // Insertion order is age order, so expired sessions are all at the front.
    for (const [id, session] of this.#sessions) {
      if (this.#now() - session.createdAt < this.#options.ttlMs) break;
      this.#sessions.delete(id);
    }
  }
}
