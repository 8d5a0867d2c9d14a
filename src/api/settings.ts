// The settings contracts: settings.public and GET settings queries (rest-typings 8.x, typed `query` in settings.ts).
import type { RequestOf } from './contract.js';

/** `isSettingsPublicWithPaginationProps` (ajvQuery; the typed router's `query` in settings.ts `API.v1.get`). */
export const SETTINGS_PUBLIC_QUERY = {
  type: 'object',
  properties: {
    count: { type: 'number', nullable: true },
    offset: { type: 'number', nullable: true },
    sort: { type: 'string', nullable: true },
    _id: { type: 'string' },
  },
  additionalProperties: false,
} as const;
export type SettingsPublicQuery = RequestOf<typeof SETTINGS_PUBLIC_QUERY>;

/** `isSettingsGetParams`. */
export const SETTINGS_LIST_QUERY = {
  type: 'object',
  properties: {
    includeDefaults: { type: 'boolean' },
    count: { type: 'number' },
    offset: { type: 'number' },
    sort: { type: 'string' },
  },
  additionalProperties: false,
} as const;
export type SettingsListQuery = RequestOf<typeof SETTINGS_LIST_QUERY>;
