// Rocket.Chat's chat.postMessage, chat.sendMessage and chat.delete (chat.ts): messages, enough for unread counts.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { Json } from '../../core/documents.js';
import { deleteMessage, type DeleteRequest } from '../../core/messages/delete-message.js';
import { messageErrors } from '../../core/messages/message-errors.js';
import { findPostTarget } from '../../core/messages/post-target.js';
import {
  assertCanSend,
  findSendableRoom,
  maxMessageSize,
  sendMessage,
} from '../../core/messages/send-message.js';
import { isSystemMessageType } from '../../core/messages/system-messages.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { withStoredStrings } from '../../api/stored-strings.js';
import { roomDocs } from './room-schemas.js';

interface PostMessageBody {
  roomId?: string;
  channel?: string;
  text?: string;
  msg?: string;
  alias?: string;
  username?: string;
  emoji?: string;
  icon_emoji?: string;
  avatar?: string;
  icon_url?: string;
  attachments?: Json[];
  parseUrls?: boolean;
  groupable?: boolean;
  tmid?: string;
}

interface SendMessageBody {
  message: { _id?: string; rid: string; msg?: string; tmid?: string; t?: string; [field: string]: unknown };
}

const text = { type: 'string' } as const;

/** isChatPostMessageProps: `roomId` or `channel` (a `#name`, `@username` or room id), the text and extras. */
const postMessageBody = withStoredStrings({
  type: 'object',
  properties: {
    roomId: { type: 'string', description: 'The room, by `_id`.' },
    channel: {
      type: 'string',
      description: '`#channel`, `@username` (a direct message) or a room id or name.',
    },
    text: { type: 'string', description: 'The message text.' },
    alias: { ...text, description: 'Shown as the sender (`message-impersonate`).' },
    emoji: text,
    avatar: { ...text, description: 'An avatar URL (`message-impersonate`).' },
    attachments: { type: 'array', items: { type: 'object' } },
    parseUrls: { type: 'boolean' },
    groupable: { type: 'boolean' },
    tmid: { type: 'string', description: 'A thread; Roster has none, so it is refused.' },
  },
  anyOf: [{ required: ['roomId'] }, { required: ['channel'] }],
} as const);

/** isChatSendMessageProps: `{message: {rid, msg?, _id?, …}}`. */
const sendMessageBody = withStoredStrings({
  type: 'object',
  required: ['message'],
  properties: {
    message: {
      type: 'object',
      required: ['rid'],
      properties: {
        _id: { type: 'string', minLength: 1 },
        rid: { type: 'string', minLength: 1 },
        msg: text,
        tmid: text,
        alias: text,
        emoji: text,
        avatar: text,
        t: text,
      },
    },
  },
} as const);

const deleteBody = {
  type: 'object',
  required: ['msgId', 'roomId'],
  properties: { msgId: text, roomId: text, asUser: { type: 'boolean' } },
} as const;

const MESSAGE_EXAMPLE = {
  _id: 'jC9chsFddTvsbFQG7',
  alias: '',
  msg: 'Hello @bob',
  attachments: [],
  parseUrls: true,
  groupable: false,
  ts: '2024-01-02T03:04:05.006Z',
  u: { _id: 'aobEdbYhXfu5hkeqG', username: 'test.john', name: 'John' },
  rid: 'JKa7R9zu2DinBhBN9',
  mentions: [{ _id: 'kx8DnwoefdjKGfDL5', username: 'bob', name: 'Bob', type: 'user' }],
  channels: [],
  _updatedAt: '2024-01-02T03:04:05.006Z',
};

/** processWebhookMessage's message fields, in its order; the `|| ''` fallbacks of alias, emoji and avatar kept. */
function webhookFields(body: PostMessageBody): Record<string, Json> {
  const fields: Record<string, Json> = {
    alias: body.username || body.alias || '',
    attachments: body.attachments ?? [],
    parseUrls: body.parseUrls ?? !body.attachments,
    groupable: body.groupable ?? false,
  };
  const avatar = body.icon_url || body.avatar;
  const emoji = body.icon_emoji || body.emoji;
  if (avatar) fields.avatar = avatar;
  else if (emoji) fields.emoji = emoji;
  return fields;
}

export function chatRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: PostMessageBody }>(
    '/api/v1/chat.postMessage',
    {
      schema: roomDocs(
        'chat.postMessage',
        "Posts a message to a room (a public channel is joined first); raises the other members' unread state.",
        { body: postMessageBody },
        { ts: 1704164645006, channel: '#general-talk', message: MESSAGE_EXAMPLE, success: true },
        [400],
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const { body } = request;
      if (body.text && body.text.length > (await maxMessageSize(context)))
        throw messageErrors.postSizeExceeded();
      const msg = (body.text || body.msg || '').trim();
      if (body.tmid !== undefined) throw messageErrors.threadsDisabled();
      const channel = body.channel || body.roomId || '';
      const room = await findPostTarget(context, user, channel);
      await assertCanSend(context, user, room);
      const message = await sendMessage(context, user, room, { msg, fields: webhookFields(body) });
      return success({ ts: context.clock().getTime(), channel, message });
    },
  );

  app.post<{ Body: SendMessageBody }>(
    '/api/v1/chat.sendMessage',
    {
      schema: roomDocs(
        'chat.sendMessage',
        'Sends a message (with a client-chosen `_id` if wanted) to a room the caller may post in.',
        { body: sendMessageBody },
        { message: MESSAGE_EXAMPLE, success: true },
        [400],
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const { _id, rid, msg = '', tmid, t, ...rest } = request.body.message;
      if (isSystemMessageType(t)) throw messageErrors.systemMessage();
      if (tmid !== undefined) throw messageErrors.threadsDisabled();
      if (msg.length > (await maxMessageSize(context))) throw messageErrors.sendSizeExceeded();
      if (!user.username) throw messageErrors.invalidUser();
      const room = await findSendableRoom(context, user, rid);
      const fields: Record<string, Json> = {};
      for (const field of ['alias', 'emoji', 'avatar', 'groupable', 'customFields', 'attachments']) {
        if (rest[field] !== undefined) fields[field] = rest[field] as Json;
      }
      const message = await sendMessage(context, user, room, {
        ...(_id !== undefined ? { _id } : {}),
        msg,
        fields,
      });
      return success({ message });
    },
  );

  app.post<{ Body: DeleteRequest }>(
    '/api/v1/chat.delete',
    {
      schema: roomDocs(
        'chat.delete',
        "Deletes a message: your own (`delete-own-message`), anyone's (`delete-message`), or as its author (`asUser`, `force-delete-message`).",
        { body: deleteBody },
        {
          _id: 'jC9chsFddTvsbFQG7',
          ts: '1704164645006',
          message: { _id: 'jC9chsFddTvsbFQG7', rid: 'JKa7R9zu2DinBhBN9', u: MESSAGE_EXAMPLE.u },
          success: true,
        },
        [400],
      ),
    },
    async (request) => success(await deleteMessage(context, callerOf(request).user, request.body)),
  );
}
