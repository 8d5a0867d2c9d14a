// New room and subscription documents in Rocket.Chat's shapes (createRoom, createWithRoomAndManyUsers), and the
// room as the REST API returns it.
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';

export interface NewRoomInput {
  t: 'c' | 'p';
  /** The validated, trimmed name. */
  name: string;
  /** The name as requested; Rocket.Chat keeps it untrimmed as `fname`. */
  fname: string;
  owner: UserDoc;
  readOnly: boolean;
  usersCount: number;
}

/** createRoom's document: create*Method passes `customFields: {}` as extra data, hence the empty object. */
export function newRoomDocument(input: NewRoomInput, now: string): RoomDoc {
  const { owner } = input;
  return {
    _id: randomId(),
    fname: input.fname,
    _updatedAt: now,
    customFields: {},
    name: input.name,
    t: input.t,
    msgs: 0,
    usersCount: input.usersCount,
    u: {
      _id: owner._id,
      username: owner.username ?? '',
      ...(owner.name !== undefined ? { name: owner.name } : {}),
    },
    ts: now,
    ro: input.readOnly,
  };
}

/**
 * A member's subscription to a `c`/`p` room. Every member gets `open: true`; the owner also gets `ls` and
 * `roles: ["owner"]` (createRoom's extraData). The `au` system message that adds a member does not count as
 * unread in Roster, so an invited member starts with `unread: 0` where Rocket.Chat counts its "added you" message.
 */
export function newSubscriptionDocument(
  room: RoomDoc,
  user: UserDoc,
  now: string,
  options: { owner?: boolean } = {},
): SubscriptionDoc {
  return {
    _id: randomId(),
    open: true,
    alert: false,
    unread: 0,
    userMentions: 0,
    groupMentions: 0,
    ts: now,
    rid: room._id,
    name: room.name ?? '',
    fname: typeof room.fname === 'string' ? room.fname : (room.name ?? ''),
    ...(isObject(room.customFields) ? { customFields: room.customFields } : {}),
    t: room.t,
    u: { _id: user._id, username: user.username ?? '' },
    ...(options.owner ? { ls: now, roles: ['owner'] } : {}),
    _updatedAt: now,
  };
}

/** Rocket.Chat removes these (defaultFieldsToExclude) from every room it returns. */
const HIDDEN_ROOM_FIELDS = ['joinCode', 'members', 'importIds', 'e2e'];

export function roomForResponse(room: RoomDoc): RoomDoc {
  const shown: RoomDoc = { ...room };
  for (const field of HIDDEN_ROOM_FIELDS) delete shown[field];
  return shown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
