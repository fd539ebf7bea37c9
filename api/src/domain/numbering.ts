/**
 * Ticket numbers: `PREFIX-NNN`, sequential per service-day in the order the tenant calls them, never reused (a
 * cancelled number stays taken, so a number shown on one citizen's phone can never be called for another).
 *
 * The day's numbers are laid out in blocks, one per slot and channel, in slot order and then in the order the
 * service lists its channels: with 25 places at the counter per slot, the 08:00 slot holds 001–025 and the 09:00
 * slot 026–050, whenever each citizen booked. A counter officer calls numbers in order and they come in slot
 * order; a rush that fills a slot gives it exactly its block. A place freed by a cancellation and taken again
 * cannot reuse the cancelled number: it gets the next unused number of its block, and once the block has none left,
 * a number past every block. That number sorts after the day's last slot, so the counter must call it by its slot
 * (which the certificate and the counter page show), not by its place in the sequence.
 */

/** The numbers one slot and channel hand out first: `first`…`last`, both inclusive. */
export interface TicketBlock {
  first: number;
  last: number;
  /** The last number of the day's last block: overflow numbers start after it. */
  lastOfServiceDay: number;
}

/**
 * The block of `slot` and `channel` on a day with `slots` (in time order), given the places per slot of each
 * channel in the order the service lists them. `undefined` when the slot or the channel is not among them.
 */
export function ticketBlock(
  slots: readonly string[],
  quotaPerSlot: Readonly<Record<string, number>>,
  slot: string,
  channel: string,
): TicketBlock | undefined {
  const channels = Object.keys(quotaPerSlot);
  const perSlot = channels.reduce((n, c) => n + quotaPerSlot[c]!, 0);
  const s = slots.indexOf(slot);
  const c = channels.indexOf(channel);
  if (s < 0 || c < 0) return undefined;
  const first = s * perSlot + channels.slice(0, c).reduce((n, ch) => n + quotaPerSlot[ch]!, 0) + 1;
  return { first, last: first + quotaPerSlot[channel]! - 1, lastOfServiceDay: slots.length * perSlot };
}

/**
 * The number to issue next in `block`, given the highest number already issued inside it (0 when none) and the
 * highest issued on the whole day (0 when none). Inside the block while it has numbers left; past every block
 * once it has none (the slot's places were freed and taken again) or when the tenant changed its quota since.
 */
export function nextSequence(block: TicketBlock, highestInBlock: number, highestOfServiceDay: number): number {
  const next = Math.max(highestInBlock, block.first - 1) + 1;
  return next <= block.last ? next : Math.max(highestOfServiceDay, block.lastOfServiceDay) + 1;
}

/** `formatTicket('PAS', 7)` → `PAS-007`; past 999 the number simply grows (`PAS-1000`). */
export function formatTicket(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

/** `PAS-007` → `{ prefix: 'PAS', sequence: 7 }`. */
export function parseTicket(ticket: string): { prefix: string; sequence: number } | undefined {
  const m = /^([A-Z]{1,4})-(\d{3,})$/.exec(ticket);
  return m ? { prefix: m[1]!, sequence: Number(m[2]) } : undefined;
}
