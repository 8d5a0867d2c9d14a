// The avatars part of the error catalogue: Rocket.Chat's texts for users.setAvatar / users.resetAvatar, verbatim.
import { domainError, failure, RosterError } from '../../errors.js';

export const avatarErrors = {
  /** users.setAvatar without Accounts_AllowUserAvatarChange and without edit-other-user-avatar. */
  changeNotAllowed: (): RosterError => domainError('error-not-allowed', 'Change avatar is not allowed'),
  /** users.resetAvatar for someone else without edit-other-user-avatar (or for oneself with the setting off). */
  resetNotAllowed: (): RosterError => domainError('error-not-allowed', 'Reset avatar is not allowed'),
  /** users.setAvatar's form `userId`/`username` naming another user without edit-other-user-avatar. */
  notAllowed: (): RosterError => domainError('error-not-allowed', 'Not allowed'),
  /** users.setAvatar's form `userId`/`username` matching nobody. */
  formUserNotFound: (): RosterError =>
    domainError(
      'error-invalid-user',
      'The optional "userId" or "username" param provided does not match any users',
    ),
  imageRequired: (): RosterError => failure("The 'image' param is required"),
  /** setUserAvatar's size check (FileUpload_MaxFileSize). */
  tooLarge: (): RosterError =>
    domainError('error-avatar-image-too-large', 'Avatar image exceeds the maximum allowed file size'),
  /** setUserAvatar's content-type check; Roster detects the type from the bytes themselves. */
  invalidContentType: (): RosterError =>
    domainError('error-avatar-invalid-content-type', 'Invalid avatar content type'),
  /** Roster fetches nothing from the network on a request: users.setAvatar's `avatarUrl` is refused (README). */
  urlNotSupported: (): RosterError =>
    domainError('error-avatar-url-handling', 'Setting an avatar from a URL is not supported by this server'),
  /** The multipart body is not one Roster can read (Rocket.Chat's busboy fails alike). */
  invalidUpload: (): RosterError => domainError('error-invalid-upload', 'Invalid multipart upload'),
};

/** getUploadFormData's `new MeteorError('invalid-field')`: a file part other than `image`. */
export const invalidField = (): RosterError =>
  new RosterError(400, { success: false, error: '[invalid-field]', errorType: 'invalid-field' });
