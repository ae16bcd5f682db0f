import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandPermission,
  type APIAttachment,
  type APIDMChannel,
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedGuildMember,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandPermissionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
} from "discord.js";
import type { FakeUpload, InteractionOptionInput, SendInteractionOptions } from "../fake-discord.ts";
import type { CommandOptionBody, ComponentBody } from "./validation.ts";

/** The channels the fake models: guild text channels and the bot's DMs. */
export type TextBasedChannel = APITextChannel | APIDMChannel;

/** Any channel the fake knows, including guild channels that hold no messages (categories). */
export type GuildChannelOrDm = TextBasedChannel | APIGuildCategoryChannel;

/** A command permission override a server admin set in Integrations: a role (the guild id for @everyone) or member. */
export type CommandPermissionOverride = APIApplicationCommandPermission;

/** The guild facts interaction data needs. */
export interface InteractionGuild {
  id: string;
  roles: readonly APIRole[];
  members: ReadonlyMap<string, APIGuildMember>;
}

/** Where an interaction happens and who triggers it. */
export interface InteractionContext {
  guild: InteractionGuild | undefined;
  channel: TextBasedChannel;
  user: APIUser;
  /** The triggering member's permissions in the channel. */
  memberPermissions: bigint;
  /** The triggering member's roles (none in DMs). */
  roleIds: readonly string[];
}

/** Read-only access to the fake's state, which interaction data refers to. */
export interface InteractionDataSource {
  user(id: string): APIUser | undefined;
  channel(id: string): GuildChannelOrDm | undefined;
  message(id: string): APIMessage | undefined;
  permissionsIn(channel: GuildChannelOrDm, userId: string): bigint;
  /** The overrides set for a command in a guild's Integrations settings. */
  commandPermissions(guildId: string, commandName: string): readonly CommandPermissionOverride[];
  /** The registered command an interaction targets: the guild's own first, then global ones. */
  findCommand(
    name: string,
    guildId: string | undefined,
    type: ApplicationCommandType | undefined,
  ): APIApplicationCommand | undefined;
  nextSnowflake(): string;
  /** Where the fake serves an attachment's bytes. */
  attachmentUrl(channelId: string, attachmentId: string, filename: string): string;
}

/** The largest upload Discord takes without boosts (sent as `attachment_size_limit`). */
export const attachmentSizeLimit = 10 * 1024 * 1024;

/** A file a user uploaded for an attachment option: what `data.resolved` says, and the bytes to serve. */
export interface AttachmentUpload {
  channelId: string;
  attachment: APIAttachment;
  data: Buffer;
}

/** An application command's `data`, with the registered command it targets (if any). */
export interface CommandData {
  data: unknown;
  command: APIApplicationCommand | undefined;
  commandType: ApplicationCommandType;
  /** Files uploaded for attachment options, which the fake must then serve. */
  uploads: AttachmentUpload[];
}

/**
 * Builds `data` for an application command or autocomplete interaction. Option types come from the
 * registered command (subcommands and groups included) and values are checked against it as Discord's client
 * would; unregistered commands get types guessed from the JS values. Throws on what no user could send.
 */
