import { extname } from "node:path";
import { ARTICLE_EXTENSIONS } from "../core/ingest/corpus.ts";

/**
 * Turns a file a moderator uploads into article text for the ingester: plain text and Markdown as they
 * are (once checked to be UTF-8 text), PDFs through their text layer. Every refusal is one short line
 * a moderator can read in Discord.
 *
 * Non-goals: no OCR of scanned PDFs, no layout recovery (columns, tables, headers and footers stay as
 * the PDF's text layer orders them), no other document formats.
 */

/** Limits applied to an uploaded article. */
export interface UploadLimits {
  /** Largest article text kept after extraction, in UTF-8 bytes. */
  maxTextBytes: number;
  /** Largest file accepted before extraction, in bytes. */
  maxDownloadBytes: number;
}

export const defaultUploadLimits: UploadLimits = {
  maxTextBytes: 2 * 1024 * 1024,
  maxDownloadBytes: 20 * 1024 * 1024,
};

export type UploadKind = "txt" | "md" | "pdf";

/**
 * The files an upload may be, as the bot's messages name them. A subtitle file is plain text with timestamps,
 * a LaTeX file or a saved web page plain text with markup (read as the Markdown it stands for).
 */
export const ACCEPTED_FILES = ".txt, .md, .pdf, LaTeX (.tex), .html or subtitle (.srt, .vtt)";

/** The text of an upload and how many pages it had (PDF only), or why it cannot be an article. */
export type ExtractedUpload =
  | { ok: true; kind: UploadKind; text: string; pages: number | null }
  | { ok: false; problem: string };

/** A size for people: `512 bytes`, `512 KB`, `1.5 MB`, `2 MB` (binary units, at most one decimal). */
export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(unit === 0 ? 0 : 1))} ${units[unit]}`;
}

/** `size` beside `limit`, saying "more than" when both would print the same. */
function sizeOver(size: number, limit: number): string {
  return formatBytes(size) === formatBytes(limit) ? `more than ${formatBytes(limit)}` : formatBytes(size);
}

/** The wording of every refusal, so tests and callers can recognise one. */
export const uploadProblems = {
  unknownType: `Only ${ACCEPTED_FILES} files can be added.`,
  tooLargeFile: (size: number, limit: number) =>
    `The file is ${sizeOver(size, limit)}; the limit is ${formatBytes(limit)} per upload.`,
  tooLargeText: (size: number, limit: number) =>
    `The text is ${sizeOver(size, limit)}; the limit is ${formatBytes(limit)} per article.`,
  binary: `The file looks binary, not like text; upload a ${ACCEPTED_FILES} file.`,
  notUtf8: "The file is not UTF-8 text; save it as UTF-8 and upload it again.",
  empty: "The file has no text.",
  notPdf: "The file is not a PDF, although its name ends in .pdf.",
  unreadablePdf: "The PDF could not be read; it may be damaged.",
  passwordPdf: "The PDF is password-protected; upload a copy without a password.",
  noTextLayer: "The PDF has no text layer (it looks scanned); upload a PDF with selectable text.",
} as const;

/** Which kind a file name is, or null for an unknown type. */
export function uploadKindOf(fileName: string): UploadKind | null {
  const extension = extname(fileName).toLowerCase();
  if (extension === ".md") return "md";
  if (ARTICLE_EXTENSIONS.has(extension)) return "txt";
  if (extension === ".pdf") return "pdf";
  return null;
}

/** Share of control characters (other than tab, line feed, form feed, carriage return) that marks a binary file. */
const MAX_CONTROL_SHARE = 0.05;
/** How much of a file the binary check reads. */
const BINARY_SAMPLE_BYTES = 64 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) {
      controls++;
    }
  }
  return controls > sample.length * MAX_CONTROL_SHARE;
}

/** The text of an upload and its page count (null for plain text), or why there is none. */
type Extraction = { text: string; pages: number | null } | { problem: string };

function decodeText(bytes: Uint8Array): Extraction {
  if (looksBinary(bytes)) return { problem: uploadProblems.binary };
  try {
    // `ignoreBOM: false` (the default) drops a leading byte order mark.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), pages: null };
  } catch {
    return { problem: uploadProblems.notUtf8 };
  }
}

/** Whether a PDF header (`%PDF-`) sits where readers look for it: within the first kilobyte. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}

/**
 * Joins a word hyphenated across a line break (`con-` / `tinues`) when the joined word also appears
 * elsewhere in the text, so a real compound (`well-` / `known`) is never glued together by guesswork.
 */
function joinHyphenatedLines(text: string): string {
  const words = new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  return text.replace(/(\p{Ll}+)-\n(\p{Ll}+)/gu, (whole, head: string, tail: string) =>
    words.has(`${head}${tail}`.toLowerCase()) ? `${head}${tail}` : whole,
  );
}

async function extractPdfText(bytes: Uint8Array): Promise<Extraction> {
  if (!hasPdfHeader(bytes)) return { problem: uploadProblems.notPdf };
  let pageTexts: string[];
  try {
    // Loaded on the first PDF only: pdf.js takes about 50 ms to import, which a start need not wait for.
    const { extractText, getDocumentProxy } = await import("unpdf");
    // pdf.js may take ownership of the buffer it reads, so it gets a copy; verbosity 0 keeps its
    // warnings about odd but readable files off the console.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      pageTexts = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      // The serverless build lacks `PDFDocumentProxy.destroy()` (its types declare it): the task frees it.
      await pdf.loadingTask.destroy();
    }
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return {
      problem: name === "PasswordException" ? uploadProblems.passwordPdf : uploadProblems.unreadablePdf,
    };
  }
  if (!pageTexts.some((page) => /\p{L}/u.test(page))) return { problem: uploadProblems.noTextLayer };
  // A blank line between pages keeps a sentence from running from one page's footer into the next page.
  const text = pageTexts
    .map((page) => page.replace(/[ \t]+$/gmu, "").trim())
    .filter((page) => page !== "")
    .join("\n\n");
  return { text: joinHyphenatedLines(text), pages: pageTexts.length };
}

/** Reads an uploaded file as article text, or says in one line why it cannot be an article. */
export async function extractUploadText(
  fileName: string,
  bytes: Uint8Array,
  limits: UploadLimits = defaultUploadLimits,
): Promise<ExtractedUpload> {
  const kind = uploadKindOf(fileName);
  if (kind === null) return { ok: false, problem: uploadProblems.unknownType };
  if (bytes.length > limits.maxDownloadBytes) {
    return { ok: false, problem: uploadProblems.tooLargeFile(bytes.length, limits.maxDownloadBytes) };
  }
  const extracted = kind === "pdf" ? await extractPdfText(bytes) : decodeText(bytes);
  if ("problem" in extracted) return { ok: false, problem: extracted.problem };
  if (extracted.text.trim() === "") return { ok: false, problem: uploadProblems.empty };
  const textBytes = Buffer.byteLength(extracted.text, "utf8");
  if (textBytes > limits.maxTextBytes) {
    return { ok: false, problem: uploadProblems.tooLargeText(textBytes, limits.maxTextBytes) };
  }
  return { ok: true, kind, text: extracted.text, pages: extracted.pages };
}
