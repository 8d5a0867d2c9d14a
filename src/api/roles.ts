// The roles.* contracts: rest-typings 8.x (roles.ts) and ee/server/api/roles.ts request schemas.
import type { RequestOf } from './contract.js';

const string = { type: 'string' } as const;
const nullableString = { type: 'string', nullable: true } as const;
const scope = { type: 'string', enum: ['Users', 'Subscriptions'], nullable: true } as const;
const mandatory2fa = { type: 'boolean', nullable: true } as const;

/** `isRoleAddUserToRoleProps` / `isRoleRemoveUserFromRoleProps`, plus the older `roleName` and `scope`. */
export const ROLES_GRANT_BODY = {
  type: 'object',
  properties: { username: string, roleId: string, roleName: string, roomId: string, scope: string },
  required: ['username'],
  additionalProperties: false,
} as const;
export type RolesGrantBody = RequestOf<typeof ROLES_GRANT_BODY>;

/** `isRolesGetUsersInRoleProps` (typed query: coerced). */
export const ROLES_GET_USERS_IN_ROLE_QUERY = {
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
} as const;
export type RolesGetUsersInRoleQuery = RequestOf<typeof ROLES_GET_USERS_IN_ROLE_QUERY>;

/** roles.ts `rolesSyncQuerySchema`. */
export const ROLES_SYNC_QUERY = {
  type: 'object',
  properties: { updatedSince: string },
  additionalProperties: false,
} as const;
export type RolesSyncQuery = RequestOf<typeof ROLES_SYNC_QUERY>;

/** `isRoleDeleteProps` (typed body). */
export const ROLES_DELETE_BODY = {
  type: 'object',
  properties: { roleId: string },
  required: ['roleId'],
  additionalProperties: false,
} as const;
export type RolesDeleteBody = RequestOf<typeof ROLES_DELETE_BODY>;

/** ee `isRoleCreateProps`; a failure answers error-invalid-role-properties (the route maps it). */
export const ROLES_CREATE_BODY = {
  type: 'object',
  properties: { name: string, description: nullableString, scope, mandatory2fa },
  required: ['name'],
  additionalProperties: false,
} as const;
export type RolesCreateBody = RequestOf<typeof ROLES_CREATE_BODY>;

/** ee `isRoleUpdateProps`. */
export const ROLES_UPDATE_BODY = {
  type: 'object',
  properties: { roleId: string, name: string, description: nullableString, scope, mandatory2fa },
  required: ['roleId', 'name'],
  additionalProperties: false,
} as const;
export type RolesUpdateBody = RequestOf<typeof ROLES_UPDATE_BODY>;
