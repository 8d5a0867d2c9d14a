// GET /avatar/:username and users.getAvatar (public, as in Rocket.Chat), users.setAvatar and users.resetAvatar.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context.js';
import { avatarErrors, invalidField } from '../../core/users/avatar-errors.js';
import { avatarSize, renderSvgLetters } from '../../core/users/avatar-letters.js';
import {
  assertMayChangeAvatar,
  avatarCacheSeconds,
  avatarFor,
  avatarLimitBytes,
  avatarUrlOf,
  resetAvatar,
  setAvatarFromBody,
  setAvatarFromUpload,
  type AvatarUpload,
} from '../../core/users/avatars.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import {
  USERS_GET_AVATAR_QUERY,
  USERS_RESET_AVATAR_BODY,
  USERS_SET_AVATAR_BODY,
} from '../../api/users-profile.js';
import { rateLimit } from '../rate-limit.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

/** Rocket.Chat's FALLBACK_LAST_MODIFIED: every letters avatar claims this date, so browsers revalidate cheaply. */
const FALLBACK_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';

/*
 * Rocket.Chat 8.5 (users.ts) declares users.setAvatar and users.resetAvatar with the typed router's `body`
 * (refusals `typed`); users.getAvatar is an addRoute without a schema, so Roster's own check keeps the legacy
 * text. Phase in-handler for all three, as before.
 */
const checkSetAvatar = checker(USERS_SET_AVATAR_BODY, 'typed');
const checkResetAvatar = checker(USERS_RESET_AVATAR_BODY, 'typed');
const checkGetAvatar = checker(USERS_GET_AVATAR_QUERY, 'legacy');

const AVATAR_QUERY = {
  type: 'object',
  properties: {
    size: { type: 'string', description: 'Side of the default (letters) avatar, 16 to 1024.' },
    format: {
      type: 'string',
      description: 'Ignored: Roster serves SVG letters (Rocket.Chat converts with sharp).',
    },
    cacheTime: {
      type: 'string',
      description: 'Cache-Control max-age, seconds (default Accounts_AvatarCacheTime).',
    },
  },
} as const;

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** setCacheAndDispositionHeaders, plus what keeps an image from ever being taken for a page. */
async function setCommonHeaders(context: Context, request: FastifyRequest, reply: FastifyReply) {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const asked = one(query.cacheTime);
  const seconds =
    asked !== undefined && /^\d{1,10}$/.test(asked) && Number(asked) > 0
      ? asked
      : await avatarCacheSeconds(context);
  reply.header('cache-control', `public, max-age=${seconds}`);
  reply.header('content-disposition', 'inline');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'");
}

/** True when If-None-Match lists `etag` (quoted or weak) or is `*`. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const bare = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return bare === '*' || bare === etag;
  });
}

function avatarRoute(context: Context) {
  return async (request: FastifyRequest<{ Params: { username: string } }>, reply: FastifyReply) => {
    const requested = request.params.username;
    if (!requested) return reply.code(404).send();
    await setCommonHeaders(context, request, reply);
    const answer = await avatarFor(context, requested);
    if (answer.kind === 'image') {
      const { avatar } = answer;
      const lastModified = new Date(avatar.uploadedAt).toUTCString();
      reply.header('etag', `"${avatar.etag}"`);
      reply.header('last-modified', lastModified);
      const ifNoneMatch = request.headers['if-none-match'];
      if (
        etagMatches(ifNoneMatch, avatar.etag) ||
        (!ifNoneMatch && request.headers['if-modified-since'] === lastModified)
      ) {
        return reply.code(304).send();
      }
      return reply.type(avatar.contentType).send(avatar.data);
    }
    if (answer.name === requested && request.headers['if-modified-since'] === FALLBACK_LAST_MODIFIED) {
      reply.header('last-modified', FALLBACK_LAST_MODIFIED);
      return reply.code(304).send();
    }
    const size = avatarSize((request.query as Record<string, unknown> | undefined)?.size);
    reply.header('last-modified', FALLBACK_LAST_MODIFIED);
    return reply.type('image/svg+xml').send(renderSvgLetters(answer.name, size, answer.useAllInitials));
  };
}

/** GET /avatar/:username and users.getAvatar: no login needed (README: Accounts_AvatarBlockUnauthenticatedAccess). */
export function avatarRoutes(app: FastifyInstance, context: Context): void {
  app.get(
    '/avatar/:username',
    {
      schema: {
        summary: 'avatar',
        description:
          "A user's avatar: the uploaded image (with its ETag; If-None-Match and If-Modified-Since answer 304), " +
          'or initials as SVG. `@name` always gives initials. Never HTML: the Content-Type comes from the ' +
          "image's bytes, with `nosniff` and `default-src 'none'`.",
        tags: ['Avatars'],
        params: { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] },
        querystring: AVATAR_QUERY,
        produces: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'],
        response: {
          200: { description: 'The image.', type: 'string' },
          304: { description: 'Not modified (ETag or Last-Modified matched).', type: 'null' },
        },
      },
      ...IN_HANDLER,
    },
    avatarRoute(context),
  );

  // Rocket.Chat 8.5 users.ts registers users.getAvatar with `authRequired: false`.
  app.get(
    '/api/v1/users.getAvatar',
    {
      schema: {
        summary: 'users.getAvatar',
        description:
          'A 307 redirect to `<Site_Url>/avatar/<username>` (no login); the body is that URL as a JSON string.',
        tags: ['Users'],
        querystring: checkGetAvatar.schema,
        response: {
          ...responses('(Documented as 307) the avatar URL.', { success: true }, [400]),
          307: { description: 'Location: the avatar URL.', type: 'string' },
        },
      },
      ...IN_HANDLER,
      preHandler: rateLimit(context),
    },
    async (request, reply) => {
      const url = await avatarUrlOf(context, checkGetAvatar(request.query ?? {}));
      return reply.code(307).header('location', url).type('application/json').send(JSON.stringify(url));
    },
  );
}

