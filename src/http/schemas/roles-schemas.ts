// The request schemas of roles.*, as @rocket.chat/rest-typings 8.x (and ee/server/api/roles.ts) define them.
import type { RoleProps, RoleUpdateProps } from '../../core/access/role-admin.js';
import type { UsersInRoleParams } from '../../core/access/role-holders.js';
import { paramsChecker } from '../params-schema.js';

const string = { type: 'string' };
const nullableString = { type: 'string', nullable: true };
const scope = { type: 'string', enum: ['Users', 'Subscriptions'], nullable: true };
const mandatory2fa = { type: 'boolean', nullable: true };

/** `isRolesGetUsersInRoleProps` (typed query: coerced). */
export const checkUsersInRole = paramsChecker<UsersInRoleParams & { sort?: string; query?: string }>(
  {
    type: 'object',
    properties: {
      roomId: nullableString,
      role: string,
      count: { type: 'number', nullable: true },
      offset: { type: 'number', nullable: true },
      sort: nullableString,
      query: nullableString,
    },
    required: ['role'],
    additionalProperties: false,
  },
  'typed-query',
);

/** roles.ts `rolesSyncQuerySchema`. */
export const checkRolesSync = paramsChecker<{ updatedSince?: string }>(
  { type: 'object', properties: { updatedSince: string }, additionalProperties: false },
  'typed-query',
);

/** `isRoleDeleteProps` (typed body). */
export const checkRoleDelete = paramsChecker<{ roleId: string }>(
  { type: 'object', properties: { roleId: string }, required: ['roleId'], additionalProperties: false },
  'typed',
);

/** ee `isRoleCreateProps`; a failure answers error-invalid-role-properties (the route maps it). */
export const checkRoleCreate = paramsChecker<RoleProps>({
  type: 'object',
  properties: { name: string, description: nullableString, scope, mandatory2fa },
  required: ['name'],
  additionalProperties: false,
});

/** ee `isRoleUpdateProps`. */
export const checkRoleUpdate = paramsChecker<RoleUpdateProps>({
  type: 'object',
  properties: { roleId: string, name: string, description: nullableString, scope, mandatory2fa },
  required: ['roleId', 'name'],
  additionalProperties: false,
});
