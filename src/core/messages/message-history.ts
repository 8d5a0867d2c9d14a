// channels./groups./im.history and im.messages: Rocket.Chat's getChannelHistory and im.messages' paged find.
import type { Context } from '../context.js';
import type { MessageDoc, RoomDoc, UserDoc } from '../documents.js';
import type { SortDirection } from '../store.js';
import { canAccessRoom, roomActor } from '../rooms/room-access.js';
import { messageErrors } from './message-errors.js';

export interface HistoryQuery {
  latest?: string;
  oldest?: string;
  inclusive?: boolean;
  unreads?: boolean;
  offset: number;
  count: number;
}

export interface HistoryPage {
  messages: MessageDoc[];
  firstUnread?: MessageDoc;
  unreadNotLoaded?: number;
}

/** `new Date(text)` as the routes build it; an unparseable date is refused rather than matching nothing. */
function instant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw messageErrors.invalidDate();
  return new Date(time).toISOString();
}

async function assertCanRead(context: Context, caller: UserDoc, room: RoomDoc): Promise<void> {
  if (!canAccessRoom(room, await roomActor(context, caller, room))) throw messageErrors.historyForbidden();
}

/**
 * getChannelHistory: the room's messages (system messages included: Hide_System_Messages is empty by default)
 * before `latest` (now by default) and after `oldest`, newest first, paged. With `unreads` and `oldest`, also
 * the oldest message between `oldest` and the page's oldest one (`firstUnread`) and how many lie there.
 */
export async function messageHistory(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  query: HistoryQuery,
): Promise<HistoryPage> {
  await assertCanRead(context, caller, room);
  const latest = instant(query.latest) ?? context.clock().toISOString();
  const oldest = instant(query.oldest);
  const { messages } = await context.store.messages.list({
    rid: room._id,
    latest,
    ...(oldest !== undefined ? { oldest } : {}),
    inclusive: query.inclusive === true,
    offset: query.offset,
    count: query.count,
  });
  if (!query.unreads) return { messages };
  let unreadNotLoaded = 0;
  let firstUnread: MessageDoc | undefined;
  const firstMessage = messages[messages.length - 1];
  if (oldest !== undefined && firstMessage !== undefined && firstMessage.ts > oldest) {
    const between = await context.store.messages.list({
      rid: room._id,
      oldest,
      latest: firstMessage.ts,
      direction: 1,
      offset: 0,
      count: 1,
    });
    firstUnread = between.messages[0];
    unreadNotLoaded = between.total;
  }
  return { messages, ...(firstUnread ? { firstUnread } : {}), unreadNotLoaded };
}

/** im.messages: a page of the direct message's messages (`ts` descending unless `sort` says otherwise). */
export async function roomMessages(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  page: { offset: number; count: number; direction?: SortDirection },
): Promise<{ messages: MessageDoc[]; count: number; offset: number; total: number }> {
  await assertCanRead(context, caller, room);
  const { messages, total } = await context.store.messages.list({
    rid: room._id,
    direction: page.direction ?? -1,
    offset: page.offset,
    count: page.count,
  });
  return { messages, count: messages.length, offset: page.offset, total };
}
