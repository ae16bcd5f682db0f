import type { Command } from "../src/discord/command.ts";
import about from "./about.ts";
import ask from "./ask.ts";
import config from "./config.ts";
import help from "./help.ts";
import leaderboard from "./leaderboard.ts";
import library from "./library.ts";
import passage from "./passage.ts";
import quiz from "./quiz.ts";
import search from "./search.ts";
import sections from "./sections.ts";
import timeline from "./timeline.ts";

/** Every slash command, in the order Discord lists them: the one list both the bot and deploy-commands use. */
export const commands: readonly Command[] = [
  ask,
  search,
  passage,
  sections,
  timeline,
  quiz,
  leaderboard,
  about,
  help,
  config,
  library,
];
