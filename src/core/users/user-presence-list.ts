// users.presence: Rocket.Chat's route (apps/meteor/app/api/server/v1/users.ts) — users not offline, or a delta.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { knownValue } from '../settings/known-value.js';

/** The route's projection, `_id` first as MongoDB returns it. */
const PRESENCE_FIELDS = [
  '_id',
  'username',
  'name',
  'status',
  'utcOffset',
  'statusText',
  'avatarETag',
] as const;

export interface PresenceQuery {
  from?: string;
  /** An array, or one comma-separated string. */
  ids?: string | string[];
}

function presenceView(user: UserDoc): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const field of PRESENCE_FIELDS) if (user[field] !== undefined) view[field] = user[field];
  return view;
}

/** A delta is served only for a `from` less than ten minutes ago (Rocket.Chat's `diff < 10`). */
const DELTA_MINUTES = 10;

/**
 * `Presence_broadcast_disabled`: nobody (`full: true`); `ids`: those of them not offline (`full: false`); a
 * recent `from`: everyone else updated since (`full: false`); otherwise every user not offline (`full: true`).
 */
export async function listPresence(
  context: Context,
  caller: Caller,
  query: PresenceQuery,
): Promise<{ users: Record<string, unknown>[]; full: boolean }> {
  const settings = await context.settings.current();
  if (knownValue(settings, 'Presence_broadcast_disabled')) return { users: [], full: true };
  const { store } = context;
  if (query.ids !== undefined && query.ids !== '') {
    const ids = Array.isArray(query.ids) ? query.ids : query.ids.split(',');
    return { users: (await store.presence.listNotOffline(ids)).map(presenceView), full: false };
  }
  if (query.from) {
    const since = new Date(query.from);
    const diffMinutes = (context.clock().getTime() - since.getTime()) / 1000 / 60;
    if (diffMinutes < DELTA_MINUTES) {
      const users = await store.presence.listUpdatedSince(since.toISOString(), caller.user._id);
      return { users: users.map(presenceView), full: false };
    }
  }
  return { users: (await store.presence.listNotOffline()).map(presenceView), full: true };
}
