// The permissions.* contracts: permissions.listAll's query and permissions.update's body (Rocket.Chat's permissions.ts).
import type { RequestOf } from './contract.js';

/** permissions.listAll: an optional `updatedSince` and no other key. */
export const PERMISSIONS_LIST_ALL_QUERY = {
  type: 'object',
  properties: { updatedSince: { type: 'string' } },
  additionalProperties: false,
} as const;
export type PermissionsListAllQuery = RequestOf<typeof PERMISSIONS_LIST_ALL_QUERY>;

/** permissions.update: each change names a permission and its whole role list. */
export const PERMISSIONS_UPDATE_BODY = {
  type: 'object',
  properties: {
    permissions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          _id: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        },
        required: ['_id', 'roles'],
        additionalProperties: false,
      },
    },
  },
  required: ['permissions'],
  additionalProperties: false,
} as const;
export type PermissionsUpdateBody = RequestOf<typeof PERMISSIONS_UPDATE_BODY>;