export function buildCommandData(
  source: InteractionDataSource,
  type: InteractionType,
  options: SendInteractionOptions,
  context: InteractionContext,
): CommandData {
  const name = options.name;
  if (!name) throw new Error("An application command interaction needs name");
  const command = source.findCommand(name, context.guild?.id, options.commandType);
  if (command) checkCommandAvailable(command, context, source);
  const commandType = command?.type ?? options.commandType ?? ApplicationCommandType.ChatInput;
  const resolved = new ResolvedBuilder(source, context);
  const base = {
    id: command?.id ?? source.nextSnowflake(),
    name,
    type: commandType,
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
  if (commandType !== ApplicationCommandType.ChatInput) {
    const targetId = options.targetId;
    if (!targetId) throw new Error(`/${name} is a context menu command: pass targetId`);
    if (commandType === ApplicationCommandType.User)
      resolved.add(ApplicationCommandOptionType.User, targetId);
    else resolved.addMessage(targetId);
    return {
      data: { ...base, target_id: targetId, resolved: resolved.result() },
      command,
      commandType,
      uploads: [],
    };
  }

  const isAutocomplete = type === InteractionType.ApplicationCommandAutocomplete;
  // The bot's registered JSON; undefined while nothing is registered, so nothing can be checked.
  let level = command ? ((command.options ?? []) as unknown as CommandOptionBody[]) : undefined;
  const wrappers: { name: string; type: ApplicationCommandOptionType }[] = [];
  const descend = (wrapperName: string | undefined, wrapperType: ApplicationCommandOptionType) => {
    if (wrapperName === undefined) return;
    const definition = level?.find((option) => option.name === wrapperName && option.type === wrapperType);
    if (level && !definition) {
      throw new Error(`/${name} has no ${ApplicationCommandOptionType[wrapperType]} "${wrapperName}"`);
    }
    wrappers.push({ name: wrapperName, type: wrapperType });
    level = definition ? (definition.options ?? []) : undefined;
  };
  descend(options.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup);
  descend(options.subcommand, ApplicationCommandOptionType.Subcommand);
  if (level?.some((option) => option.type === ApplicationCommandOptionType.Subcommand)) {
    throw new Error(`/${name} needs a subcommand`);
  }
  const values = options.options ?? {};
  let built = Object.entries(values).map(([optionName, input]) => {
    const focused = isAutocomplete && optionName === options.focused;
    const definition = level?.find((option) => option.name === optionName);
    if (level && !definition) throw new Error(`/${name} has no option "${optionName}"`);
    if (isUpload(input)) {
      const optionType = definition?.type ?? ApplicationCommandOptionType.Attachment;
      if (optionType !== ApplicationCommandOptionType.Attachment) {
        throw new Error(
          `/${name} option "${optionName}" cannot be the upload ${input.filename}: not a ${ApplicationCommandOptionType[optionType]}`,
        );
      }
      // Discord sends the attachment's id as the value and the attachment itself in data.resolved.
      return { name: optionName, type: optionType, value: resolved.addUpload(input) };
    }
    const value = typeof input === "object" ? input.value : input;
    const optionType =
      (typeof input === "object" ? input.type : undefined) ?? definition?.type ?? guessOptionType(value);
    // What a user is still typing into an autocomplete field arrives unchecked.
    if (!focused) checkOptionValue(name, optionName, optionType, value, definition, source);
    resolved.add(optionType, value);
    return { name: optionName, type: optionType, value, ...(focused ? { focused: true } : {}) };
  }) as APIApplicationCommandInteractionDataOption[];
  if (level && !isAutocomplete) {
    const missing = level.find((definition) => definition.required && !(definition.name in values));
    if (missing) throw new Error(`/${name} needs its required option "${missing.name}"`);
  }
  for (const wrapper of wrappers.reverse()) {
    built = [{ ...wrapper, options: built } as APIApplicationCommandInteractionDataOption];
  }
  const resolvedData = resolved.result();
  return {
    data: {
      ...base,
      ...(built.length ? { options: built } : {}),
      ...(resolvedData ? { resolved: resolvedData } : {}),
    },
    command,
    commandType,
    uploads: resolved.uploads,
  };
}

/** Builds `data` for a button or select menu on `message`; the component type is read from the message. */
export function buildComponentData(
  source: InteractionDataSource,
  options: SendInteractionOptions,
  message: APIMessage | undefined,
  context: InteractionContext,
): unknown {
  const customId = options.customId;
  if (!customId) throw new Error("A component interaction needs customId");
  const component = findComponent(message?.components as ComponentBody[] | undefined, customId);
  const componentType = (options.componentType ?? component?.type ?? ComponentType.Button) as ComponentType;
  if (componentType === ComponentType.Button) return { custom_id: customId, component_type: componentType };
  if (!options.values) throw new Error(`The select menu "${customId}" needs values`);
  const selectedType: Partial<Record<ComponentType, ApplicationCommandOptionType>> = {
    [ComponentType.UserSelect]: ApplicationCommandOptionType.User,
    [ComponentType.RoleSelect]: ApplicationCommandOptionType.Role,
    [ComponentType.MentionableSelect]: ApplicationCommandOptionType.Mentionable,
    [ComponentType.ChannelSelect]: ApplicationCommandOptionType.Channel,
  };
  const resolved = new ResolvedBuilder(source, context);
  const optionType = selectedType[componentType];
  if (optionType !== undefined) for (const value of options.values) resolved.add(optionType, value);
  const resolvedData = resolved.result();
  return {
    custom_id: customId,
    component_type: componentType,
    values: options.values,
    ...(resolvedData ? { resolved: resolvedData } : {}),
  };
}

/** Builds `data` for a modal submission: each text input in its own action row, as Discord sends them. */
export function buildModalSubmitData(options: SendInteractionOptions): unknown {
  if (!options.customId) throw new Error("A modal submit needs customId");
  return {
    custom_id: options.customId,
    components: Object.entries(options.fields ?? {}).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
    })),
  };
}

