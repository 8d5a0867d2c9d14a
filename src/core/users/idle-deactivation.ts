// users.deactivateIdle: switches off the active users of a role who have not logged in for `daysIdle` days.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { forbidden } from '../../errors.js';
import type { UserFootprint } from '../store.js';
import { activeStatusWrites } from './user-status.js';
import { FootprintEdit } from './footprint-edit.js';

const PAGE = 500;

/** Rocket.Chat's `lastLogin: {$lte: cutoff}`: a user who never logged in has no lastLogin and is not matched. */
function idleSince(user: UserDoc, cutoff: number): boolean {
  const lastLogin = typeof user.lastLogin === 'string' ? Date.parse(user.lastLogin) : Number.NaN;
  return !Number.isNaN(lastLogin) && lastLogin <= cutoff;
}

/**
 * Rocket.Chat 8.5 users.ts 'users.deactivateIdle' (permissionsRequired edit-other-user-active-status):
 * `Users.setActiveNotLoggedInAfterWithRole(now - daysIdle days, role = 'user', false)`, answering `{count}`.
 * Each user goes through the deactivation path of users.setActiveStatus (tokens revoked, users.info cache
 * dropped), one transaction per user; RC's bulk `$set` hands no rooms on, and neither does this.
 */
export async function deactivateIdle(
  context: Context,
  caller: Caller,
  input: { daysIdle: number; role?: string },
): Promise<{ count: number }> {
  if (!(await context.permissions.has(caller.user.roles, 'edit-other-user-active-status'))) throw forbidden();
  const now = context.clock();
  const cutoff = now.getTime() - input.daysIdle * 86_400_000;
  const role = input.role ?? 'user';
  const idle: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await context.store.users.list({
      offset,
      count: PAGE,
      sort: [['_id', 1]],
      roles: [role],
      active: true,
    });
    for (const user of page.users) if (idleSince(user, cutoff)) idle.push(user._id);
    if (page.users.length < PAGE) break;
  }
  let count = 0;
  for (const id of idle) {
    const at = context.clock().toISOString();
    const written = await context.store.accounts.writeFootprint(id, (footprint: UserFootprint) =>
      activeStatusWrites(
        new FootprintEdit(footprint, at),
        { ...footprint.user, _updatedAt: at },
        false,
        null,
      ),
    );
    if (written?.user) count++;
  }
  return { count };
}
