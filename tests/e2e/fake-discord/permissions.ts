import { type APIOverwrite, type APIRole, OverwriteType, PermissionFlagsBits } from "discord.js";

/** Every permission bit Discord defines: what owners and administrators get. */
const allPermissions = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** The guild facts that decide a member's permissions. */
export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: readonly APIRole[];
}

/** Whose permissions to compute: a user and the roles they hold (the guild's @everyone role is implied). */
export interface PermissionHolder {
  userId: string;
  roleIds: readonly string[];
}

/** A member's guild-wide permissions, computed as Discord documents it (owner and Administrator get all). */
function guildPermissions(guild: PermissionGuild, holder: PermissionHolder): bigint {
  if (holder.userId === guild.ownerId) return allPermissions;
  let permissions = 0n;
  for (const role of guild.roles) {
    if (role.id === guild.id || holder.roleIds.includes(role.id)) permissions |= BigInt(role.permissions);
  }
  return permissions & PermissionFlagsBits.Administrator ? allPermissions : permissions;
}

/**
 * A member's permissions in one channel: guild permissions, then the @everyone overwrite, the member's role
 * overwrites taken together, and the member's own overwrite. Without View Channel nothing else applies.
 */
export function channelPermissions(
  guild: PermissionGuild,
  holder: PermissionHolder,
  overwrites: readonly APIOverwrite[],
): bigint {
  let permissions = guildPermissions(guild, holder);
  if (permissions === allPermissions) return allPermissions;
  const apply = (allow: bigint, deny: bigint) => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((overwrite) => overwrite.id === guild.id);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === OverwriteType.Role && holder.roleIds.includes(overwrite.id)) {
      roleAllow |= BigInt(overwrite.allow);
      roleDeny |= BigInt(overwrite.deny);
    }
  }
  apply(roleAllow, roleDeny);
  const own = overwrites.find(
    (overwrite) => overwrite.type === OverwriteType.Member && overwrite.id === holder.userId,
  );
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions & PermissionFlagsBits.ViewChannel ? permissions : 0n;
}
