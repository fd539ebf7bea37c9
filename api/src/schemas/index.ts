/** The API's request and response schemas: validated on the server, typed for the SDK and widget. */
export * from './common.js';
export * from './booking.js';
export * from './tenant.js';
export * from './problem.js';
