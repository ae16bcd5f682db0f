import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { runSteps, type Steps } from "../steps.ts";
import type { Article, IngestWarning } from "../types.ts";
import { ankiNotesAsText } from "./anki-export.ts";
import { type ArticleMetadata, buildArticle, slugify } from "./article.ts";
import { boxDrawingAsText } from "./box-drawing.ts";
import { barePipeRowsAsMarkdownTables, csvAsMarkdownTables } from "./csv-rows.ts";
import { gutenbergBook } from "./ebook-framing.ts";
import { htmlToMarkdown, isHtmlSource } from "./html-source.ts";
import { kindleClippingsAsText } from "./kindle-clippings.ts";
import { isLatexSource, latexToMarkdown } from "./latex-source.ts";
import { isStrippedFormat, parsePunctuated } from "./punctuated.ts";
import { committedBoundaryModel } from "./segment/boundary-model.ts";
import { parseStripped } from "./stripped.ts";
import { isWikitextSource, wikitextToMarkdown } from "./wikitext-source.ts";

/** Limits applied while reading corpus files. */
export interface CorpusOptions {
  /** Files larger than this are skipped with a warning (bytes). */
  maxFileBytes: number;
}

export const defaultCorpusOptions: CorpusOptions = { maxFileBytes: 4 * 1024 * 1024 };

/** The corpus cannot be used at all (missing folder, no readable article). */
export class CorpusError extends Error {
  override name = "CorpusError";

  /** Every file skipped on the way: they say why no article was readable. */
  readonly warnings: readonly IngestWarning[];

  constructor(message: string, warnings: readonly IngestWarning[] = []) {
    super(message);
    this.warnings = warnings;
  }
}

/** One readable corpus file: its text and sidecar, before parsing. */
export interface CorpusFile {
  file: string;
  id: string;
  text: string;
  metadata: ArticleMetadata;
}

/**
 * Plain text, Markdown, subtitle files (a video's captions, read as a transcript), LaTeX and HTML source
 * (read as the Markdown they stand for); uploads take the same (`src/library/extract.ts`).
 */
export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set([
  ".txt",
  ".md",
  ".srt",
  ".vtt",
  ".tex",
  ".html",
  ".htm",
]);
/** The article types as the messages name them. */
const ARTICLE_TYPES = ".txt, .md, .tex, .html, .srt or .vtt";

/** An article's sidecar (`stem.json`, seen in the folder's listing by the caller), checked field by field. */
function readMetadata(path: string, warnings: IngestWarning[]): ArticleMetadata {
  const file = basename(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    warnings.push({ file, message: `ignored: not valid JSON (${(error as Error).message})` });
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    warnings.push({ file, message: "ignored: expected a JSON object with title, url, license" });
    return {};
  }
  const metadata: ArticleMetadata = {};
  const fields = parsed as Record<string, unknown>;
  for (const key of ["title", "url", "license"] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "") {
      warnings.push({ file, message: `ignored field "${key}": expected a non-empty string` });
    } else if (key === "url" && !/^https?:\/\/\S+$/u.test(value)) {
      warnings.push({ file, message: `ignored field "url": not an http(s) address` });
    } else {
      metadata[key] = value.trim();
    }
  }
  return metadata;
}

/** Decodes strictly: a file that is not UTF-8 is skipped with a warning, not read as mojibake. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's text, decoded once, or why it cannot be read as an article. */
function decodeArticle(bytes: Buffer, options: CorpusOptions): { text: string } | { problem: string } {
  if (bytes.length > options.maxFileBytes) {
    const megabytes = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      problem: `skipped: too large (${megabytes(bytes.length)} MB, limit ${megabytes(options.maxFileBytes)} MB)`,
    };
  }
  if (bytes.includes(0)) return { problem: "skipped: looks like a binary file" };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { problem: "skipped: not valid UTF-8 text" };
  }
  if (text.trim() === "") return { problem: "skipped: the file is empty" };
  return { text: text.replace(/^\uFEFF/u, "") };
}

/** A corpus folder as read: its usable files and a warning for each file skipped. */
export interface CorpusRead {
  files: CorpusFile[];
  warnings: IngestWarning[];
}

