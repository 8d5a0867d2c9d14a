// users.setAvatar, users.resetAvatar and the image /avatar/:username serves (Rocket.Chat's users.ts routes,
// setUserAvatar, resetAvatar and server/routes/avatar/user.ts), with the image stored in the database.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { randomId } from '../ids.js';
import type { Caller } from '../auth/sessions.js';
import { KNOWN_SETTINGS } from '../setup/defaults.js';
import type { StoredAvatar } from '../store.js';
import { avatarErrors } from './avatar-errors.js';
import { detectAvatarType } from './avatar-image.js';
import { userFromParams, type UserParams } from './user-delete.js';
import { userErrors } from './user-errors.js';

/**
 * Roster's own ceiling for an avatar image, whatever FileUpload_MaxFileSize allows (Rocket.Chat's default is
 * 100 MiB, and it resizes on upload with sharp; Roster stores the image as sent, so it keeps them small).
 */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** An uploaded `image` part and the form's text fields, as users.setAvatar reads them (getUploadFormData). */
export interface AvatarUpload {
  image: Buffer | null;
  fields: { userId?: string; username?: string };
}

async function setting<T extends boolean | number>(
  context: Context,
  id: keyof typeof KNOWN_SETTINGS,
  fallback: T,
) {
  const value = (await context.settings.current()).values.get(id);
  return (typeof value === typeof fallback ? value : fallback) as T;
}

/** The largest image accepted: FileUpload_MaxFileSize (0 or less: unlimited, as Rocket.Chat) capped by Roster's. */
export async function avatarLimitBytes(context: Context): Promise<number> {
  const configured = await setting(context, 'FileUpload_MaxFileSize', 104_857_600);
  return configured > 0 ? Math.min(configured, AVATAR_MAX_BYTES) : AVATAR_MAX_BYTES;
}

/** The first gate of users.setAvatar: the setting, unless the caller may edit others' avatars anyway. */
export async function assertMayChangeAvatar(context: Context, caller: Caller): Promise<boolean> {
  const canEditOther = await context.permissions.has(caller.user.roles, 'edit-other-user-avatar');
  if (!(await setting(context, 'Accounts_AllowUserAvatarChange', true)) && !canEditOther) {
    throw avatarErrors.changeNotAllowed();
  }
  return canEditOther;
}

/**
 * users.setAvatar with a multipart body: the caller's own avatar, or the form's `userId` / `username` (by id,
 * then by username ignoring case) with edit-other-user-avatar. The type comes from the image's bytes.
 */
export async function setAvatarFromUpload(
  context: Context,
  caller: Caller,
  upload: AvatarUpload,
): Promise<void> {
  const canEditOther = await assertMayChangeAvatar(context, caller);
  if (!upload.image) throw avatarErrors.imageRequired();
  let user: UserDoc | null = caller.user;
  const { userId, username } = upload.fields;
  if (userId || username) {
    user = userId
      ? await context.store.users.findById(userId)
      : await context.store.users.findByUsernameInsensitive(username as string);
    if (!user) throw avatarErrors.formUserNotFound();
    if (user._id !== caller.user._id && !canEditOther) throw avatarErrors.notAllowed();
  }
  if (upload.image.length > (await avatarLimitBytes(context))) throw avatarErrors.tooLarge();
  const contentType = detectAvatarType(upload.image);
  if (!contentType) throw avatarErrors.invalidContentType();
  // Rocket.Chat's avatarETag is the stored file's id: a new one with every image.
  const etag = randomId();
  const avatar = { contentType, etag, uploadedAt: context.clock().toISOString(), data: upload.image };
  const written = await context.store.avatars.write(user._id, avatar, (current) => ({
    ...current,
    avatarOrigin: 'rest',
    avatarETag: etag,
  }));
  if (!written) throw avatarErrors.formUserNotFound();
}

/**
 * users.setAvatar with a JSON body: its user as isUserFromParams / getUserFromParams find it, then `avatarUrl`,
 * which Roster refuses (it would fetch from the network on the request path).
 */
