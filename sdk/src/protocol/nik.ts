/**
 * NIK, the 16-digit national ID number: `PP KK CC DDMMYY SSSS` — province, regency/city, district, birth date
 * (day + 40 for women) and a serial. We check that the parts are plausible; we cannot check that it exists.
 */

/** Province codes issued by Dukcapil (Papua's newer provinces included). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
  76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type NikProblem = 'format' | 'region' | 'birth_date' | 'serial';

/** Why `nik` is not a plausible NIK, or `undefined` when it is. Spaces and dots are ignored. */
export function checkNik(nik: string): NikProblem | undefined {
  const digits = nik.replace(/[\s.]/g, '');
  if (!/^\d{16}$/.test(digits)) return 'format';
  const part = (from: number) => Number(digits.slice(from, from + 2));
  if (!PROVINCES.has(part(0)) || part(2) === 0 || part(4) === 0) return 'region';
  let day = part(6);
  if (day > 40) day -= 40;
  const month = part(8);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return 'birth_date';
  if (digits.slice(12) === '0000') return 'serial';
  return undefined;
}

/** The NIK as 16 digits, without the separators a citizen may type. */
export function compactNik(nik: string): string {
  return nik.replace(/[\s.]/g, '');
}
