import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding the project's `package.json`, where `models/` lives: found by walking up from this
 * file, because it runs from `src/core/` under tsx and from `dist/src/core/` once built.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** The project root (the folder with `package.json`, `models/` and the default `corpus/`). */
export const projectRoot: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
