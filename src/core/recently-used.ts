/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one when it would hold
 * more: the bound on every cache the engine fills as questions come (sentence views, articles' sentences,
 * named articles' indexes).
 */
export class RecentlyUsed<V> {
  // Most recently used last (a Map keeps insertion order), so eviction takes the first.
  readonly #entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** How many entries are held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `key`, made by `make` when it is not held, and marked as the most recently used. */
  getOrMake(key: string, make: () => V): V {
    let value = this.#entries.get(key);
    if (value !== undefined) this.#entries.delete(key);
    else value = make();
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const leastRecent = this.#entries.keys().next().value;
      if (leastRecent !== undefined) this.#entries.delete(leastRecent);
    }
    return value;
  }
}
