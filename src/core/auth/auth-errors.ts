// The errors of login, the second factor and users.createToken, with the bodies Rocket.Chat 8.5 sends.
import { domainError, failure, RosterError } from '../../errors.js';

/** What `checkCodeForUser` puts in a 2FA Meteor.Error's details. */
export interface TwoFactorDetails {
  method: string;
  codeGenerated: boolean;
  availableMethods: string[];
}

export type TwoFactorFailure = 'totp-required' | 'totp-invalid';

const TWO_FACTOR_REASONS: Record<TwoFactorFailure, string> = {
  'totp-required': 'TOTP Required',
  'totp-invalid': 'TOTP Invalid',
};

/**
 * A Meteor.Error thrown inside Meteor's `login` method, as ApiClass.ts's login route renders it (8.x, not
 * breaking): 401 `{success:false, error:<error code>, status:'error', details, message:<reason>}`.
 */
function loginError(error: string, reason: string, details: Record<string, unknown>): RosterError {
  return new RosterError(401, { success: false, error, status: 'error', details, message: reason });
}

/**
 * `checkCodeForUser` (2fa/server/code/index.ts) throws Meteor.Error('totp-required', 'TOTP Required', details)
 * or ('totp-invalid', 'TOTP Invalid', details); at login it reaches the client through the login route.
 */
export function loginTwoFactorError(failure: TwoFactorFailure, details: TwoFactorDetails): RosterError {
  return loginError(failure, TWO_FACTOR_REASONS[failure], { ...details });
}

/**
 * The same Meteor.Error on a `twoFactorRequired` route goes through ApiClass.ts's action wrapper: `API.v1.failure(
 * e.message, e.error, undefined, e)`, a 400 with the Meteor message, `errorType` and `details`.
 */
export function routeTwoFactorError(failure: TwoFactorFailure, details: TwoFactorDetails): RosterError {
  const reason = TWO_FACTOR_REASONS[failure];
  return new RosterError(400, {
    success: false,
    error: `${reason} [${failure}]`,
    errorType: failure,
    details: { ...details },
  });
}

/**
 * Rocket.Chat's `Accounts.validateLoginAttempt` (app/authentication/server/startup/index.js) throws this for a
 * deactivated user, and only after the password matched (a failed handler returns before the check).
 */
export function userNotActivated(): RosterError {
  return loginError('error-user-is-not-activated', 'User is not activated', {
    function: 'Accounts.validateLoginAttempt',
  });
}

/** `generateAccessToken` (server/meteor-methods/auth/createToken.ts): a wrong secret or a missing permission. */
export function createTokenNotAuthorized(): RosterError {
  return domainError('error-not-authorized', 'Not authorized');
}

/** Rocket.Chat's `personalAccessTokens:generateToken` method: a token of that name already exists. */
export function personalAccessTokenExists(): RosterError {
  return domainError('error-token-already-exists', 'A token with this name already exists');
}

/** The `personalAccessTokens:regenerateToken` / `removeToken` methods: no token of that name (Rocket.Chat's spelling). */
export function personalAccessTokenMissing(): RosterError {
  return domainError('error-token-does-not-exists', 'Token does not exist');
}

/** users.generatePersonalAccessToken and friends: `if (!tokenName) return API.v1.failure(...)`. */
export function tokenNameRequired(): RosterError {
  return failure("The 'tokenName' param is required");
}

/**
 * Rocket.Chat sets no limit on a user's personal access tokens; Roster caps them (security F6) and answers
 * in Rocket.Chat's shape, with an errorType of its own.
 */
export function tooManyPersonalAccessTokens(max: number): RosterError {
  return domainError('error-too-many-tokens', `A user may hold at most ${max} personal access tokens`);
}

/**
 * validateLoginAttemptAsync (app/authentication/server/startup/index.ts) throws this when isValidLoginAttemptByIp
 * refuses; the login route renders it as a 401 `{status:'error', error, message}`.
 */
export function loginBlockedForIp(): RosterError {
  return loginError('error-login-blocked-for-ip', 'Login has been temporarily blocked For IP', {
    function: 'Accounts.validateLoginAttempt',
  });
}

/** The same when isValidAttemptByUser refuses. */
export function loginBlockedForUser(): RosterError {
  return loginError('error-login-blocked-for-user', 'Login has been temporarily blocked For User', {
    function: 'Accounts.validateLoginAttempt',
  });
}
