// The users part of the error catalogue: Rocket.Chat's users.* errors, texts verbatim from its source.
import { RosterError } from '../../errors.js';

export const userErrors = {
  /**
   * `API.v1.forbidden()` (apps/meteor/app/api/server/api.ts): 403 `{"success":false,"error":"unauthorized"}`,
   * answered by users.list for an `email` filter without view-full-other-user-info (users.ts `users.list`).
   */
  forbiddenUnauthorized: (): RosterError => new RosterError(403, { success: false, error: 'unauthorized' }),
};
