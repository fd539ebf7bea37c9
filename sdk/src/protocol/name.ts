/**
 * The holder's name as on their ID card: letters of any script, combining marks, spaces and the punctuation of names
 * and titles, 2 to 100 UTF-16 code units once trimmed (valibot's length). The API validates a booking with it; the
 * widget checks the same rule before sending, so a name it lets through is never refused.
 */

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 100;
/** Starts with a letter; single names are fine. */
export const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u;

export type NameProblem = 'empty' | 'short' | 'long' | 'characters';

/** Why `name` (already trimmed) breaks the rule, or `undefined` when it keeps it. */
export function nameProblem(name: string): NameProblem | undefined {
  if (name === '') return 'empty';
  if (name.length < NAME_MIN_LENGTH) return 'short';
  if (name.length > NAME_MAX_LENGTH) return 'long';
  if (!NAME_CHARACTERS.test(name)) return 'characters';
  return undefined;
}
