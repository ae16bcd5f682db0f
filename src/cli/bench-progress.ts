import type { BuildProgress } from "../core/engine.ts";

/**
 * A one-line progress bar for the benchmark's long stages (generating a corpus, building an index). On a
 * terminal it is redrawn in place; into a file or a pipe it writes a line at each tenth, so a log stays short.
 */
export interface ProgressBar {
  /** `fraction` of the stage done (0–1), with a short note of what it is doing. */
  update(fraction: number, detail?: string): void;
  /** Ends the line, noting how long the stage took. */
  done(detail?: string): void;
  /** `onProgress` for `loadEngine`: the build's stage and share done. */
  build(progress: BuildProgress): void;
}

const WIDTH = 30;

/** What a bar is drawn on: stderr, so stdout stays the report, or null to draw nothing (tests). */
export type BarStream = (NodeJS.WritableStream & { isTTY?: boolean }) | null;

/** A bar on `stream` for the stage called `label`. */
export function progressBar(stream: BarStream, label: string): ProgressBar {
  if (stream === null) return { update() {}, done() {}, build() {} };
  const started = performance.now();
  let lastTenth = -1;
  const line = (fraction: number, detail: string) => {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    return `… ${label} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${seconds} s ${detail}`.trimEnd();
  };
  const update = (fraction: number, detail = "") => {
    if (stream.isTTY) {
      stream.write(`\r${line(fraction, detail)}\u001b[K`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    // 100% is left to `done`, which says how long the stage took.
    if (tenth > lastTenth && tenth < 10) {
      lastTenth = tenth;
      stream.write(`${line(fraction, detail)}\n`);
    }
  };
  return {
    update,
    done(detail = "") {
      if (stream.isTTY) stream.write(`\r${line(1, detail)}\u001b[K\n`);
      else stream.write(`${line(1, detail)}\n`);
    },
    build(progress) {
      update(
        progress.fraction,
        `${progress.stage} ${progress.done.toLocaleString("en-US")}/${progress.total.toLocaleString("en-US")}`,
      );
    },
  };
}
