/**
 * How the API shows a citizen's phone number back to them. The number's rule itself (`normalizePhone`) is the
 * protocol's, shared with the widget: `@pakta/sdk/protocol`.
 */

/** `+6281234567890` → `+62 812-****-7890`, for a citizen to recognise their own number. */
export function maskPhone(e164: string): string {
  const national = e164.slice(3);
  return `+62 ${national.slice(0, 3)}-****-${national.slice(-4)}`;
}
