import { type APIEmbed, MessageFlags, RESTJSONErrorCodes } from "discord.js";

/** One reason a field was rejected, as in Discord's `errors` tree. */
export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested form errors: keys follow the body's shape, `_errors` holds a field's own errors. */
export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[];
}

/** A rejected request: the HTTP status and the JSON body Discord would send (discord.js reads `code`). */
export interface ApiFailure {
  status: number;
  body: { code: number; message: string; errors?: ErrorTree };
}

/** Builds a Discord error response. */
export function apiError(status: number, code: number, message: string, errors?: ErrorTree): ApiFailure {
  return { status, body: errors ? { code, message, errors } : { code, message } };
}

/** Collects field errors into Discord's `errors` tree; becomes a 400 Invalid Form Body (50035). */
export class FormErrors {
  readonly tree: ErrorTree = {};
  #count = 0;

  /** Records that the field at `path` (e.g. `["embeds", 0, "title"]`) was rejected. */
  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const child = node[String(key)];
      if (child === undefined || Array.isArray(child)) {
        const created: ErrorTree = {};
        node[String(key)] = created;
        node = created;
      } else {
        node = child;
      }
    }
    const own = node._errors;
    if (Array.isArray(own)) own.push({ code, message });
    else node._errors = [{ code, message }];
    this.#count++;
  }

  /** Checks a string's length the way Discord words it. */
  checkLength(path: readonly (string | number)[], value: unknown, min: number, max: number): void {
    const length = typeof value === "string" ? value.length : 0;
    if (length > max && min === 0)
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
    else if (length < min || length > max) {
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
    }
  }

  /** The 400 response for the collected errors, or undefined when there are none. */
  toFailure(): ApiFailure | undefined {
    if (this.#count === 0) return undefined;
    return apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body", this.tree);
  }
}

/** A message component as the fake walks it; only the fields Discord validates are named. */
export interface ComponentBody {
  type: number;
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  placeholder?: string;
  options?: unknown[];
  components?: ComponentBody[];
  accessory?: ComponentBody;
  component?: ComponentBody;
}

/** The message fields a bot sends to create or edit a message (channel, interaction and webhook routes). */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: ComponentBody[] | null;
  attachments?: { id: string | number; filename?: string; description?: string }[] | null;
  flags?: number | null;
  sticker_ids?: string[];
  poll?: unknown;
  tts?: boolean;
  message_reference?: {
    message_id?: string;
    channel_id?: string;
    guild_id?: string;
    fail_if_not_exists?: boolean;
  };
}

/** What makes a message non-empty, after an edit is applied or files are attached. */
export interface MessageSubstance {
  /** A Loading message (a deferred reply's placeholder) is not empty. */
  flags?: number | null;
  content?: string | null;
  embeds?: readonly unknown[] | null;
  components?: readonly unknown[] | null;
  attachments?: readonly unknown[] | null;
  sticker_ids?: readonly unknown[];
  poll?: unknown;
}

const maxEmbeds = 10;
const maxEmbedTotalCharacters = 6000;
const maxLegacyActionRows = 5;
const maxComponentsV2 = 40;
const buttonComponentType = 2;
const linkButtonStyle = 5;
const premiumButtonStyle = 6;
const selectMenuTypes = new Set([3, 5, 6, 7, 8]);

/**
 * Validates a message body like Discord: field limits give 400 Invalid Form Body (50035), and a message that
 * would end up with nothing to show gives 400 Cannot send an empty message (50006). `result` is the message
 * as it would be after this body is applied.
 */
