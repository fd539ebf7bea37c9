/**
 * Indonesian mobile numbers as citizens type them (`0812-3456-7890`, `62812…`, `+62 812 …`) normalised to
 * E.164 (`+6281234567890`), so one person is one number however they wrote it. The API stores the normalised form;
 * the widget, checking with the same function, accepts exactly the numbers the API would.
 */

/** E.164 form of an Indonesian mobile number, or `undefined` when it is not one. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+62\d+$/.test(compact)) national = compact.slice(3);
  else if (/^62\d+$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else if (/^8\d+$/.test(compact)) national = compact;
  else return undefined;
  // Mobile numbers start with 8 and have 9 to 12 digits after the country code (0812-345-678 … 0812-3456-78901).
  if (!/^8[1-9]\d{7,10}$/.test(national)) return undefined;
  return `+62${national}`;
}
