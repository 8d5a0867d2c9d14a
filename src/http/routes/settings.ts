// GET settings, GET / POST settings/:_id for the settings Roster knows (compat.md §3).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { listSettings } from '../../core/settings/setting-list.js';
import { readSetting, writeSetting } from '../../core/settings/setting-values.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

// The typed router's `query` in Rocket.Chat's settings.ts (coerced); phase in-handler, as before.
const checkSettingsList = checker(SETTINGS_LIST_QUERY, 'typed-query');
import { SETTINGS_LIST_QUERY } from '../../api/settings.js';

type SettingRequest = { Params: { _id: string } };

/** Documentation only: the handler answers an unknown id or a wrong value type with Rocket.Chat's errors. */
const SETTING_PARAMS = {
  type: 'object',
  required: ['_id'],
  properties: {
    _id: {
      type: 'string',
      description:
        'Accounts_CustomFields, Accounts_LoginExpiration, API_Enable_Rate_Limiter, API_Enable_Rate_Limiter_Limit_Calls_Default, API_Enable_Rate_Limiter_Limit_Time_Default, or one of Accounts_TwoFactorAuthentication_Enabled, _MaxDelta, _By_TOTP_Enabled, _By_Email_Enabled, _RememberFor, _Enforce_Password_Fallback.',
      examples: ['Accounts_LoginExpiration'],
    },
  },
};

const readOptions = {
  schema: {
    summary: 'settings/:_id (read)',
    tags: ['Settings'],
    params: SETTING_PARAMS,
    response: responses(
      'The setting and its value.',
      { _id: 'Accounts_LoginExpiration', value: 90, success: true },
      [400, 403],
    ),
  },
  ...IN_HANDLER,
};

const writeOptions = {
  schema: {
    summary: 'settings/:_id (write)',
    description:
      'Changes a setting (`edit-privileged-setting`, then the second factor: `x-2fa-code`/`x-2fa-method`); it takes effect at once, on every instance.',
    tags: ['Settings'],
    params: SETTING_PARAMS,
    body: { type: 'object', properties: { value: {} }, examples: [{ value: 30 }] },
    response: responses('Changed.', { success: true }, [400, 403]),
  },
  ...IN_HANDLER,
  // settings.ts: POST settings/:_id is `twoFactorRequired`, after its `permissionsRequired` check.
  config: { twoFactorRequired: { permission: 'edit-privileged-setting' as const } },
};

const listOptions = {
  schema: {
    summary: 'settings',
    description:
      'A page of the settings Roster honours: all of them with `view-privileged-setting`, else the public ones; `includeDefaults` adds `packageValue`.',
    tags: ['Settings'],
    querystring: checkSettingsList.schema,
    response: responses(
      'The settings.',
      {
        settings: [{ _id: 'Accounts_LoginExpiration', value: 30, packageValue: 90 }],
        count: 1,
        offset: 0,
        total: 1,
        success: true,
      },
      [400],
    ),
  },
  ...IN_HANDLER,
};

export function settingsRoutes(app: FastifyInstance, context: Context): void {
  app.get('/api/v1/settings', listOptions, async (request) =>
    success(await listSettings(context, callerOf(request), checkSettingsList(request.query))),
  );

  app.get<SettingRequest>('/api/v1/settings/:_id', readOptions, async (request) =>
    success(await readSetting(context, callerOf(request), request.params._id)),
  );

  app.post<SettingRequest>('/api/v1/settings/:_id', writeOptions, async (request) => {
    const body = request.body !== null && typeof request.body === 'object' ? request.body : {};
    await writeSetting(context, callerOf(request), request.params._id, body as Record<string, unknown>);
    return success({});
  });
}
