/**
 * A MiniSearch index as compact arrays, for the cache file. MiniSearch's own `toJSON` / `loadJS` write each
 * posting list as an object keyed by document number and read it back through `Object.entries` and
 * `parseInt`: at 100k passages that was two thirds of a cold start. Here a posting list is a run of 32-bit
 * numbers `doc, freq, doc, freq, …`, written term by term, so the writer never holds the index twice. A
 * loaded index keeps them packed: each term's entry reads its postings where they lie (as MiniSearch reads
 * a map: `size`, `keys()`, `get(doc)`), so a cold start builds no map per term and field, and the index
 * takes a quarter of the memory.
 *
 * This reads and writes MiniSearch 7's internal fields (named in {@link MiniSearchInternals}); the cache
 * tests load a packed index back and compare every search, so a MiniSearch upgrade that renames them fails
 * there, not in production.
 */
import MiniSearch, { type Options } from "minisearch";
import type SearchableMap from "minisearch/SearchableMap";
import type { IndexedPassage } from "./search-index.ts";

/** Documents containing a term in one field, with the term's frequency in each. */
type DocumentFrequencies = Map<number, number>;

/** The MiniSearch 7 fields read and written here. */
interface MiniSearchInternals {
  _index: SearchableMap<Map<number, DocumentFrequencies>>;
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

const internalsOf = (index: MiniSearch<IndexedPassage>) => index as unknown as MiniSearchInternals;

/** Everything but the terms: document ids and field lengths, in MiniSearch's short-id order. */
export interface PackedIndexHead {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  shortIds: number[];
  ids: string[];
  /** Each document's field lengths, one after the other (as many per document as there are fields). */
  fieldLengths: number[];
}

/**
 * A run of terms and, as unsigned 32-bit integers, for each term: its passage frequency, its field count,
 * then per field the field id, the number of documents and `doc, freq` pairs. A term the vocabulary counts
 * but the index lacks has no fields.
 */
export interface PackedRow {
  terms: string[];
  postings: Uint8Array;
}

export function packIndexHead(index: MiniSearch<IndexedPassage>): PackedIndexHead {
  const internals = internalsOf(index);
  // Stored fields are not used (answers read passages from the articles); packing them is not supported.
  if (internals._storedFields.size > 0) throw new Error("packed index: stored fields are not supported");
  const fieldCount = Object.keys(internals._fieldIds).length;
  const shortIds = [...internals._documentIds.keys()];
  return {
    documentCount: internals._documentCount,
    nextId: internals._nextId,
    fieldIds: internals._fieldIds,
    averageFieldLength: internals._avgFieldLength,
    dirtCount: internals._dirtCount,
    shortIds,
    ids: shortIds.map((shortId) => internals._documentIds.get(shortId) as string),
    fieldLengths: shortIds.flatMap((shortId) => {
      const lengths = internals._fieldLength.get(shortId) ?? [];
      return Array.from({ length: fieldCount }, (_, field) => lengths[field] ?? 0);
    }),
  };
}

/** Numbers after which a row is closed early: common terms' postings stay far below SQLite's 1 GB blob limit. */
const MAX_NUMBERS_PER_ROW = 4_000_000;

/** The index's terms with their postings and passage frequencies, `termsPerRow` at a time. */
export function* packedRows(
  index: MiniSearch<IndexedPassage>,
  passageFrequencies: ReadonlyMap<string, number>,
  termsPerRow: number,
): Generator<PackedRow> {
  let terms: string[] = [];
  let numbers: number[] = [];
  const row = (): PackedRow => {
    const packed = { terms, postings: new Uint8Array(Uint32Array.from(numbers).buffer) };
    terms = [];
    numbers = [];
    return packed;
  };
  const indexed = internalsOf(index)._index;
  for (const [term, fields] of indexed) {
    terms.push(term);
    numbers.push(passageFrequencies.get(term) ?? 0, fields.size);
    for (const [fieldId, documents] of fields) {
      numbers.push(fieldId, documents.size);
      // By document, as a loaded index looks documents up (they come indexed in order, so this rarely sorts).
      const byDocument = [...documents];
      if (byDocument.some(([document], n) => n > 0 && document < (byDocument[n - 1]?.[0] ?? 0)))
        byDocument.sort((a, b) => a[0] - b[0]);
      for (const [document, frequency] of byDocument) numbers.push(document, frequency);
    }
    if (terms.length >= termsPerRow || numbers.length >= MAX_NUMBERS_PER_ROW) yield row();
  }
  for (const [term, frequency] of passageFrequencies) {
    if (indexed.has(term)) continue;
    terms.push(term);
    numbers.push(frequency, 0);
    if (terms.length >= termsPerRow) yield row();
  }
  if (terms.length > 0) yield row();
}

/**
 * A MiniSearch index from its packed head and rows, searching exactly as the one packed, and the passage
 * frequency of every term.
 */
export function loadPackedIndex(
  head: PackedIndexHead,
  rows: Iterable<PackedRow>,
  options: Options<IndexedPassage>,
): { index: MiniSearch<IndexedPassage>; passageFrequencies: Map<string, number> } {
  const index = MiniSearch.loadJS<IndexedPassage>(
    {
      documentCount: head.documentCount,
      nextId: head.nextId,
      documentIds: {},
      fieldIds: head.fieldIds,
      fieldLength: {},
      averageFieldLength: head.averageFieldLength,
      storedFields: {},
      dirtCount: head.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const internals = internalsOf(index);
  const fieldCount = Object.keys(head.fieldIds).length;
  head.shortIds.forEach((shortId, n) => {
    const id = head.ids[n] as string;
    internals._documentIds.set(shortId, id);
    internals._idToShortId.set(id, shortId);
    internals._fieldLength.set(shortId, head.fieldLengths.slice(n * fieldCount, (n + 1) * fieldCount));
  });
  const passageFrequencies = new Map<string, number>();
  for (const { terms, postings } of rows) {
    // Rows come from SQLite as Buffers at any byte offset: copied once so they read as 32-bit numbers.
    const numbers = new Uint32Array(Uint8Array.from(postings).buffer);
    let at = 0;
    for (const term of terms) {
      passageFrequencies.set(term, numbers[at++] as number);
      const fields = numbers[at++] as number;
      if (fields === 0) continue;
      const termPostings = new PackedTermPostings(numbers, at, fields);
      for (let f = 0; f < fields; f++) at += 2 + 2 * (numbers[at + 1] as number);
      internals._index.set(term, termPostings as unknown as Map<number, DocumentFrequencies>);
    }
  }
  return { index, passageFrequencies };
}

/**
 * One term's postings in every field, read from the packed numbers. MiniSearch reads an index entry with
 * `get(fieldId)` and the result with `size`, `keys()` and `get(doc)`; nothing else touches a loaded index,
 * which is never added to (a changed corpus is a new index).
 */
class PackedTermPostings {
  constructor(
    private readonly numbers: Uint32Array,
    /** Where the first field's id is. */
    private readonly start: number,
    readonly size: number,
  ) {}

  get(fieldId: number): PackedDocumentFrequencies | undefined {
    let at = this.start;
    for (let f = 0; f < this.size; f++) {
      const count = this.numbers[at + 1] as number;
      if (this.numbers[at] === fieldId) return new PackedDocumentFrequencies(this.numbers, at + 2, count);
      at += 2 + 2 * count;
    }
    return undefined;
  }

  *[Symbol.iterator](): Generator<[number, PackedDocumentFrequencies]> {
    let at = this.start;
    for (let f = 0; f < this.size; f++) {
      const count = this.numbers[at + 1] as number;
      yield [this.numbers[at] as number, new PackedDocumentFrequencies(this.numbers, at + 2, count)];
      at += 2 + 2 * count;
    }
  }
}

/** The documents holding a term in one field, with its frequency in each: `doc, freq` pairs by document. */
class PackedDocumentFrequencies {
  constructor(
    private readonly numbers: Uint32Array,
    private readonly start: number,
    readonly size: number,
  ) {}

  *keys(): Generator<number> {
    for (let n = 0; n < this.size; n++) yield this.numbers[this.start + 2 * n] as number;
  }

  *[Symbol.iterator](): Generator<[number, number]> {
    for (let n = 0; n < this.size; n++)
      yield [this.numbers[this.start + 2 * n] as number, this.numbers[this.start + 2 * n + 1] as number];
  }

  /** A document's frequency; documents are stored in increasing order (the order they were indexed). */
  get(document: number): number | undefined {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.numbers[this.start + 2 * middle] as number;
      if (found === document) return this.numbers[this.start + 2 * middle + 1];
      if (found < document) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}
