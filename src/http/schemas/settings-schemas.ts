// The request schemas of settings.public and GET settings, as @rocket.chat/rest-typings 8.x defines them.
import type { PrivilegedSettingParams, PublicSettingParams } from '../../core/settings/setting-list.js';
import { paramsChecker } from '../params-schema.js';

/** `isSettingsPublicWithPaginationProps` (ajvQuery; the typed router's `query` in settings.ts `API.v1.get`). */
export const checkPublicSettings = paramsChecker<PublicSettingParams>(
  {
    type: 'object',
    properties: {
      count: { type: 'number', nullable: true },
      offset: { type: 'number', nullable: true },
      sort: { type: 'string', nullable: true },
      _id: { type: 'string' },
    },
    additionalProperties: false,
  },
  'typed-query',
);

/** `isSettingsGetParams`. */
export const checkSettingsList = paramsChecker<PrivilegedSettingParams>(
  {
    type: 'object',
    properties: {
      includeDefaults: { type: 'boolean' },
      count: { type: 'number' },
      offset: { type: 'number' },
      sort: { type: 'string' },
    },
    additionalProperties: false,
  },
  'typed-query',
);