/** Reads every `*.txt` / `*.md` file of a folder (sorted by name), skipping unusable ones with a warning. */
export function readCorpusFiles(dir: string, options: CorpusOptions = defaultCorpusOptions): CorpusRead {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CorpusError(
      `corpus folder not found: ${dir} (set CORPUS_DIR to a folder of ${ARTICLE_TYPES} articles)`,
    );
  }
  const warnings: IngestWarning[] = [];
  const files: CorpusFile[] = [];
  // One listing answers which entries are files and which sidecars exist: a library of thousands of
  // articles is read on every start to check the cache, and a stat per file and sidecar adds up.
  const entries = readdirSync(dir, { withFileTypes: true });
  const present = new Set(entries.map((entry) => entry.name));
  const names = entries
    .filter((entry) => ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && statSync(join(dir, entry.name)).isFile()))
    .map((entry) => entry.name)
    .sort();
  const usedIds = new Set<string>();
  for (const name of names) {
    const decoded = decodeArticle(readFileSync(join(dir, name)), options);
    if ("problem" in decoded) {
      warnings.push({ file: name, message: decoded.problem });
      continue;
    }
    const stem = basename(name, extname(name));
    let id = slugify(stem);
    for (let n = 2; usedIds.has(id); n++) id = `${slugify(stem)}-${n}`;
    usedIds.add(id);
    const sidecar = `${stem}.json`;
    const metadata = present.has(sidecar) ? readMetadata(join(dir, sidecar), warnings) : {};
    files.push({ file: name, id, text: decoded.text, metadata });
  }
  return { files, warnings };
}

/** Parses one corpus file into an article, or null when nothing readable was recovered. */
export function ingestFile(file: CorpusFile): Article | null {
  const typed = file.text.replace(/\r\n?/gu, "\n");
  const book = gutenbergBook(typed) ?? ankiNotesAsText(typed) ?? kindleClippingsAsText(typed) ?? typed;
  const text = barePipeRowsAsMarkdownTables(
    csvAsMarkdownTables(
      isLatexSource(book)
        ? latexToMarkdown(book)
        : isHtmlSource(book)
          ? htmlToMarkdown(book)
          : isWikitextSource(book)
            ? wikitextToMarkdown(book)
            : boxDrawingAsText(book),
    ),
  );
  const parsed = isStrippedFormat(text)
    ? parseStripped(text, committedBoundaryModel())
    : parsePunctuated(text);
  const article = buildArticle(file.id, file.file, parsed, file.metadata);
  return article.sections.some((section) => section.sentences.length > 0) ? article : null;
}

/** A fingerprint of each corpus file (its name, text and sidecar), by article id. */
export function fingerprintFiles(files: readonly CorpusFile[]): Map<string, string> {
  const fingerprintOf = (file: CorpusFile) =>
    createHash("sha256")
      .update(`${file.file}\0${file.text}\0${JSON.stringify(file.metadata)}`)
      .digest("hex");
  return new Map(files.map((file) => [file.id, fingerprintOf(file)]));
}

/** Whether a change to this file name can change the corpus: an article or a sidecar. */
export function isCorpusFileName(name: string): boolean {
  const extension = extname(name).toLowerCase();
  return ARTICLE_EXTENSIONS.has(extension) || extension === ".json";
}

/**
 * Ingests every readable file, adding a warning for each file without sentences; an empty result is a
 * `CorpusError` naming the folder and carrying `warnings` (pass those of reading too, so it explains itself).
 */
export function ingestCorpus(
  dir: string,
  files: readonly CorpusFile[],
  warnings: IngestWarning[],
): Article[] {
  return runSteps(ingestCorpusSteps(dir, files, warnings));
}

/** {@link ingestCorpus} as steps, one file each. */
export function* ingestCorpusSteps(
  dir: string,
  files: readonly CorpusFile[],
  warnings: IngestWarning[],
): Steps<Article[]> {
  const articles: Article[] = [];
  yield* ingestEachSteps(dir, files, warnings, (article) => articles.push(article));
  return articles;
}

/**
 * {@link ingestCorpusSteps} handing each article to `consume` as it is read instead of keeping them all
 * (a large corpus is indexed and cached article by article); returns how many there were.
 */
export function* ingestEachSteps(
  dir: string,
  files: readonly CorpusFile[],
  warnings: IngestWarning[],
  consume: (article: Article) => void,
): Steps<number> {
  let count = 0;
  for (const file of files) {
    const article = ingestFile(file);
    if (article === null) warnings.push({ file: file.file, message: "skipped: no readable sentences found" });
    else {
      consume(article);
      count++;
    }
    yield;
  }
  if (count === 0) {
    throw new CorpusError(
      `no readable articles in ${dir}: add ${ARTICLE_TYPES} files (see README, "Corpus format")`,
      warnings,
    );
  }
  return count;
}
