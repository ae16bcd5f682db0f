import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";

/** Makes a file read-only; root ignores file modes, so as root it is made immutable instead (`chattr +i`). */
export function makeReadOnly(path: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["+i", path]);
  else chmodSync(path, 0o444);
}

/** Undoes {@link makeReadOnly}. */
export function makeWritable(path: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["-i", path]);
  else chmodSync(path, 0o644);
}
