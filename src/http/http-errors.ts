// The HTTP part of the error catalogue: requests Node's parser, Fastify or the request schemas refuse before a
// route runs.
import { RosterError } from '../errors.js';

/** Router.ts's `c.json({success: false, errorType, error}, 400)`, keys in its order. */
const routerRefusal = (errorType: string, messages: readonly string[]): RosterError =>
  new RosterError(400, { success: false, errorType, error: messages.join('\n ') });

/** Roster's own 400 for a client error Fastify raises; Rocket.Chat (Express) has no equivalent texts. */
const clientError = (text: string): RosterError => new RosterError(400, { success: false, error: text });

export const httpErrors = {
  /** FST_ERR_CTP_INVALID_JSON_BODY / FST_ERR_CTP_EMPTY_JSON_BODY. */
  invalidJsonBody: (): RosterError => clientError('Invalid JSON body [error-invalid-body]'),
  /** FST_ERR_CTP_BODY_TOO_LARGE. */
  bodyTooLarge: (): RosterError => clientError('Request body is too large [error-body-too-large]'),
  /** json-body.ts: a JSON body nested deeper than its limit, refused before JSON.parse (security F8). */
  jsonTooDeep: (maxDepth: number): RosterError =>
    clientError(`JSON body nested deeper than ${maxDepth} levels [error-invalid-body]`),
  /** FST_ERR_CTP_INVALID_MEDIA_TYPE. */
  unsupportedContentType: (): RosterError =>
    clientError('Unsupported content type [error-invalid-content-type]'),
  /** Any other 4xx Fastify raises, a parser error of Node's, a bad URL or an over-long path parameter. */
  badRequest: (): RosterError => clientError('Bad request [error-bad-request]'),
  /** Node's ERR_HTTP_REQUEST_TIMEOUT (client-errors.ts writes it to the socket). */
  requestTimeout: (): RosterError =>
    new RosterError(408, { success: false, error: 'Request timeout [error-request-timeout]' }),
  /** Node's HPE_HEADER_OVERFLOW (client-errors.ts writes it to the socket). */
  headerTooLarge: (): RosterError =>
    new RosterError(431, {
      success: false,
      error: 'Request header fields too large [error-header-too-large]',
    }),
  /**
   * The typed router (http-router Router.ts) refusing a `body`: `{success, errorType, error}` in that order, AJV's
   * messages joined by "\n ", errorType `invalid-params`, no ` [invalid-params]` suffix (the legacy form is
   * errors.ts's `invalidParams`).
   */
  typedInvalidParams: (messages: readonly string[]): RosterError => routerRefusal('invalid-params', messages),
  /** The typed router refusing a `query` (Router.ts): the same body with errorType `error-invalid-params`. */
  typedQueryInvalidParams: (messages: readonly string[]): RosterError =>
    routerRefusal('error-invalid-params', messages),
};
