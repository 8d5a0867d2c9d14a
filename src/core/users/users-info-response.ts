// The users.info answer as JSON, field by field (users-info.md §5–§7): the type clients and the type test rely on.
import type { Json } from '../documents.js';

/** A room in `user.rooms`: the subscription's `_id` and those of its projected fields it has (§6). */
export interface UsersInfoRoom {
  _id: string;
  rid?: string;
  name?: string;
  t?: 'c' | 'p' | 'd' | 'l';
  roles?: string[];
  unread?: number;
  federated?: boolean;
}

/**
 * The user: `_id`, the default fields, the full-info fields when `canViewAllInfo`, custom fields, the caller's
 * own sanitised `services`, and `rooms` when asked for and allowed. A field is present only when stored.
 */
export interface UsersInfoUser {
  _id: string;
  // Rocket.Chat's defaultFields: anyone may see them.
  name?: string;
  username?: string;
  nickname?: string;
  status?: 'online' | 'away' | 'busy' | 'offline' | 'disabled';
  utcOffset?: number;
  type?: string;
  active?: boolean;
  bio?: string;
  reason?: string;
  statusText?: string;
  avatarETag?: string;
  federated?: boolean;
  statusLivechat?: string;
  abacAttributes?: Array<{ key: string; values: string[] }>;
  freeSwitchExtension?: string;
  // fullFields: only with canViewAllInfo. Dates are ISO-8601 strings with milliseconds.
  emails?: Array<{ address: string; verified?: boolean }>;
  phone?: string;
  statusConnection?: string;
  createdAt?: string;
  lastLogin?: string;
  requirePasswordChange?: boolean;
  requirePasswordChangeReason?: string;
  roles?: string[];
  importIds?: string[];
  customFields?: Record<string, Json>;
  /** The caller's own view only; `password` is `true` when the user has one (never the hash). */
  services?: { password?: true; [service: string]: Json | undefined };
  canViewAllInfo: boolean;
  rooms?: UsersInfoRoom[];
}

/** The 200 body of GET /api/v1/users.info. */
export interface UsersInfoResponse {
  user: UsersInfoUser;
  success: true;
}
