import { describe, expect, it } from "vitest";
import { SessionStore } from "../../src/discord/sessions.ts";

const search = {
  userId: "1200000000000000002",
  query: "siege",
  articleId: null,
  passageIds: ["lal-masjid/siege/1"],
};

describe("SessionStore", () => {
  it("keeps a session until its time is up", () => {
    let now = 1_000;
    const sessions = new SessionStore<typeof search>({ ttlMs: 600_000, maxSessions: 10, now: () => now });
    const session = sessions.create(search);

    now += 599_999;
    expect(sessions.get(session.id)).toEqual(session);
    now += 1;
    expect(sessions.get(session.id)).toBeUndefined();
  });

  it("restarts a session's time when it is used, as a quiz does on every answer", () => {
    let now = 0;
    const sessions = new SessionStore<typeof search>({ ttlMs: 1_000, maxSessions: 2, now: () => now });
    const quiz = sessions.create(search);
    const other = sessions.create(search);

    now = 900;
    sessions.touch(quiz);
    now = 1_500;
    expect(sessions.get(quiz.id)).toBe(quiz);
    expect(sessions.get(other.id)).toBeUndefined();
    sessions.create(search);
    sessions.create(search);
    expect(sessions.get(quiz.id)).toBeUndefined();
  });

  it("drops the oldest session beyond the cap and expired ones when a new one arrives", () => {
    let now = 0;
    const sessions = new SessionStore<typeof search>({ ttlMs: 1_000, maxSessions: 3, now: () => now });
    const [first, second, third] = [
      sessions.create(search),
      sessions.create(search),
      sessions.create(search),
    ];
    const fourth = sessions.create(search);

    expect(sessions.get(first.id)).toBeUndefined();
    expect([second, third, fourth].map((session) => sessions.get(session.id))).toEqual([
      second,
      third,
      fourth,
    ]);
    now = 5_000;
    sessions.create(search);
    expect(sessions.size).toBe(1);
  });

  it("gives every session a distinct id that fits in a button's custom id", () => {
    const sessions = new SessionStore<typeof search>({ ttlMs: 1_000, maxSessions: 1_000 });
    const ids = new Set(Array.from({ length: 500 }, () => sessions.create(search).id));

    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[\w-]{11}$/u);
  });
});
