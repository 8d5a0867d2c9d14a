// POST users.register (no login): self-registration gated by Accounts_RegistrationForm, with its own rate limit.
import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import type { Context } from '../../core/context.js';
import { limitedUserView } from '../../core/users/admin-user-view.js';
import { profileErrors } from '../../core/users/profile-errors.js';
import { registerUser } from '../../core/users/self-registration.js';
import { checkRateLimit, rateLimitKey } from '../../core/rate-limit/api-rate-limit.js';
import { knownValue } from '../../core/settings/known-value.js';
import { tooManyRequests } from '../../errors.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { USERS_REGISTER_BODY } from '../../api/users-profile.js';
import { checker, IN_HANDLER } from '../validation.js';

// Rocket.Chat 8.5 (users.ts): typed `body`; phase in-handler (after the registration rate limit), as before.
const checkRegister = checker(USERS_REGISTER_BODY, 'typed');

const ROUTE = '/api/v1/users.register';

/**
 * The route's `rateLimiterOptions`: `Rate_Limiter_Limit_RegisterUser` calls (default 1) per
 * `API_Enable_Rate_Limiter_Limit_Time_Default` per client IP, while `API_Enable_Rate_Limiter` is on.
 */
function registerRateLimit(context: Context) {
  return async function limitRegistrations(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const settings = await context.settings.current();
    const limiter = {
      ...settings.rateLimiter,
      calls: knownValue(settings, 'Rate_Limiter_Limit_RegisterUser'),
    };
    const verdict = await checkRateLimit(
      context.rateLimits,
      limiter,
      rateLimitKey(request.ip, 'POST', ROUTE),
      context.clock().getTime(),
    );
    if (!verdict) return;
    reply.headers(verdict.headers);
    if (verdict.waitSeconds !== null) throw tooManyRequests(verdict.waitSeconds);
  };
}

function header(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function usersRegisterRoutes(app: FastifyInstance, context: Context): void {
  const description =
    'Registers a new user (no login; `Accounts_RegistrationForm` Public, or Secret URL with `secret`); ' +
    '`Rate_Limiter_Limit_RegisterUser` calls a minute per client.';
  const options = {
    schema: {
      summary: 'users.register',
      description,
      tags: ['Users'],
      body: checkRegister.schema,
      response: responses(
        description,
        {
          user: { _id: 'aobEdbYhXfu5hkeqG', username: 'john', name: 'John', status: 'offline', active: true },
          success: true,
        },
        [400, 429],
      ),
    },
    ...IN_HANDLER,
    preHandler: registerRateLimit(context),
  };
  app.post(ROUTE, options, async (request) => {
    // `this.userId` is set when the request carries valid credentials (authRequired: false still reads them).
    const caller = await context.sessions.authenticate(
      header(request.headers['x-user-id']),
      header(request.headers['x-auth-token']),
    );
    if (caller) throw profileErrors.loggedInCannotRegister();
    const user = await registerUser(context, checkRegister(request.body));
    const settings = await context.settings.current();
    return success({ user: limitedUserView(user, settings.customFields) });
  });
}
