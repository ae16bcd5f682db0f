/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one when it would hold
 * more: the bound on every cache the engine fills as questions come (sentence views, articles' sentences,
 * named articles' indexes).
 */
export class RecentlyUsed<V> {
  // Most recently used last (a Map keeps insertion order), so eviction takes the first.
  readonly #entries = new Map<string, V>();
  /** Keys made once and not kept, most recent last; only with `admitOnSecondUse`. */
  readonly #seenOnce: Set<string> | undefined;

  /**
   * @param admitOnSecondUse keep an entry only when its key is asked for a second time while still among
   * the last `4 × capacity` keys made. In a large library most entries are used once: kept, each would
   * live until evicted, long enough to reach the collector's old generation, so the heap grew with every
   * question until a full collection; made and dropped, they die young. In a small library the same
   * entries recur and are kept from their second use on.
   */
  constructor(
    private readonly capacity: number,
    { admitOnSecondUse = false }: { admitOnSecondUse?: boolean } = {},
  ) {
    this.#seenOnce = admitOnSecondUse ? new Set() : undefined;
  }

  /** How many entries are held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `key`, made by `make` when it is not held, and marked as the most recently used. */
  getOrMake(key: string, make: () => V): V {
    let value = this.#entries.get(key);
    if (value !== undefined) this.#entries.delete(key);
    else {
      value = make();
      if (!this.#admits(key)) return value;
    }
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) dropOldest(this.#entries);
    return value;
  }

  /** Whether a newly made entry is kept: always, or (admitting on second use) when its key was seen lately. */
  #admits(key: string): boolean {
    const seenOnce = this.#seenOnce;
    if (seenOnce === undefined || seenOnce.delete(key)) return true;
    seenOnce.add(key);
    if (seenOnce.size > 4 * this.capacity) dropOldest(seenOnce);
    return false;
  }
}

/** Deletes the first key of a Map or Set (the oldest, as both keep insertion order). */
function dropOldest(entries: Map<string, unknown> | Set<string>): void {
  const oldest = entries.keys().next().value;
  if (oldest !== undefined) entries.delete(oldest);
}
