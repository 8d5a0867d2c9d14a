// The error catalogue: every error Roster answers with, its HTTP status and its Rocket.Chat body, fixed here.

/** The JSON body of a failed Rocket.Chat API call. */
export type ErrorBody = {
  success: false;
  /** Absent only for Rocket.Chat's bare `API.v1.failure()` (see `bareFailure`). */
  error?: string;
  errorType?: string;
  status?: string;
  message?: string;
  /** A Meteor.Error's `details`, as Rocket.Chat passes them on (e.g. the 2FA method a client must answer). */
  details?: Readonly<Record<string, unknown>>;
};

/** The one error class. Services throw it; the HTTP error handler renders `body` with `statusCode`. */
export class RosterError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.error ?? 'failure');
    this.name = 'RosterError';
  }
}

const UNAUTHORIZED_TEXT = 'You must be logged in to do this.';

/** Rocket.Chat's `API.v1.failure(text)`: 400 without an errorType. */
export function failure(text: string): RosterError {
  return new RosterError(400, { success: false, error: text });
}

/** Rocket.Chat's `API.v1.failure(text, errorType)`: 400 with an errorType but no ` [<errorType>]` suffix. */
export function typedFailure(text: string, errorType: string): RosterError {
  return new RosterError(400, { success: false, error: text, errorType });
}

/** Rocket.Chat's `API.v1.failure()` without arguments: 400 `{"success":false}` (e.g. an unknown setting). */
export function bareFailure(): RosterError {
  return new RosterError(400, { success: false });
}

/** A Meteor.Error as Rocket.Chat renders it: `"<message> [<errorType>]"` plus `errorType`. */
export function domainError(errorType: string, message: string, statusCode = 400): RosterError {
  return new RosterError(statusCode, { success: false, error: `${message} [${errorType}]`, errorType });
}

/**
 * A Meteor.Error with `details`, as ApiClass.ts's catch renders it (`API.v1.failure(e.message, e.error, stack, e)`):
 * `"<reason> [<error>]"`, `errorType` and the details object (e.g. `{method: 'addUsersToRoom'}`).
 */
export function meteorError(
  errorType: string,
  reason: string,
  details: Readonly<Record<string, unknown>>,
): RosterError {
  return new RosterError(400, { success: false, error: `${reason} [${errorType}]`, errorType, details });
}

/** Schema validation failure; `messages` are AJV's messages, joined as Rocket.Chat joins them. */
export function invalidParams(messages: readonly string[]): RosterError {
  return domainError('invalid-params', messages.join('\n '));
}

export function unauthorized(): RosterError {
  return new RosterError(401, {
    success: false,
    error: UNAUTHORIZED_TEXT,
    status: 'error',
    message: UNAUTHORIZED_TEXT,
  });
}

/** Login failures: one body for every bad credential so a login never reveals whether a user exists. */
export function loginFailed(): RosterError {
  return new RosterError(401, {
    success: false,
    status: 'error',
    error: 'Unauthorized',
    message: 'Unauthorized',
  });
}

export function forbidden(): RosterError {
  return new RosterError(403, {
    success: false,
    error: 'User does not have the permissions required for this action [error-unauthorized]',
  });
}

export function routeNotFound(): RosterError {
  return new RosterError(404, { success: false, error: 'Resource not found' });
}

/** compat.md §4: the Meteor.Error text with its `[error-too-many-requests]` suffix, but no `errorType` key. */
export function tooManyRequests(waitSeconds: number): RosterError {
  return new RosterError(429, {
    success: false,
    error: `Error, too many requests. Please slow down. You must wait ${waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`,
  });
}

export function serviceUnavailable(): RosterError {
  return new RosterError(503, {
    success: false,
    error: 'Service unavailable, try again later [error-service-unavailable]',
    errorType: 'error-service-unavailable',
  });
}

/**
 * A text the database cannot store (PostgreSQL 22P05 / 22021: a NUL or an invalid code point). Schemas refuse
 * these first (security F12); this is the answer wherever one still reaches the database.
 */
export function unstorableText(): RosterError {
  return invalidParams(['must not contain NUL characters or unpaired surrogates']);
}

export function internalError(): RosterError {
  return new RosterError(500, { success: false, error: 'Internal server error' });
}

/** Raised by a store when a write would break a uniqueness rule; services translate it to a domain error. */
export class ConflictError extends Error {
  constructor(
    readonly field:
      | 'id'
      | 'username'
      | 'email'
      | 'freeSwitchExtension'
      | 'roomName'
      | 'subscription'
      | 'token'
      | 'tokenName',
  ) {
    super(`conflict on ${field}`);
    this.name = 'ConflictError';
  }
}

/** Raised by a store when the database cannot be reached; rendered as 503. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('store unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
