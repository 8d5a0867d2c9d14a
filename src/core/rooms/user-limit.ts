// Rocket.Chat's `API_User_Limit` (default 500): the most users one request may name in a member list (security F10).
import { roomErrors } from './room-errors.js';

/** `API_User_Limit`'s default (apps/meteor/server/settings/general.ts). */
export const API_USER_LIMIT = 500;

/** Refuses a list of more than API_USER_LIMIT user references before any of them is looked up. */
export function assertWithinUserLimit(count: number): void {
  if (count > API_USER_LIMIT) throw roomErrors.userLimitExceeded();
}
