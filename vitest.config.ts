import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/shared-notice.ts", "tests/support/private-temp-folder.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