export async function setAvatarFromBody(
  context: Context,
  caller: Caller,
  body: UserParams & { avatarUrl?: string | null },
): Promise<never> {
  const canEditOther = await assertMayChangeAvatar(context, caller);
  const self =
    (!body.userId && !body.username && !body.user) ||
    body.userId === caller.user._id ||
    (body.username !== undefined && body.username === caller.user.username) ||
    (body.user !== undefined && body.user === caller.user.username);
  if (!self) {
    if (!canEditOther) throw userErrors.forbiddenUnauthorized();
    await userFromParams(context.store, body);
  }
  if (body.avatarUrl) throw avatarErrors.urlNotSupported();
  throw avatarErrors.imageRequired();
}

/**
 * users.resetAvatar (Rocket.Chat 8.5): the user from the params; oneself with Accounts_AllowUserAvatarChange,
 * anyone with edit-other-user-avatar. Deletes the image and unsets avatarOrigin and avatarETag together.
 */
export async function resetAvatar(context: Context, caller: Caller, params: UserParams): Promise<void> {
  const user = await userFromParams(context.store, params);
  const allowed = await setting(context, 'Accounts_AllowUserAvatarChange', true);
  const self = allowed && user._id === caller.user._id;
  if (!self && !(await context.permissions.has(caller.user.roles, 'edit-other-user-avatar'))) {
    throw avatarErrors.resetNotAllowed();
  }
  await context.store.avatars.write(user._id, null, (current) => {
    const next = { ...current };
    delete next.avatarOrigin;
    delete next.avatarETag;
    return next;
  });
}

/** What /avatar/:username answers: the stored image, or the letters of a name (the default avatar). */
export type AvatarAnswer =
  { kind: 'image'; avatar: StoredAvatar } | { kind: 'letters'; name: string; useAllInitials: boolean };

/**
 * userAvatarByUsername: `@name` always gives letters; a user's stored image by exact username; otherwise the
 * letters of the user's name (UI_Use_Name_Avatar) or of the requested name, even for an unknown user.
 */
export async function avatarFor(context: Context, requested: string): Promise<AvatarAnswer> {
  const useName = await setting(context, 'UI_Use_Name_Avatar', false);
  if (requested.startsWith('@')) {
    return { kind: 'letters', name: requested.slice(1), useAllInitials: useName };
  }
  const user = await context.store.users.findByUsername(requested);
  const avatar = user ? await context.store.avatars.find(user._id) : null;
  if (avatar) return { kind: 'image', avatar };
  if (useName) {
    const named = user ?? (await context.store.users.findByUsernameInsensitive(requested));
    if (typeof named?.name === 'string' && named.name !== '') {
      return { kind: 'letters', name: named.name, useAllInitials: true };
    }
  }
  return { kind: 'letters', name: requested, useAllInitials: false };
}

/** Accounts_AvatarCacheTime, seconds (the Cache-Control max-age of /avatar). */
export async function avatarCacheSeconds(context: Context): Promise<number> {
  return setting(context, 'Accounts_AvatarCacheTime', 3600);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encodeURIComponent throws on an unpaired surrogate (an imported username may hold one): U+FFFD instead. */
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

/** users.getAvatar: getURL(`/avatar/${username}`, { full: true }) for the user from the params. */
export async function avatarUrlOf(context: Context, params: UserParams): Promise<string> {
  const user = await userFromParams(context.store, params);
  const { siteUrl } = await context.settings.current();
  const url = `${siteUrl.replace(/\/+$/, '')}/avatar/${encodeURIComponent(wellFormed(user.username ?? ''))}`;
  // The URL goes out as a Location header: an admin's Site_Url may hold any text, so everything outside
  // printable ASCII is percent-encoded (Node refuses such a header, which would be a 500).
  return wellFormed(url).replace(/[^\x21-\x7e]/g, (character) => encodeURIComponent(character));
}
