import { sharedMissing, sharedPresent } from "./paths.ts";

/**
 * Vitest global set-up: says once per run, in one line, why some suites are skipped. The default reporter
 * shows only counts, and a skip nobody can see the reason for looks like a failure to set up.
 */
export default function sayWhetherSharedDataIsPresent(): void {
  if (!sharedPresent) console.log(`Tests that read ../shared are ${sharedMissing}; CI runs them.`);
}
