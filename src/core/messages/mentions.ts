// Mentions in a message's text, found as Rocket.Chat's MentionsParser / MentionsServer find them.
import type { MessageDoc } from '../documents.js';
import type { Store } from '../store.js';

/** UTF8_User_Names_Validation's default: what a username (and a channel name in a mention) may contain. */
const NAME_PATTERN = '[0-9a-zA-Z-_.]+';

/** MentionsParser.userMentionRegex / channelMentionRegex with the default pattern. */
const USER_MENTION = new RegExp(
  `(^|\\s|>)@(${NAME_PATTERN}(@(${NAME_PATTERN}))?(:([0-9a-zA-Z-_.]+))?)`,
  'gm',
);
const CHANNEL_MENTION = new RegExp(`(^|\\s|>)#(${NAME_PATTERN}(@(${NAME_PATTERN}))?)`, 'gm');

/** getUserMentions / getChannelMentions: each whole match, trimmed (the prefix character included). */
function matches(text: string, pattern: RegExp): string[] {
  return (text.match(pattern) ?? []).map((match) => match.trim());
}

/**
 * The names mentioned in `text`: `all` / `here` apart, users by username, channels by name. As in
 * MentionsServer.getUsersByMentions, a mention without `:` loses its first character (the `@`, or a `>`
 * prefix — Rocket.Chat's own quirk, kept).
 */
export function parseMentions(text: string): { group: string[]; usernames: string[]; channels: string[] } {
  const group: string[] = [];
  const usernames: string[] = [];
  for (const match of matches(text, USER_MENTION)) {
    const mention = match.includes(':') ? match : match.substring(1);
    if (mention === 'all' || mention === 'here') group.push(mention);
    else usernames.push(mention);
  }
  const channels = matches(text, CHANNEL_MENTION).map((match) => match.substring(1));
  return { group, usernames, channels };
}

/**
 * MentionsServer.execute: `mentions` (`all` / `here` first, then the users that exist, each `type: 'user'`) and
 * `channels` (the `c` / `p` rooms that exist) for a message's text. Roster has no teams.
 */
export async function resolveMentions(
  store: Store,
  text: string,
): Promise<Pick<MessageDoc, 'mentions' | 'channels'>> {
  const parsed = parseMentions(text);
  const mentions: NonNullable<MessageDoc['mentions']> = parsed.group.map((name) => ({
    _id: name,
    username: name,
  }));
  const usernames = [...new Set(parsed.usernames)];
  if (usernames.length > 0) {
    for (const user of await store.users.findByUsernames(usernames)) {
      mentions.push({
        _id: user._id,
        username: user.username ?? '',
        ...(user.name !== undefined ? { name: user.name } : {}),
        type: 'user',
      });
    }
  }
  const channels: NonNullable<MessageDoc['channels']> = [];
  for (const name of new Set(parsed.channels)) {
    const room = await store.rooms.findByName(name);
    if (room && (room.t === 'c' || room.t === 'p')) {
      channels.push({
        _id: room._id,
        ...(room.name !== undefined ? { name: room.name } : {}),
        ...(typeof room.fname === 'string' ? { fname: room.fname } : {}),
      });
    }
  }
  return { mentions, channels };
}
