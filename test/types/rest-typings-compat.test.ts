// Compile-time proof that Roster's users.info answer fits @rocket.chat/rest-typings' '/v1/users.info' type.
// `npm run typecheck` (and the build `npm test` runs first) fails when the types drift; the runtime part only
// states what was checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Serialized } from '@rocket.chat/core-typings';
import type { OperationParams, OperationResult } from '@rocket.chat/rest-typings';
import type {
  UsersInfoQuery,
  UsersInfoResponse,
  UsersInfoRoom,
  UsersInfoUser,
} from '../../src/api/users-info.js';

/** Compiles only when A is assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
function expectTrue<T extends true>(): T | undefined {
  return undefined;
}

/** What a Rocket.Chat client reads: the JSON form of the declared result (dates become strings). */
type RcUsersInfo = Serialized<OperationResult<'GET', '/v1/users.info'>>;
type RcUser = RcUsersInfo['user'];
type RcRoom = NonNullable<RcUser['rooms']>[number];

/**
 * rest-typings declares `user: IUser`, whose core fields (`createdAt`, `roles`, `type`, `active`, `_updatedAt`)
 * are required, yet Rocket.Chat's own getFullUserData leaves them out of a limited view and never projects
 * `_updatedAt`; likewise each room's fields are present only when stored. So Roster's fields are compared with
 * Rocket.Chat's as optional. `status` is declared with Rocket.Chat's string enum: its wire form is the union of
 * the enum's strings. `services` differs on purpose: Rocket.Chat's getFullUserData answers `services.password`
 * as `true` (users-info.md §5), which IUserServices does not describe.
 */
type RcUserOnTheWire = Partial<Omit<RcUser, 'status' | 'services' | 'rooms'>> & {
  status?: `${NonNullable<RcUser['status']>}`;
  rooms?: Array<Partial<RcRoom> & Pick<UsersInfoRoom, '_id' | 'federated'>>;
};
type RosterUser = Omit<UsersInfoUser, 'services'>;

// Every field Roster sends is one rest-typings declares (no invented field), but `statusLivechat`: Rocket.Chat's
// getFullUserData projects it too, while the type sits on ILivechatAgent rather than IUser.
expectTrue<Assignable<keyof UsersInfoUser, keyof RcUser | 'statusLivechat'>>();
// Rooms carry rest-typings' fields plus the subscription `_id` and `federated`, which Rocket.Chat also projects.
expectTrue<Assignable<keyof UsersInfoRoom, keyof RcRoom | '_id' | 'federated'>>();
// Each field has a type a Rocket.Chat client accepts.
expectTrue<Assignable<RosterUser, RcUserOnTheWire>>();
expectTrue<Assignable<UsersInfoResponse, { user: RosterUser; success: true }>>();
// The query Roster accepts covers each of rest-typings' five lookup forms.
expectTrue<Assignable<OperationParams<'GET', '/v1/users.info'>, UsersInfoQuery>>();
// login: rest-typings declares `Record<string, any>`, which Roster's `{status, data, success}` fits.
expectTrue<
  Assignable<
    {
      status: 'success';
      data: { userId: string; authToken: string; me: Record<string, unknown> };
      success: true;
    },
    Serialized<OperationResult<'POST', '/v1/login'>>
  >
>();

describe("Roster's users.info types against @rocket.chat/rest-typings", () => {
  it('compiles the assignability checks above (a drift fails the build before any test runs)', () => {
    assert.equal(expectTrue<true>(), undefined);
  });
});