/** The multipart body of users.setAvatar: the `image` file and the text fields, within the size limit. */
async function readUpload(request: FastifyRequest, limit: number): Promise<AvatarUpload> {
  const upload: AvatarUpload = { image: null, fields: {} };
  try {
    // One byte over the limit is enough to know the file is too large.
    const parts = request.parts({
      limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'image') {
          part.file.resume();
          throw invalidField();
        }
        upload.image = await part.toBuffer();
      } else if (part.fieldname === 'userId' || part.fieldname === 'username') {
        if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw avatarErrors.tooLarge();
    if ((error as { name?: string }).name === 'RosterError') throw error;
    throw avatarErrors.invalidUpload();
  }
  return upload;
}

export function userAvatarRoutes(app: FastifyInstance, context: Context): void {
  // Multipart bodies are parsed for users.setAvatar only: every other route still refuses them (415).
  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: true });
    scope.post(
      '/api/v1/users.setAvatar',
      {
        schema: {
          summary: 'users.setAvatar',
          description:
            'Sets an avatar from a multipart upload (`image`: PNG, JPEG, GIF or WebP, detected from its bytes; ' +
            'optional `userId` / `username` fields need `edit-other-user-avatar` for someone else). ' +
            "Accounts_AllowUserAvatarChange gates changing one's own. `avatarUrl` is refused: Roster fetches " +
            'nothing from the network.',
          tags: ['Users'],
          body: checkSetAvatar.schema,
          response: responses('The avatar was stored; avatarETag changed.', { success: true }, [400, 403]),
        },
        ...IN_HANDLER,
      },
      async (request) => {
        const caller = callerOf(request);
        if (request.isMultipart()) {
          await assertMayChangeAvatar(context, caller);
          const upload = await readUpload(request, await avatarLimitBytes(context));
          await setAvatarFromUpload(context, caller, upload);
          return success({});
        }
        return setAvatarFromBody(context, caller, checkSetAvatar(request.body ?? {}));
      },
    );
  });

  app.post(
    '/api/v1/users.resetAvatar',
    {
      schema: {
        summary: 'users.resetAvatar',
        description:
          "Back to the default avatar: one's own with Accounts_AllowUserAvatarChange, anyone's with " +
          '`edit-other-user-avatar`. avatarETag disappears from users.info.',
        tags: ['Users'],
        body: checkResetAvatar.schema,
        response: responses('The avatar was removed.', { success: true }, [400]),
      },
      ...IN_HANDLER,
    },
    async (request) => {
      await resetAvatar(context, callerOf(request), checkResetAvatar(request.body ?? {}));
      return success({});
    },
  );
}
