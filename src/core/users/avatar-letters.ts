// The default avatar: Rocket.Chat's renderSVGLetters (apps/meteor/server/routes/avatar/utils.ts), initials on a colour.

export const MAX_SVG_AVATAR_SIZE = 1024;
export const MIN_SVG_AVATAR_SIZE = 16;
const MAX_SVG_AVATAR_INITIALS = 3;

/** Rocket.Chat's getAvatarColor (app/utils/lib/getAvatarColor.ts): the colour follows the name's length. */
const COLORS = ['#158D65', '#7F1B9F', '#B68D00', '#E26D0E', '#10529E', '#6C727A'];
export const avatarColor = (name: string): string => COLORS[name.length % COLORS.length] as string;

const firstLetter = (name: string): string =>
  name
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 1)
    .toUpperCase();

const initialsOf = (name: string): string =>
  name.split(' ').slice(0, MAX_SVG_AVATAR_INITIALS).map(firstLetter).join('');

/** getAvatarSizeFromRequest: `size` clamped to 16…1024; absent or not a number: the default (200). */
export function avatarSize(size: unknown): number | undefined {
  const requested = typeof size === 'string' ? Number.parseInt(size, 10) : NaN;
  if (!requested) return undefined;
  return Math.min(Math.max(requested, MIN_SVG_AVATAR_SIZE), MAX_SVG_AVATAR_SIZE);
}

/**
 * renderSVGLetters: the first letter (or, with `useAllInitials`, up to three initials) of the name. Only
 * [A-Za-z0-9] survive, so the markup never carries anything the caller wrote beyond those characters.
 */
export function renderSvgLetters(name: string, viewSize = 200, useAllInitials = false): string {
  const color = name === '?' ? '#000' : avatarColor(name);
  const initials = name === '?' ? '?' : useAllInitials ? initialsOf(name) : firstLetter(name);
  const reductionFactor = initials.length > 1 ? initials.length ** 2 / 10 : 0;
  const fontSize = viewSize / (1.6 + reductionFactor);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${viewSize} ${viewSize}">\n` +
    `<rect width="100%" height="100%" fill="${color}"/>\n` +
    `<text x="50%" y="50%" dy="0.36em" text-anchor="middle" pointer-events="none" fill="#ffffff" ` +
    `font-family="'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'" font-size="${fontSize}">\n` +
    `${initials}\n</text>\n</svg>`
  );
}
