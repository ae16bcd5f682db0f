/** A function of one word that remembers its answers; `size` is how many it holds now. */
export interface Memoised<T> {
  (word: string): T;
  readonly size: number;
}

/**
 * Remembers a function of one word: ingestion and answering ask about the same words thousands of times.
 * Cleared when full: every new word asked or read would otherwise be kept for the life of the process
 * (a million distinct words kept 74 MB), growing a long-running bot with its users' typing.
 */
export function memoised<T>(compute: (word: string) => T, capacity = 200_000): Memoised<T> {
  const known = new Map<string, T>();
  const remembered = (word: string): T => {
    let value = known.get(word);
    if (value === undefined) {
      if (known.size >= capacity) known.clear();
      value = compute(word);
      known.set(word, value);
    }
    return value;
  };
  return Object.defineProperty(remembered, "size", { get: () => known.size }) as Memoised<T>;
}
