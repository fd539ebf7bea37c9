/**
 * Ticket numbers: `PREFIX-NNN`, sequential per service per day, never reused (a cancelled number stays taken,
 * so a number shown on one citizen's phone can never be called for another).
 */

/** The number that follows the highest already issued for this service and day (0 when none). */
export function nextSequence(highestIssued: number): number {
  return highestIssued + 1;
}

/** `formatTicket('PAS', 7)` → `PAS-007`; past 999 the number simply grows (`PAS-1000`). */
export function formatTicket(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

/** `PAS-007` → `{ prefix: 'PAS', sequence: 7 }`. */
export function parseTicket(ticket: string): { prefix: string; sequence: number } | undefined {
  const m = /^([A-Z]{1,4})-(\d{3,})$/.exec(ticket);
  return m ? { prefix: m[1]!, sequence: Number(m[2]) } : undefined;
}
