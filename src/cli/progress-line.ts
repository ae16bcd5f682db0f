/**
 * A build's progress on the terminal: on a TTY one bar redrawn in place with `\r`; elsewhere (a log file, a
 * pipe, a container's log) a plain line every few percent, so logs stay readable. Builds that finish
 * within `quietMs` show nothing: a bar that flashes for a moment only adds noise.
 */
import type { BuildProgress } from "../core/engine.ts";

/** How progress is shown. Defaults in {@link defaultProgressLineOptions}. */
export interface ProgressLineOptions {
  /** Nothing is shown until the build has run this long (ms). */
  quietMs: number;
  /** Without a TTY, a line each time the build passes another multiple of this many percent. */
  plainStepPercent: number;
  /** Characters in the bar. */
  barWidth: number;
  /** The clock, in ms (tests pass their own). */
  now: () => number;
}

export const defaultProgressLineOptions: ProgressLineOptions = {
  quietMs: 1500,
  plainStepPercent: 10,
  barWidth: 24,
  now: () => performance.now(),
};

/** Where progress is written: a TTY gets the bar; null shows nothing (tests of what reports it). */
export type ProgressStream = (Pick<NodeJS.WritableStream, "write"> & { isTTY?: boolean }) | null;

const stageNames: Record<BuildProgress["stage"], string> = {
  ingest: "reading and indexing articles",
  index: "writing the index",
  cache: "writing the cache",
};

/** Whole percent done; the nudge keeps float error (0.6 + 0.3 = 0.8999…) from showing 89% for 90%. */
const percentOf = (fraction: number) => Math.floor(fraction * 100 + 1e-9);

/** `[##########--------------] `: `fraction` of `width` filled. */
function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One long task's progress line. */
export interface ProgressLine {
  /** `fraction` (0–1) done, with what is being done (`indexing passages 1200/3000`). */
  update(fraction: number, detail?: string): void;
  /** Ends the line with the time taken, when anything was shown. */
  done(): void;
}

/** A progress line for `label` on `stream` (see the module comment for what it shows where). */
export function progressLine(
  stream: ProgressStream,
  label: string,
  options: Partial<ProgressLineOptions> = {},
): ProgressLine {
  const { quietMs, plainStepPercent, barWidth, now } = { ...defaultProgressLineOptions, ...options };
  const started = now();
  let shown = false;
  let ended = false;
  let lastDrawn = "";
  let lastStep = -1;
  return {
    update(fraction, detail = "") {
      if (stream === null || ended || (!shown && now() - started < quietMs)) return;
      shown = true;
      const described = `${percentOf(fraction)}%${detail === "" ? "" : ` (${detail})`}`;
      if (stream.isTTY) {
        // Reports come hundreds of times a stage: redraw when what is shown changes, not each time.
        const drawn = `${percentOf(fraction)} ${detail.replace(/[\d,]+/gu, "")}`;
        if (drawn === lastDrawn) return;
        lastDrawn = drawn;
        stream.write(`\r${label} ${bar(fraction, barWidth)} ${described}\x1b[K`);
        return;
      }
      const step = Math.floor(percentOf(fraction) / plainStepPercent);
      if (step <= lastStep) return;
      lastStep = step;
      stream.write(`${label}: ${described}\n`);
    },
    done() {
      if (stream === null || ended || !shown) {
        ended = true;
        return;
      }
      ended = true;
      const end = `${label}: done in ${seconds(now() - started)}`;
      stream.write(stream.isTTY ? `\r${end}\x1b[K\n` : `${end}\n`);
    },
  };
}

/**
 * A receiver for {@link BuildProgress} reports (`LoadEngineOptions.onProgress`) that writes `label`'s
 * progress to `stream`, ending with a line saying how long the build took (when anything was shown).
 */
export function progressReporter(
  stream: ProgressStream,
  label: string,
  options: Partial<ProgressLineOptions> = {},
): (progress: BuildProgress) => void {
  const line = progressLine(stream, label, options);
  return (progress) => {
    if (progress.fraction >= 1) line.done();
    else line.update(progress.fraction, `${stageNames[progress.stage]} ${progress.done}/${progress.total}`);
  };
}
