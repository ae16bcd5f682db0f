/**
 * A MiniSearch index as compact arrays, for the cache file. MiniSearch's own `toJSON` / `loadJS` write each
 * posting list as an object keyed by document number and read it back through `Object.entries` and
 * `parseInt`: at 100k passages that was two thirds of a cold start. Here a posting list is a flat array
 * `[doc, freq, doc, freq, …]`, written and read term by term, so neither side ever holds the whole index
 * twice, and loading builds MiniSearch's maps directly.
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
      for (const [document, frequency] of documents) numbers.push(document, frequency);
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
      const byField = new Map<number, DocumentFrequencies>();
      for (let f = 0; f < fields; f++) {
        const fieldId = numbers[at++] as number;
        const documentCount = numbers[at++] as number;
        const documents: DocumentFrequencies = new Map();
        for (let d = 0; d < documentCount; d++, at += 2)
          documents.set(numbers[at] as number, numbers[at + 1] as number);
        byField.set(fieldId, documents);
      }
      internals._index.set(term, byField);
    }
  }
  return { index, passageFrequencies };
}
