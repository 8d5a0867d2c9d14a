// Rocket.Chat's channels./groups. addOwner, removeOwner, addModerator, removeModerator, addLeader, removeLeader
// and roles (channels.ts / groups.ts): room roles on the members' subscriptions, which users.info shows.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import type { RoomRoleName } from '../../core/rooms/room-errors.js';
import {
  findAccessibleGroup,
  findChannel,
  findUserFromParams,
  type RoomParams,
} from '../../core/rooms/room-lookup.js';
import { changeRoomRole, roomRoles } from '../../core/rooms/room-roles.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs, roomInfoOptions, roomRequest, type RoomMemberBody } from './room-schemas.js';

const ROLE_CALLS: ReadonlyArray<readonly [suffix: string, role: RoomRoleName, grant: boolean]> = [
  ['addOwner', 'owner', true],
  ['removeOwner', 'owner', false],
  ['addModerator', 'moderator', true],
  ['removeModerator', 'moderator', false],
  ['addLeader', 'leader', true],
  ['removeLeader', 'leader', false],
];

type RoomFinder = (context: Context, params: RoomParams, caller: UserDoc) => Promise<RoomDoc>;

/** channels.*: findChannelByIdOrName; groups.*: findPrivateGroupByIdOrName (members only). */
const FINDERS: ReadonlyArray<readonly [prefix: 'channels' | 'groups', find: RoomFinder]> = [
  ['channels', (context, params) => findChannel(context, params)],
  ['groups', (context, params, caller) => findAccessibleGroup(context, params, caller._id)],
];

const ROLES_EXAMPLE = {
  roles: [
    {
      _id: 'oCqs9GbDGk6Svx4wE',
      rid: 'JKa7R9zu2DinBhBN9',
      u: { _id: 'aobEdbYhXfu5hkeqG', username: 'test.john' },
      roles: ['owner'],
    },
  ],
  success: true,
};

export function roomRoleRoutes(app: FastifyInstance, context: Context): void {
  for (const [prefix, find] of FINDERS) {
    for (const [suffix, role, grant] of ROLE_CALLS) {
      const name = `${prefix}.${suffix}`;
      const permission =
        role === 'owner' ? 'set-owner' : role === 'moderator' ? 'set-moderator' : 'set-leader';
      const description = `${grant ? 'Gives a member' : 'Takes from a member'} the room role \`${role}\` (\`${permission}\`)${
        !grant && role === 'owner' ? '; the last owner cannot be removed' : ''
      }.`;
      app.post<{ Body: RoomMemberBody }>(
        `/api/v1/${name}`,
        { schema: roomDocs(name, description, { body: roomRequest }, { success: true }) },
        async (request) => {
          const { user } = callerOf(request);
          const room = await find(context, request.body, user);
          const target = await findUserFromParams(context, request.body);
          await changeRoomRole(context, user, room, target, role, grant);
          return success({});
        },
      );
    }

    const roles = roomInfoOptions(
      `${prefix}.roles`,
      'The members holding a room role (owner, moderator, leader), by username.',
      ROLES_EXAMPLE,
    );
    app.get<{ Querystring: RoomParams }>(`/api/v1/${prefix}.roles`, roles, async (request) => {
      const { user } = callerOf(request);
      const room = await find(context, request.query, user);
      return success({ roles: await roomRoles(context, user, room) });
    });
  }
}
