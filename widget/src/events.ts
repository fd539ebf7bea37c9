/**
 * Events `<pakta-queue>` dispatches on itself. All bubble and are composed, so a listener on `document`
 * hears every instance on the page; `event.target` tells which one.
 *
 * ```js
 * document.addEventListener('pakta-booked', (e) => console.log(e.detail.booking.ticket));
 * ```
 */
import type { Booking } from './types';

export interface PaktaBookedDetail {
  booking: Booking;
  /** The signed pact certificate (compact JWS, `typ: pakta+jwt`). */
  certificate: string;
  /** The page that verifies the certificate; the token travels in the URL fragment. */
  certificateUrl: string;
}

export interface PaktaCancelledDetail {
  booking: Booking;
}

export interface PaktaErrorDetail {
  /** The API's stable problem code (`quota_exhausted`, `rate_limited`…), or `network`. */
  code: string;
  /** The plain-language message shown to the citizen. */
  message: string;
}

export interface PaktaEventMap {
  'pakta-booked': CustomEvent<PaktaBookedDetail>;
  'pakta-cancelled': CustomEvent<PaktaCancelledDetail>;
  'pakta-error': CustomEvent<PaktaErrorDetail>;
}

export function emit<K extends keyof PaktaEventMap>(
  target: EventTarget,
  type: K,
  detail: PaktaEventMap[K]['detail'],
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap extends PaktaEventMap {}
}