/** Finds a component by custom id anywhere in a message's component tree. */
export function findComponent(
  components: readonly ComponentBody[] | undefined,
  customId: string,
): ComponentBody | undefined {
  for (const component of components ?? []) {
    if (component.custom_id === customId) return component;
    const children = [...(component.components ?? []), component.accessory, component.component].filter(
      (child): child is ComponentBody => child !== undefined,
    );
    const found = findComponent(children, customId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Builds an interaction's `data.resolved` for the users, members, roles, channels, messages and uploaded
 * attachments it names.
 */
class ResolvedBuilder {
  /** The files added with {@link addUpload}, in order. */
  readonly uploads: AttachmentUpload[] = [];
  readonly #resolved: APIInteractionDataResolved & { messages?: Record<string, APIMessage> } = {};
  readonly #source: InteractionDataSource;
  readonly #context: InteractionContext;

  constructor(source: InteractionDataSource, context: InteractionContext) {
    this.#source = source;
    this.#context = context;
  }

  /** Adds what an option (or select value) of this type refers to; plain values need nothing. */
  add(type: ApplicationCommandOptionType, value: string | number | boolean): void {
    const id = String(value);
    switch (type) {
      case ApplicationCommandOptionType.User:
        this.#addUser(id);
        return;
      case ApplicationCommandOptionType.Role:
        this.#addRole(id);
        return;
      case ApplicationCommandOptionType.Mentionable:
        if (this.#source.user(id)) this.#addUser(id);
        else this.#addRole(id);
        return;
      case ApplicationCommandOptionType.Channel:
        this.#addChannel(id);
        return;
      case ApplicationCommandOptionType.Attachment:
        throw new Error("An attachment option takes an upload: pass { filename, bytes }");
    }
  }

  /**
   * Adds a file a user uploads for an attachment option, as Discord resolves it: an ephemeral attachment with
   * a fresh id, its size and a URL the fake serves. Returns the id, which is the option's value.
   */
  addUpload(upload: FakeUpload): string {
    if (!upload.filename) throw new Error("An upload needs a filename");
    const data = Buffer.from(upload.bytes);
    if (data.length > attachmentSizeLimit) {
      throw new Error(`${upload.filename} is over the ${attachmentSizeLimit}-byte upload limit`);
    }
    const id = this.#source.nextSnowflake();
    const channelId = this.#context.channel.id;
    const url = this.#source.attachmentUrl(channelId, id, upload.filename);
    const contentType = upload.contentType ?? contentTypeFromName(upload.filename);
    const attachment: APIAttachment = {
      id,
      filename: upload.filename,
      size: data.length,
      url,
      proxy_url: url,
      ...(contentType ? { content_type: contentType } : {}),
      ephemeral: true,
    };
    this.#resolved.attachments = { ...this.#resolved.attachments, [id]: attachment };
    this.uploads.push({ channelId, attachment, data });
    return id;
  }

  /** Adds the target of a message context menu command. */
  addMessage(id: string): void {
    const message = this.#source.message(id);
    if (!message) throw new Error(`No stored message ${id}`);
    this.#resolved.messages = { ...this.#resolved.messages, [id]: structuredClone(message) };
  }

  /** The resolved data, or undefined when nothing was added. */
  result(): (APIInteractionDataResolved & { messages?: Record<string, APIMessage> }) | undefined {
    return Object.keys(this.#resolved).length ? this.#resolved : undefined;
  }

  #addUser(id: string): void {
    const user = this.#source.user(id);
    if (!user) throw new Error(`Unknown user ${id}`);
    this.#resolved.users = { ...this.#resolved.users, [id]: user };
    const member = this.#context.guild?.members.get(id);
    if (member) {
      const { user: _user, deaf: _deaf, mute: _mute, ...rest } = member;
      const resolvedMember: APIInteractionDataResolvedGuildMember = {
        ...rest,
        permissions: String(this.#source.permissionsIn(this.#context.channel, id)),
      };
      this.#resolved.members = { ...this.#resolved.members, [id]: resolvedMember };
    }
  }

  #addRole(id: string): void {
    const role = this.#context.guild?.roles.find((candidate) => candidate.id === id);
    if (!role) throw new Error(`Unknown role ${id} in this guild`);
    this.#resolved.roles = { ...this.#resolved.roles, [id]: role };
  }

  #addChannel(id: string): void {
    const channel = this.#source.channel(id);
    if (!channel) throw new Error(`Unknown channel ${id}`);
    const permissions = String(this.#source.permissionsIn(channel, this.#context.user.id));
    type ResolvedChannel = NonNullable<APIInteractionDataResolved["channels"]>[string];
    const resolvedChannel = {
      id,
      type: channel.type,
      name: channel.name ?? null,
      permissions,
    } as ResolvedChannel;
    this.#resolved.channels = { ...this.#resolved.channels, [id]: resolvedChannel };
  }
}

/**
 * What a guild's overrides say about this member using a command: their own override first, then their roles
 * (one allowing role is enough), then @everyone; undefined when no override applies.
 */
function overrideFor(
  overrides: readonly CommandPermissionOverride[],
  guildId: string,
  context: InteractionContext,
): boolean | undefined {
  const own = overrides.find(
    (override) => override.type === ApplicationCommandPermissionType.User && override.id === context.user.id,
  );
  if (own) return own.permission;
  const roles = overrides.filter(
    (override) =>
      override.type === ApplicationCommandPermissionType.Role && context.roleIds.includes(override.id),
  );
  if (roles.length > 0) return roles.some((override) => override.permission);
  return overrides.find(
    (override) => override.type === ApplicationCommandPermissionType.Role && override.id === guildId,
  )?.permission;
}

/**
 * Throws when Discord would not offer this user the command here: its contexts, then the guild's overrides
 * (which administrators bypass), else its default member permissions.
 */
function checkCommandAvailable(
  command: APIApplicationCommand,
  context: InteractionContext,
  source: InteractionDataSource,
): void {
  const where = context.guild ? InteractionContextType.Guild : InteractionContextType.BotDM;
  if (command.contexts && !command.contexts.includes(where)) {
    throw new Error(`/${command.name} is not available in ${InteractionContextType[where]}`);
  }
  if (!context.guild || context.memberPermissions & PermissionFlagsBits.Administrator) return;
  const overridden = overrideFor(
    source.commandPermissions(context.guild.id, command.name),
    context.guild.id,
    context,
  );
  if (overridden === false) throw new Error(`/${command.name} is denied to this member in Integrations`);
  if (overridden === undefined && command.default_member_permissions) {
    const needed = BigInt(command.default_member_permissions);
    if ((context.memberPermissions & needed) !== needed) {
      throw new Error(`/${command.name} is hidden from members without permissions ${needed}`);
    }
  }
}

function isUpload(input: InteractionOptionInput): input is FakeUpload {
  return typeof input === "object" && "filename" in input;
}

/** Content types Discord detects for common uploads; it sends none for names it does not recognise. */
const contentTypesByExtension: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** The content type Discord gives a file of this name, if it recognises the extension. */
export function contentTypeFromName(filename: string): string | undefined {
  const extension = filename.includes(".") ? filename.split(".").pop()?.toLowerCase() : undefined;
  return extension ? contentTypesByExtension[extension] : undefined;
}

function guessOptionType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number") {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

/** Throws when Discord's client would not let a user submit this value for this option. */
function checkOptionValue(
  commandName: string,
  optionName: string,
  type: ApplicationCommandOptionType,
  value: string | number | boolean,
  definition: CommandOptionBody | undefined,
  source: InteractionDataSource,
): void {
  const fitsType: Partial<Record<ApplicationCommandOptionType, boolean>> = {
    [ApplicationCommandOptionType.String]: typeof value === "string",
    [ApplicationCommandOptionType.Integer]: Number.isInteger(value),
    [ApplicationCommandOptionType.Number]: typeof value === "number",
    [ApplicationCommandOptionType.Boolean]: typeof value === "boolean",
    [ApplicationCommandOptionType.User]: typeof value === "string",
    [ApplicationCommandOptionType.Channel]: typeof value === "string",
    [ApplicationCommandOptionType.Role]: typeof value === "string",
    [ApplicationCommandOptionType.Mentionable]: typeof value === "string",
  };
  const problem = (reason: string) =>
    new Error(`/${commandName} option "${optionName}" cannot be ${JSON.stringify(value)}: ${reason}`);
  // Discord's client only lets a user fill an attachment option by uploading a file.
  if (type === ApplicationCommandOptionType.Attachment) throw problem("an attachment option takes an upload");
  if (!fitsType[type]) throw problem(`not a ${ApplicationCommandOptionType[type]}`);
  if (!definition) return;
  if (definition.choices?.length && !definition.choices.some((choice) => choice.value === value)) {
    throw problem("not one of its choices");
  }
  if (typeof value === "number") {
    if (definition.min_value !== undefined && value < definition.min_value)
      throw problem(`below ${definition.min_value}`);
    if (definition.max_value !== undefined && value > definition.max_value)
      throw problem(`above ${definition.max_value}`);
  }
  if (type === ApplicationCommandOptionType.Channel && definition.channel_types?.length) {
    const channelType = source.channel(String(value))?.type;
    if (channelType !== undefined && !definition.channel_types.includes(channelType)) {
      throw problem(`a ${ChannelType[channelType]} channel, not one of its channel_types`);
    }
  }
  if (typeof value === "string" && type === ApplicationCommandOptionType.String) {
    if (definition.min_length !== undefined && value.length < definition.min_length)
      throw problem("too short");
    if (definition.max_length !== undefined && value.length > definition.max_length)
      throw problem("too long");
  }
}
