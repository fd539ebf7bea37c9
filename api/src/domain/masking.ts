/**
 * A certificate is shown at counters and shared on WhatsApp, so it carries the holder's name masked: enough for
 * an officer to match it against an ID card, not enough to read it off a photo of the screen.
 */

/** Stars after a word's first letter never exceed this, so a long name's length does not show either. */
const MAX_STARS = 5;

/**
 * `Budi Santoso` → `B*** S*****`: each word keeps its first letter, then one star per hidden letter, at most five.
 * Counts characters, not UTF-16 units.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => {
      const chars = Array.from(word);
      return chars[0] + '*'.repeat(Math.min(chars.length - 1, MAX_STARS));
    })
    .join(' ');
}
