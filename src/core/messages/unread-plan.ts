// What a new message adds to the other members' subscriptions: Rocket.Chat's notifyUsersOnMessage
// (updateUsersSubscriptions, getMentions, incUserMentions, incGroupMentions) under Unread_Count / Unread_Count_DM.
import type { MessageDoc } from '../documents.js';
import type { MessagePost, UnreadIncrement } from '../store.js';

/** Unread_Count's values; Unread_Count_DM's are `all_messages` and `mentions_only`. */
export type UnreadCountSetting =
  | 'all_messages'
  | 'user_mentions_only'
  | 'group_mentions_only'
  | 'user_and_group_mentions_only'
  | 'mentions_only';

type UnreadPlan = Pick<MessagePost, 'mentionedIds' | 'mentioned' | 'others'>;

const NONE: UnreadIncrement = { unread: 0, userMentions: 0, groupMentions: 0 };

/** getMentions: `all` / `here`, and the mentioned users other than the sender (teams: none in Roster). */
function mentionsOf(message: MessageDoc): { toGroup: boolean; mentionIds: string[] } {
  const mentions = message.mentions ?? [];
  const toGroup = mentions.some(({ _id }) => _id === 'all' || _id === 'here');
  const mentionIds = mentions
    .filter((m) => !m.type || m.type === 'user')
    .filter(({ _id }) => _id !== message.u._id && _id !== 'all' && _id !== 'here')
    .map(({ _id }) => _id);
  return { toGroup, mentionIds: [...new Set(mentionIds)] };
}

/**
 * updateUsersSubscriptions, folded into two classes of member so one UPDATE applies it:
 * - mentioned users (priority over a group mention): userMentions + 1, unread + 1 in a direct message or when
 *   the setting counts user mentions;
 * - else, with `@all` / `@here`: every other member gets groupMentions + 1, unread + 1 in a direct message or
 *   when the setting counts group mentions;
 * - without `@all` / `@here` and with `all_messages`: every member not mentioned gets unread + 1.
 * Every member but the sender also gets `alert` and `open` (setAlert/setOpenForRoomIdExcludingUserId).
 * Highlights (`userHighlights`) are not matched: README, "Differences from Rocket.Chat".
 */
export function unreadPlan(message: MessageDoc, roomType: string, setting: UnreadCountSetting): UnreadPlan {
  const { toGroup, mentionIds } = mentionsOf(message);
  const direct = roomType === 'd' || roomType === 'l';
  const counts = (values: readonly UnreadCountSetting[]) => (direct || values.includes(setting) ? 1 : 0);
  const mentioned: UnreadIncrement = {
    unread: counts(['all_messages', 'user_mentions_only', 'user_and_group_mentions_only']),
    userMentions: 1,
    groupMentions: 0,
  };
  let others: UnreadIncrement = NONE;
  if (mentionIds.length === 0 && toGroup) {
    others = {
      unread: counts(['all_messages', 'group_mentions_only', 'user_and_group_mentions_only']),
      userMentions: 0,
      groupMentions: 1,
    };
  }
  if (!toGroup && setting === 'all_messages') others = { ...others, unread: others.unread + 1 };
  return { mentionedIds: mentionIds, mentioned: mentionIds.length > 0 ? mentioned : NONE, others };
}
