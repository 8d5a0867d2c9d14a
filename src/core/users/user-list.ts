// users.list / users.listByStatus: Rocket.Chat's paging (getPaginationItems), sort (parseJsonQuery) and filters.
import type { Context } from '../context.js';
import { domainError, forbidden } from '../../errors.js';
import { listedUserView } from './admin-user-view.js';
import type { Caller } from '../auth/sessions.js';
import type { SortDirection, UserListQuery } from '../store.js';

/** Rocket.Chat's defaults of `API_Default_Count` and `API_Upper_Count_Limit`. */
export const DEFAULT_COUNT = 50;
export const UPPER_COUNT_LIMIT = 100;

export interface ListParams {
  count?: string;
  offset?: string;
  sort?: string;
}

export interface ListByStatusParams extends ListParams {
  status?: string;
  roles?: string[];
  searchTerm?: string;
}

export interface UserListResult {
  users: Record<string, unknown>[];
  count: number;
  offset: number;
  total: number;
}

/**
 * `getPaginationItems`: a non-numeric value counts as absent, count is capped at the upper limit. Rocket.Chat
 * turns `count=0` into "no limit" when `API_Allow_Infinite_Count` is on; Roster has no such setting and
 * answers the default page size, so one call can never dump the whole directory.
 */
export function pagination(params: ListParams): { offset: number; count: number } {
  const offset = Number.parseInt(params.offset ?? '', 10);
  const count = Number.parseInt(params.count ?? '', 10);
  return {
    offset: Number.isNaN(offset) || offset < 0 ? 0 : offset,
    count: Number.isNaN(count) || count <= 0 ? DEFAULT_COUNT : Math.min(count, UPPER_COUNT_LIMIT),
  };
}

/** `parseJsonQuery`'s sort: a JSON object of 1/-1; default `{username: 1}`; `status` also sorts by `active`. */
export function parseSort(raw: string | undefined): UserListQuery['sort'] {
  if (raw === undefined || raw === '') return [['username', 1]];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const entries =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : null;
  if (!entries || entries.some(([, direction]) => direction !== 1 && direction !== -1)) {
    throw domainError('error-invalid-sort', `Invalid sort parameter provided: "${raw}"`);
  }
  const sort: Array<[string, SortDirection]> = [];
  for (const [field, direction] of entries as Array<[string, SortDirection]>) {
    sort.push([field, direction]);
    if (field === 'status') sort.push(['active', direction]);
  }
  return sort.length > 0 ? sort : [['username', 1]];
}

/** compat.md §5: listing users is an admin action (`view-user-administration`). */
async function assertMayListUsers(context: Context, caller: Caller): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, 'view-user-administration'))) throw forbidden();
}

async function listPage(
  context: Context,
  caller: Caller,
  params: ListParams,
  filters: Pick<UserListQuery, 'text' | 'roles' | 'active'>,
): Promise<UserListResult> {
  const { permissions } = context;
  const { offset, count } = pagination(params);
  const sort = parseSort(params.sort);
  const page = await context.store.listUsers({ offset, count, sort, ...filters });
  const full = await permissions.has(caller.user.roles, 'view-full-other-user-info');
  const users = page.users.map((user) => listedUserView(user, full));
  return { users, count: users.length, offset, total: page.total };
}

/** GET users.list: `query` and `fields` are ignored, as Rocket.Chat ≥ 7.0 ignores them by default. */
export async function listUsers(
  context: Context,
  caller: Caller,
  params: ListParams,
): Promise<UserListResult> {
  await assertMayListUsers(context, caller);
  return listPage(context, caller, params, {});
}

const STATUS_FILTERS: Record<string, { active?: boolean }> = {
  all: {},
  active: { active: true },
  deactivated: { active: false },
};

/** GET users.listByStatus: the admin UI's filters (status, roles, searchTerm) over the same page. */
export async function listUsersByStatus(
  context: Context,
  caller: Caller,
  params: ListByStatusParams,
): Promise<UserListResult> {
  await assertMayListUsers(context, caller);
  const filter = STATUS_FILTERS[params.status ?? 'all'];
  if (!filter) throw domainError('error-invalid-status', 'Invalid status parameter');
  return listPage(context, caller, params, {
    ...filter,
    ...(params.roles && params.roles.length > 0 ? { roles: params.roles } : {}),
    ...(params.searchTerm ? { text: params.searchTerm } : {}),
  });
}
