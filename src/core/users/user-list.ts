// users.list / users.listByStatus: Rocket.Chat's paging (getPaginationItems), sort (parseJsonQuery) and filters.
import type { Context } from '../context.js';
import { forbidden } from '../../errors.js';
import { byStatusUserView, listedUserView } from './admin-user-view.js';
import { userErrors } from './user-errors.js';
import type { UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { USER_SORT_FIELDS, type SortDirection, type UserListQuery, type UserSortField } from '../store.js';

/** Rocket.Chat's defaults of `API_Default_Count` and `API_Upper_Count_Limit`. */
export const DEFAULT_COUNT = 50;
export const UPPER_COUNT_LIMIT = 100;

export interface ListParams {
  count?: string;
  offset?: string;
  sort?: string;
}

/** users.list's query: Rocket.Chat 8.4 added the exact `email` lookup. */
export interface ListUsersParams extends ListParams {
  email?: string;
}

export interface ListByStatusParams extends ListParams {
  status?: string;
  roles?: string[];
  searchTerm?: string;
  /** The query string's `true` / `false` (rest-typings `hasLoggedIn: boolean`, coerced). */
  hasLoggedIn?: 'true' | 'false';
  type?: string;
  inactiveReason?: string[];
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
    // Past Number.MAX_SAFE_INTEGER the stores' integer parameters overflow (security F21): such an offset is past
    // every row anyway, so it is clamped and answers an empty page, as Rocket.Chat's skip past the end does.
    offset: Number.isNaN(offset) || offset < 0 ? 0 : Math.min(offset, Number.MAX_SAFE_INTEGER),
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
    throw userErrors.invalidSort(raw);
  }
  // A field the port does not sort by is dropped here (it never reaches SQL); with only such fields the page
  // keeps the stores' `_id` tiebreak order, as before.
  const sort: Array<[UserSortField, SortDirection]> = [];
  for (const [field, direction] of entries as Array<[string, SortDirection]>) {
    if (isUserSortField(field)) sort.push([field, direction]);
    if (field === 'status') sort.push(['active', direction]);
  }
  return entries.length > 0 ? sort : [['username', 1]];
}

function isUserSortField(field: string): field is UserSortField {
  return (USER_SORT_FIELDS as readonly string[]).includes(field);
}

/**
 * Rocket.Chat 8.5 `users.list` and `users.listByStatus` (apps/meteor/app/api/server/v1/users.ts):
 * `permissionsRequired: ['view-d-room']` → 403 `[error-unauthorized]`. (Rocket.Chat's extra `view-outside-room`
 * check applies only when `API_Apply_permission_view-outside-room_on_users-list` is on; Roster has no such
 * setting, i.e. it behaves as with the default, off.)
 */
async function assertMayListUsers(context: Context, caller: Caller): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, 'view-d-room'))) throw forbidden();
}

type StoreFilters = Omit<UserListQuery, 'offset' | 'count' | 'sort'>;

async function listPage(
  context: Context,
  params: ListParams,
  filters: StoreFilters,
  view: (user: UserDoc) => Record<string, unknown>,
): Promise<UserListResult> {
  const { offset, count } = pagination(params);
  const sort = parseSort(params.sort);
  const page = await context.store.users.list({ offset, count, sort, ...filters });
  const users = page.users.map(view);
  return { users, count: users.length, offset, total: page.total };
}

/**
 * GET users.list: `query` and `fields` are ignored, as Rocket.Chat ≥ 7.0 ignores them by default. The 8.4+
 * `email` filter is Rocket.Chat's `{'emails.address': {$regex: '^' + escapeRegExp(email) + '$', $options: 'i'}}`,
 * an exact case-insensitive match, refused with `API.v1.forbidden()` without view-full-other-user-info.
 */
export async function listUsers(
  context: Context,
  caller: Caller,
  params: ListUsersParams,
): Promise<UserListResult> {
  await assertMayListUsers(context, caller);
  const full = await context.permissions.has(caller.user.roles, 'view-full-other-user-info');
  if (params.email && !full) throw userErrors.forbiddenUnauthorized();
  const filters: StoreFilters = params.email ? { email: params.email } : {};
  return listPage(context, params, filters, (user) => listedUserView(user, full));
}

const STATUS_FILTERS: Record<string, { active?: boolean }> = {
  all: {},
  active: { active: true },
  deactivated: { active: false },
};

/**
 * GET users.listByStatus: Rocket.Chat's `findPaginatedUsersByStatus` (apps/meteor/app/api/server/lib/users.ts):
 * status, `lastLogin: {$exists: hasLoggedIn}`, `type`, roles (`all` means any), searchTerm over username and
 * name (and emails only for view-full-other-user-info holders), and inactiveReason.
 */
export async function listUsersByStatus(
  context: Context,
  caller: Caller,
  params: ListByStatusParams,
): Promise<UserListResult> {
  await assertMayListUsers(context, caller);
  const filter = STATUS_FILTERS[params.status ?? 'all'];
  if (!filter) throw userErrors.invalidStatus();
  const { permissions } = context;
  const full = await permissions.has(caller.user.roles, 'view-full-other-user-info');
  const extension = full || (await permissions.has(caller.user.roles, 'view-user-voip-extension'));
  const roles = params.roles ?? [];
  const searchTerm = params.searchTerm?.trim() ? params.searchTerm : undefined;
  return listPage(
    context,
    params,
    {
      ...filter,
      ...(roles.length > 0 && !roles.includes('all') ? { roles } : {}),
      ...(searchTerm ? { text: searchTerm, textIncludesEmails: full } : {}),
      ...(params.hasLoggedIn !== undefined ? { hasLoggedIn: params.hasLoggedIn === 'true' } : {}),
      ...(params.type ? { type: params.type } : {}),
      ...(params.inactiveReason !== undefined ? { inactiveReason: params.inactiveReason } : {}),
    },
    (user) => byStatusUserView(user, full, extension),
  );
}
