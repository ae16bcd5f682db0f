import { PDFDocument, type PDFFont, PDFHexString, rgb, StandardFonts } from "pdf-lib";

/** Page layout of the fixture PDFs: US Letter, 12 pt Helvetica, 1-inch margins. */
const PAGE = { width: 612, height: 792, margin: 72, fontSize: 12, lineHeight: 16 };

/** Splits a line into lines no wider than `width` at the font's size, breaking between words. */
function wrapLine(line: string, font: PDFFont, width: number): string[] {
  const wrapped: string[] = [];
  let current = "";
  for (const word of line.split(/\s+/u).filter(Boolean)) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (current !== "" && font.widthOfTextAtSize(candidate, PAGE.fontSize) > width) {
      wrapped.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current !== "" || wrapped.length === 0) wrapped.push(current);
  return wrapped;
}

/**
 * A PDF with a real text layer: one page per entry of `pages`, each a list of lines (long lines wrap
 * to the page width). Throws when a page's lines do not fit on it, rather than moving them elsewhere.
 */
export async function makeTextPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const textWidth = PAGE.width - 2 * PAGE.margin;
  pages.forEach((lines, pageIndex) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    const wrapped = lines.flatMap((line) => wrapLine(line, font, textWidth));
    const fits = Math.floor((PAGE.height - 2 * PAGE.margin) / PAGE.lineHeight);
    if (wrapped.length > fits) {
      throw new Error(`page ${pageIndex + 1} needs ${wrapped.length} lines; ${fits} fit`);
    }
    wrapped.forEach((text, n) => {
      const y = PAGE.height - PAGE.margin - PAGE.fontSize - n * PAGE.lineHeight;
      page.drawText(text, { x: PAGE.margin, y, size: PAGE.fontSize, font });
    });
  });
  return doc.save();
}

/** A one-page PDF holding only a drawn rectangle: what a scan without a text layer looks like to a reader. */
export async function makeDrawingOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([PAGE.width, PAGE.height]);
  page.drawRectangle({ x: 100, y: 300, width: 400, height: 200, color: rgb(0.2, 0.4, 0.6) });
  return doc.save();
}

/**
 * A PDF that asks for a password: its standard security handler holds a user-password check the empty
 * password fails, so a reader stops before the (unencrypted) page. pdf-lib cannot encrypt; readers
 * check the password first, which is all a refusal needs.
 */
export async function makePasswordPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText("The minutes of the mosque committee.");
  const hex = (bytes: number) => PDFHexString.of("ab".repeat(bytes));
  const encrypt = doc.context.obj({ Filter: "Standard", V: 1, R: 2, O: hex(32), U: hex(32), P: -4 });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([hex(16), hex(16)]);
  return doc.save({ useObjectStreams: false });
}
