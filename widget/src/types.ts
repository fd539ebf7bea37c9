/**
 * The API's shapes as the widget reads them: taken from the API's own valibot schemas through `@pakta/sdk` (types
 * only, nothing at runtime), so the widget, the SDK and the API cannot drift. Only `Lang` is the widget's own.
 */
import type { Availability, Booking, BookingCreated, BookingRequest, BookingView, ProblemDocument, TenantConfig } from '@pakta/sdk';

export type { Availability, Booking, BookingCreated, BookingRequest, BookingView, ProblemDocument, TenantConfig };

/** The languages the widget has messages for (`locales/`). */
export type Lang = 'id' | 'en';

export type AgencyInfo = TenantConfig['agencies'][number];
export type ServiceInfo = TenantConfig['services'][number];
export type Day = Availability['days'][number];
