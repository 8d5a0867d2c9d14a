// The rooms contracts (channels.*, groups.*, im.*, subscriptions.*): request schemas as rest-typings 8.x has them.
import type { RequestOf } from './contract.js';

/**
 * channels.create / groups.create. Rocket.Chat's handlers check `name` themselves (legacy routes); rest-typings'
 * ChannelsCreateProps spells read-only `readonly`, the handler reads `readOnly`: both are honoured.
 */
export const ROOMS_CREATE_BODY = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', examples: ['general-talk'] },
    members: { type: 'array', items: { type: 'string' }, description: 'Usernames to add.' },
    readOnly: { type: 'boolean' },
    readonly: { type: 'boolean' },
  },
} as const;
export type RoomsCreateBody = RequestOf<typeof ROOMS_CREATE_BODY>;

/**
 * invite / kick / delete / info: roomId or roomName, plus the user forms; the handlers report what is missing.
 * The properties carry no `type` on purpose: they document the fields, the handlers check them.
 */
export const ROOM_REQUEST = {
  type: 'object',
  properties: {
    roomId: { description: "The room's `_id` (string)." },
    roomName: { description: "The room's name, when roomId is absent (string)." },
    userId: { description: 'invite / kick: the user, by `_id` (string).' },
    username: { description: 'invite / kick: the user, by username (string).' },
    userIds: { description: 'invite: several users by `_id` (array of strings).' },
    usernames: { description: 'invite: several users by username (array of strings).' },
  },
} as const;

/** channels.setDefault: `default` is a boolean or its text (`"true"`, `"1"`), as Rocket.Chat reads it. */
export const CHANNELS_SET_DEFAULT_BODY = {
  type: 'object',
  properties: {
    roomId: ROOM_REQUEST.properties.roomId,
    roomName: ROOM_REQUEST.properties.roomName,
    default: { description: 'true to make the channel a default channel (boolean, or "true" / "1").' },
  },
} as const;

/** The room queries of channels.info / groups.info, for the document only (the handler reads them itself). */
export const ROOM_INFO_QUERY = {
  type: 'object',
  properties: {
    roomId: { type: 'string', description: "The room's `_id`." },
    roomName: { type: 'string', description: "The room's name, when roomId is absent." },
  },
} as const;

const excludeSelf = { type: 'boolean' } as const;

/** rest-typings `isDmCreateProps` (im.create / dm.create): `{username}` or `{usernames}` (comma-separated), no other key. */
export const IM_CREATE_BODY = {
  oneOf: [
    {
      type: 'object',
      properties: {
        usernames: { type: 'string', description: 'Several users, comma-separated.' },
        excludeSelf,
      },
      required: ['usernames'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { username: { type: 'string', description: 'The other user.' }, excludeSelf },
      required: ['username'],
      additionalProperties: false,
    },
  ],
} as const;
export type ImCreateBody = RequestOf<typeof IM_CREATE_BODY>;

const readThreads = { type: 'boolean', nullable: true } as const;

/** rest-typings `isSubscriptionsReadProps`: `{rid}` or `{roomId}`, with an optional `readThreads`, no other key. */
export const SUBSCRIPTIONS_READ_BODY = {
  anyOf: [
    {
      type: 'object',
      properties: { rid: { type: 'string' }, readThreads },
      required: ['rid'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { roomId: { type: 'string' }, readThreads },
      required: ['roomId'],
      additionalProperties: false,
    },
  ],
} as const;
export type SubscriptionsReadBody = RequestOf<typeof SUBSCRIPTIONS_READ_BODY>;
