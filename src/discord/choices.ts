import type { ApplicationCommandOptionChoiceData } from "discord.js";
import { headingOf, sectionsOf } from "../core/lookup.ts";
import type { Article } from "../core/types.ts";
import { discordLimits } from "./limits.ts";
import { plainText } from "./text.ts";

/** A suggestion before it is fitted to Discord's limits. */
export interface ChoiceCandidate {
  name: string;
  value: string;
}

/**
 * Autocomplete choices within Discord's limits: at most 25, names cleaned and shortened to 100 characters,
 * and candidates whose value is empty, longer than 100 characters or repeated left out (a shortened value
 * would no longer name the same thing).
 */
export function toChoices(
  candidates: Iterable<ChoiceCandidate>,
): ApplicationCommandOptionChoiceData<string>[] {
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (choices.length >= discordLimits.choices) break;
    const { value } = candidate;
    if (value === "" || value.length > discordLimits.choiceValue || seen.has(value)) continue;
    const name = plainText(candidate.name, discordLimits.choiceName);
    if (name === "") continue;
    seen.add(value);
    choices.push({ name, value });
  }
  return choices;
}

/** Articles whose title or id contains what was typed, as choices (title shown, id as value). */
export function articleChoices(
  articles: readonly Article[],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  const matching = articles.filter(
    (article) => article.title.toLowerCase().includes(needle) || article.id.includes(needle),
  );
  return toChoices(matching.map((article) => ({ name: article.title, value: article.id })));
}

/**
 * Sections whose heading or slug contains what was typed, as choices: the heading (with the article's title
 * when several articles are offered), and `article-id/slug` as value so it names one section.
 */
export function sectionChoices(
  articles: readonly Article[],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  const several = articles.length > 1;
  return toChoices(
    sectionsOf(articles)
      .filter(
        ({ section }) => headingOf(section).toLowerCase().includes(needle) || section.slug.includes(needle),
      )
      .map(({ article, section }) => ({
        name: several ? `${headingOf(section)} (${article.title})` : headingOf(section),
        value: `${article.id}/${section.slug}`,
      })),
  );
}
