// The people-search part of the error catalogue: Rocket.Chat's texts for users.autocomplete, directory, spotlight.
import { failure, invalidParams, RosterError } from '../../errors.js';

export const searchErrors = {
  /** directory (misc.ts): browseChannels answered nothing (bad type, sort or a missing permission). */
  verifyParameters: (): RosterError => failure('Please verify the parameters'),
  /** directory: a `sort` with more than one key. */
  oneSort: (): RosterError => failure('This method support only one "sort" parameter'),
  /** users.autocomplete's `selector` (or directory's `query` / `sort`) is not a JSON object. */
  notJsonObject: (param: string): RosterError => invalidParams([`${param} must be a JSON object`]),
};