export function checkMessage(body: MessageBody, result: MessageSubstance): ApiFailure | undefined {
  const errors = new FormErrors();
  if (body.content !== undefined && body.content !== null)
    errors.checkLength(["content"], body.content, 0, 2000);
  if (body.embeds) checkEmbeds(body.embeds, errors);
  const componentsV2 = Boolean((body.flags ?? 0) & MessageFlags.IsComponentsV2);
  if (componentsV2 && (body.content || body.embeds?.length)) {
    errors.add(
      [body.content ? "content" : "embeds"],
      "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  if (body.components) checkComponents(body.components, componentsV2, errors);
  const failure = errors.toFailure();
  if (failure) return failure;
  if (isEmptyMessage(result)) {
    return apiError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");
  }
  return undefined;
}

/** True when a message has no content, embeds, components, attachments, stickers or poll, and is not loading. */
function isEmptyMessage(message: MessageSubstance): boolean {
  return (
    !((message.flags ?? 0) & MessageFlags.Loading) &&
    !message.content?.trim() &&
    !message.embeds?.length &&
    !message.components?.length &&
    !message.attachments?.length &&
    !message.sticker_ids?.length &&
    message.poll === undefined
  );
}

function checkEmbeds(embeds: readonly APIEmbed[], errors: FormErrors): void {
  if (embeds.length > maxEmbeds) {
    errors.add(["embeds"], "BASE_TYPE_MAX_LENGTH", `Must be ${maxEmbeds} or fewer in length.`);
  }
  let totalCharacters = 0;
  for (const [index, embed] of embeds.entries()) {
    const path = ["embeds", index];
    errors.checkLength([...path, "title"], embed.title, 0, 256);
    errors.checkLength([...path, "description"], embed.description, 0, 4096);
    errors.checkLength([...path, "footer", "text"], embed.footer?.text, 0, 2048);
    errors.checkLength([...path, "author", "name"], embed.author?.name, 0, 256);
    const fields = embed.fields ?? [];
    if (fields.length > 25)
      errors.add([...path, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    for (const [fieldIndex, field] of fields.entries()) {
      errors.checkLength([...path, "fields", fieldIndex, "name"], field.name, 1, 256);
      errors.checkLength([...path, "fields", fieldIndex, "value"], field.value, 1, 1024);
      totalCharacters += (field.name?.length ?? 0) + (field.value?.length ?? 0);
    }
    totalCharacters +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
  }
  if (totalCharacters > maxEmbedTotalCharacters) {
    errors.add(
      ["embeds"],
      "MAX_EMBED_SIZE_EXCEEDED",
      `Embed size exceeds maximum size of ${maxEmbedTotalCharacters}`,
    );
  }
}

function checkComponents(
  components: readonly ComponentBody[],
  componentsV2: boolean,
  errors: FormErrors,
): void {
  if (!componentsV2) {
    if (components.length > maxLegacyActionRows) {
      errors.add(
        ["components"],
        "BASE_TYPE_MAX_LENGTH",
        `Must be ${maxLegacyActionRows} or fewer in length.`,
      );
    }
    for (const [index, component] of components.entries()) {
      if (component.type !== 1) {
        errors.add(
          ["components", index, "type"],
          "UNION_TYPE_CHOICES",
          'Value of field "type" must be one of (1,).',
        );
      }
    }
  }
  const seenCustomIds = new Set<string>();
  let componentCount = 0;
  const walk = (component: ComponentBody, path: readonly (string | number)[]) => {
    componentCount++;
    if (component.type === 1) {
      const children = component.components ?? [];
      if (children.length < 1 || children.length > 5) {
        errors.add([...path, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
      }
    }
    if (component.type === buttonComponentType) {
      errors.checkLength([...path, "label"], component.label, 0, 80);
      if (component.style === linkButtonStyle && !component.url) {
        errors.add([...path, "url"], "BASE_TYPE_REQUIRED", "This field is required");
      }
    }
    if (selectMenuTypes.has(component.type)) {
      errors.checkLength([...path, "placeholder"], component.placeholder, 0, 150);
      if (component.type === 3 && (!component.options?.length || component.options.length > 25)) {
        errors.add([...path, "options"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.");
      }
    }
    const needsCustomId =
      selectMenuTypes.has(component.type) ||
      (component.type === buttonComponentType &&
        component.style !== linkButtonStyle &&
        component.style !== premiumButtonStyle);
    if (needsCustomId) {
      errors.checkLength([...path, "custom_id"], component.custom_id, 1, 100);
      if (component.custom_id !== undefined && seenCustomIds.has(component.custom_id)) {
        errors.add(
          [...path, "custom_id"],
          "COMPONENT_CUSTOM_ID_DUPLICATED",
          "Component custom id cannot be duplicated",
        );
      }
      if (component.custom_id !== undefined) seenCustomIds.add(component.custom_id);
    }
    for (const [index, child] of (component.components ?? []).entries())
      walk(child, [...path, "components", index]);
    if (component.accessory) walk(component.accessory, [...path, "accessory"]);
    if (component.component) walk(component.component, [...path, "component"]);
  };
  for (const [index, component] of components.entries()) walk(component, ["components", index]);
  if (componentsV2 && componentCount > maxComponentsV2) {
    errors.add(
      ["components"],
      "MAX_COMPONENTS_EXCEEDED",
      `Must be ${maxComponentsV2} or fewer components in total.`,
    );
  }
}

/** An application command as a bot registers it (only the fields Discord validates are named). */
export interface CommandBody {
  name: string;
  type?: number;
  description?: string;
  options?: CommandOptionBody[];
  /** A permission bit set as a decimal string; null or absent lets everyone use the command. */
  default_member_permissions?: string | null;
  /** 0 guild, 1 bot DM, 2 private channel. */
  contexts?: number[] | null;
}

/** One option of a registered command; subcommands and groups nest further options. */
export interface CommandOptionBody {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: CommandOptionBody[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  /** For channel options: the channel types a user may pick. */
  channel_types?: number[];
}

const chatInputCommandType = 1;
const subcommandType = 1;
const subcommandGroupType = 2;
const stringOptionType = 3;
const integerOptionType = 4;
const channelOptionType = 7;
const numberOptionType = 10;
/** Discord's channel types (2 guild voice … 16 media), as `channel_types` may list them. */
const channelTypes = new Set([0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 16]);
const interactionContextTypes = new Set([0, 1, 2]);
const maxCommandCharacters = 4000;
// Discord's documented name rule; chat input names must also be lower case.
const chatInputNamePattern = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const contextMenuNamePattern = /^[-_ \p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Validates a list of commands for bulk overwrite (PUT) like Discord, with errors keyed by list index, plus
 * unique names per command type.
 */
export function checkCommandList(commands: readonly CommandBody[]): ApiFailure | undefined {
  const errors = new FormErrors();
  const seen = new Set<string>();
  for (const [index, command] of commands.entries()) {
    checkCommandInto(command, [index], errors);
    const key = `${command.type ?? chatInputCommandType}:${command.name}`;
    if (seen.has(key)) {
      errors.add(
        [],
        "APPLICATION_COMMANDS_DUPLICATE_NAME",
        `Application command names must be unique: ${command.name}`,
      );
    }
    seen.add(key);
  }
  if (
    commands.filter((command) => (command.type ?? chatInputCommandType) === chatInputCommandType).length > 100
  ) {
    errors.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  }
  return errors.toFailure();
}

/** Validates one command (POST or PATCH) like Discord. */
export function checkCommand(command: CommandBody): ApiFailure | undefined {
  const errors = new FormErrors();
  checkCommandInto(command, [], errors);
  return errors.toFailure();
}

function checkCommandInto(
  command: CommandBody,
  path: readonly (string | number)[],
  errors: FormErrors,
): void {
  const type = command.type ?? chatInputCommandType;
  if (type === chatInputCommandType) {
    checkChatInputName([...path, "name"], command.name, errors);
    errors.checkLength([...path, "description"], command.description, 1, 100);
    checkOptions(command.options ?? [], [...path, "options"], "command", errors);
  } else {
    if (typeof command.name !== "string" || !contextMenuNamePattern.test(command.name)) {
      errors.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    if (command.description) {
      errors.add(
        [...path, "description"],
        "BASE_TYPE_MAX_LENGTH",
        "Context menu commands cannot have a description.",
      );
    }
  }
  if (
    command.default_member_permissions !== undefined &&
    command.default_member_permissions !== null &&
    !/^\d{1,20}$/u.test(String(command.default_member_permissions))
  ) {
    errors.add(
      [...path, "default_member_permissions"],
      "NUMBER_TYPE_COERCE",
      "Value is not a valid permission set.",
    );
  }
  for (const [index, context] of (command.contexts ?? []).entries()) {
    if (!interactionContextTypes.has(context)) {
      errors.add(
        [...path, "contexts", index],
        "ENUM_TYPE_COERCE",
        `Value "${context}" is not a valid enum value.`,
      );
    }
  }
  if (commandCharacters(command) > maxCommandCharacters) {
    errors.add(
      path,
      "APPLICATION_COMMAND_TOO_LARGE",
      `Command exceeds maximum size (${maxCommandCharacters})`,
    );
  }
}

function checkChatInputName(path: readonly (string | number)[], name: unknown, errors: FormErrors): void {
  if (typeof name !== "string" || name.length < 1 || name.length > 32) {
    errors.checkLength(path, name, 1, 32);
  } else if (!chatInputNamePattern.test(name) || name !== name.toLowerCase()) {
    errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
  }
}

function checkOptions(
  options: readonly CommandOptionBody[],
  path: readonly (string | number)[],
  level: "command" | "group" | "subcommand",
  errors: FormErrors,
): void {
  if (options.length > 25) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  const isSubcommandLike = (option: CommandOptionBody) =>
    option.type === subcommandType || option.type === subcommandGroupType;
  if (options.some(isSubcommandLike) && !options.every(isSubcommandLike)) {
    errors.add(
      path,
      "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
      "Sub-command and sub-command group option types are mutually exclusive to all other types",
    );
  }
  const names = new Set<string>();
  let sawOptional = false;
  for (const [index, option] of options.entries()) {
    const optionPath = [...path, index];
    checkChatInputName([...optionPath, "name"], option.name, errors);
    errors.checkLength([...optionPath, "description"], option.description, 1, 100);
    if (names.has(option.name)) {
      errors.add(
        [...optionPath, "name"],
        "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME",
        "Option names must be unique",
      );
    }
    names.add(option.name);
    if (!Number.isInteger(option.type) || option.type < 1 || option.type > 11) {
      errors.add([...optionPath, "type"], "BASE_TYPE_CHOICES", "Value must be one of 1 to 11.");
    }
    const allowedHere =
      level === "command" ||
      (level === "group" && option.type === subcommandType) ||
      (level === "subcommand" && !isSubcommandLike(option));
    if (!allowedHere) {
      errors.add(
        [...optionPath, "type"],
        "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
        "Option type is not allowed here",
      );
    }
    if (option.required) {
      if (sawOptional) {
        errors.add(
          optionPath,
          "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
          "Required options must be placed before non-required options",
        );
      }
    } else {
      sawOptional = true;
    }
    checkChoices(option, optionPath, errors);
    if (option.min_length !== undefined && (option.min_length < 0 || option.min_length > 6000)) {
      errors.add([...optionPath, "min_length"], "NUMBER_TYPE_MAX", "int value should be between 0 and 6000.");
    }
    if (option.max_length !== undefined && (option.max_length < 1 || option.max_length > 6000)) {
      errors.add([...optionPath, "max_length"], "NUMBER_TYPE_MAX", "int value should be between 1 and 6000.");
    }
    checkNumericRange(option, optionPath, errors);
    if (option.channel_types !== undefined) {
      if (option.type !== channelOptionType) {
        errors.add(
          [...optionPath, "channel_types"],
          "APPLICATION_COMMAND_OPTION_CHANNEL_TYPES_INVALID",
          "Only channel options may have channel types",
        );
      }
      for (const [index, channelType] of option.channel_types.entries()) {
        if (!channelTypes.has(channelType)) {
          errors.add(
            [...optionPath, "channel_types", index],
            "ENUM_TYPE_COERCE",
            `Value "${channelType}" is not a valid enum value.`,
          );
        }
      }
    }
    if (option.type === subcommandGroupType)
      checkOptions(option.options ?? [], [...optionPath, "options"], "group", errors);
    if (option.type === subcommandType) {
      checkOptions(option.options ?? [], [...optionPath, "options"], "subcommand", errors);
    }
  }
}

/** `min_value` and `max_value`: only on integer and number options, and not crossed. */
function checkNumericRange(
  option: CommandOptionBody,
  path: readonly (string | number)[],
  errors: FormErrors,
): void {
  const { min_value: min, max_value: max } = option;
  if (min === undefined && max === undefined) return;
  if (option.type !== integerOptionType && option.type !== numberOptionType) {
    errors.add(
      [...path, min === undefined ? "max_value" : "min_value"],
      "APPLICATION_COMMAND_OPTION_NUMBER_RANGE_INVALID",
      "Only integer and number options may have a minimum or maximum value",
    );
  } else if (min !== undefined && max !== undefined && min > max) {
    errors.add(
      [...path, "min_value"],
      "NUMBER_TYPE_MAX",
      `int value should be less than or equal to ${max}.`,
    );
  }
}

function checkChoices(
  option: CommandOptionBody,
  path: readonly (string | number)[],
  errors: FormErrors,
): void {
  const choices = option.choices ?? [];
  if (choices.length > 25)
    errors.add([...path, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  if (choices.length > 0 && option.autocomplete) {
    errors.add(
      [...path, "autocomplete"],
      "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
      "Autocomplete cannot be enabled on options that have choices",
    );
  }
  for (const [index, choice] of choices.entries()) {
    errors.checkLength([...path, "choices", index, "name"], choice.name, 1, 100);
    if (option.type === stringOptionType)
      errors.checkLength([...path, "choices", index, "value"], choice.value, 1, 100);
  }
}

function commandCharacters(command: CommandBody): number {
  const optionCharacters = (options: readonly CommandOptionBody[]): number =>
    options.reduce(
      (sum, option) =>
        sum +
        option.name.length +
        option.description.length +
        (option.choices ?? []).reduce(
          (choiceSum, choice) => choiceSum + choice.name.length + String(choice.value).length,
          0,
        ) +
        optionCharacters(option.options ?? []),
      0,
    );
  return command.name.length + (command.description?.length ?? 0) + optionCharacters(command.options ?? []);
}

/** Validates an autocomplete result (callback type 8): at most 25 choices, names and string values 1–100. */
export function checkAutocompleteChoices(data: {
  choices?: { name: string; value: unknown }[];
}): ApiFailure | undefined {
  const errors = new FormErrors();
  const choices = data.choices ?? [];
  if (choices.length > 25)
    errors.add(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  for (const [index, choice] of choices.entries()) {
    errors.checkLength(["data", "choices", index, "name"], choice.name, 1, 100);
    if (typeof choice.value === "string")
      errors.checkLength(["data", "choices", index, "value"], choice.value, 1, 100);
  }
  return errors.toFailure();
}

/** Validates a modal (callback type 9): custom id 1–100, title 1–45, 1–5 top-level components. */
export function checkModal(data: {
  custom_id?: string;
  title?: string;
  components?: unknown[];
}): ApiFailure | undefined {
  const errors = new FormErrors();
  errors.checkLength(["data", "custom_id"], data.custom_id, 1, 100);
  errors.checkLength(["data", "title"], data.title, 1, 45);
  const count = data.components?.length ?? 0;
  if (count < 1 || count > 5)
    errors.add(["data", "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
  return errors.toFailure();
}
