/**
 * Preloaded by `npm run bench` (`node --import <this file, compiled> dist/src/main.js`) to see where one
 * start goes: marks when Node reaches our first line, before main.js's modules load, and at exit writes
 * {@link StartupProbeReport} as one JSON line on stderr. The program itself runs unchanged.
 */
import { writeSync } from "node:fs";
import { markStartup, type StartupMark, startupMarks } from "./startup-marks.ts";

/** What the probe writes at exit. */
export interface StartupProbeReport {
  /** Milliseconds from the start of the process to each mark it reached. */
  marksMs: Partial<Record<StartupMark, number>>;
  /** CPU time of the whole process (user + system), in ms. */
  cpuMs: number;
}

markStartup("nodeStarted");

process.once("exit", () => {
  const marksMs: StartupProbeReport["marksMs"] = {};
  for (const [mark, name] of Object.entries(startupMarks) as Array<[StartupMark, string]>) {
    const entry = performance.getEntriesByName(name, "mark")[0];
    if (entry !== undefined) marksMs[mark] = entry.startTime;
  }
  const { user, system } = process.cpuUsage();
  const report: StartupProbeReport = { marksMs, cpuMs: (user + system) / 1000 };
  // Synchronous: the process is exiting.
  writeSync(2, `${JSON.stringify(report)}\n`);
});
