/**
 * Discord's limits on what a bot sends (https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * and the interaction docs). Everything the bot sends is fitted to these before it leaves.
 */
export const discordLimits = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over all embeds. */
  embedTotal: 6000,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;
