// The route option `config: {twoFactorRequired}`: Rocket.Chat's `twoFactorRequired: true`, which makes ApiClass.ts's
// processTwoFactor ask for the second factor (x-2fa-code / x-2fa-method) before the route's action.
import type { FastifyRequest, RouteOptions } from 'fastify';
import { routeTwoFactorError } from '../core/auth/auth-errors.js';
import { connectionFingerprint } from '../core/auth/two-factor.js';
import type { Context } from '../core/context.js';
import type { PermissionId } from '../core/setup/defaults.js';
import { forbidden } from '../errors.js';
import { callerOf } from './authenticate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * true: ask for the second factor. `{permission}`: check that permission first (403), as Rocket.Chat's
     * `permissionsRequired` runs before processTwoFactor (POST settings/:_id).
     */
    twoFactorRequired?: true | { permission: PermissionId };
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An onRoute hook for the authenticated scope: appends the check to every route that asks for it. */
export function twoFactorRoutes(context: Context) {
  const check = async (request: FastifyRequest): Promise<void> => {
    const caller = callerOf(request);
    const option = request.routeOptions.config.twoFactorRequired;
    if (
      typeof option === 'object' &&
      !(await context.permissions.has(caller.user.roles, option.permission))
    ) {
      throw forbidden();
    }
    const outcome = await context.twoFactor.check({
      user: caller.user,
      code: header(request, 'x-2fa-code'),
      method: header(request, 'x-2fa-method'),
      connection: {
        token: caller.token,
        fingerprint: connectionFingerprint(header(request, 'user-agent'), request.ip),
      },
    });
    if (!outcome.ok) throw routeTwoFactorError(outcome.failure, outcome.details);
  };
  return (route: RouteOptions): void => {
    if (!route.config?.twoFactorRequired) return;
    const existing = route.preHandler;
    route.preHandler = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), check];
  };
}
