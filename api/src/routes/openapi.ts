/** `GET /openapi.json`: OpenAPI 3.1 generated from the same valibot schemas the routes validate with. */

import * as s from '@pakta/sdk/protocol';
import { toJsonSchema } from '@valibot/to-json-schema';
import { Hono } from 'hono';
import type { GenericSchema } from 'valibot';
import type { AppEnv } from '../context.js';

const schema = (x: GenericSchema) =>
  toJsonSchema(x, { errorMode: 'ignore', target: 'draft-2020-12' } as Parameters<typeof toJsonSchema>[1]);
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = {
  description: 'A problem (RFC 9457); switch on `code`.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const tenantParam = {
  name: 'tenant',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The tenant id, e.g. `demo`.',
};
const langHeader = {
  name: 'Accept-Language',
  in: 'header',
  schema: { type: 'string' },
  description: '`id` (default) or `en`.',
};

export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pakta API',
      version: '1',
      description: `Integrity-pact queue booking for public service halls (Mal Pelayanan Publik), each a tenant. Error codes: ${s.PROBLEM_CODES.join(', ')}.`,
    },
    servers: [{ url: publicUrl }],
    components: {
      schemas: {
        TenantConfig: schema(s.TenantConfigSchema),
        Availability: schema(s.AvailabilitySchema),
        BookingRequest: schema(s.BookingRequestSchema),
        BookingCreated: schema(s.BookingCreatedSchema),
        BookingView: schema(s.BookingViewSchema),
        BookingCancelled: schema(s.BookingCancelledSchema),
        Problem: schema(s.ProblemSchema),
      },
      securitySchemes: {
        manageToken: { type: 'http', scheme: 'bearer', description: 'The `manageToken` returned at booking.' },
      },
    },
    paths: {
      '/v1/tenants/{tenant}': {
        get: {
          summary: 'A tenant’s services, channels and current integrity pact',
          parameters: [tenantParam, langHeader, { name: 'lang', in: 'query', schema: { enum: [...s.LANGUAGES] } }],
          responses: { 200: { description: 'The tenant', content: json('TenantConfig') }, 404: problem },
        },
      },
      '/v1/tenants/{tenant}/availability': {
        get: {
          summary: 'Open days and remaining quota per slot and channel',
          parameters: [
            tenantParam,
            { name: 'service', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 31, default: 7 } },
          ],
          responses: {
            200: { description: 'Availability', content: json('Availability') },
            400: problem,
            404: problem,
          },
        },
      },
      '/v1/tenants/{tenant}/bookings': {
        post: {
          summary: 'Take a queue number after agreeing to the pact',
          parameters: [
            tenantParam,
            langHeader,
            { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', pattern: s.IDEMPOTENCY_KEY_PATTERN } },
          ],
          requestBody: { required: true, content: json('BookingRequest') },
          responses: {
            201: { description: 'Booked', content: json('BookingCreated') },
            400: problem,
            409: problem,
            422: problem,
            429: problem,
          },
        },
      },
      '/v1/bookings/{id}': {
        get: {
          summary: 'A booking, for the holder of its manage token',
          security: [{ manageToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The booking', content: json('BookingView') }, 401: problem },
        },
      },
      '/v1/bookings/{id}/cancel': {
        post: {
          summary: 'Cancel a booking: frees its place and revokes its certificate',
          security: [{ manageToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Cancelled', content: json('BookingCancelled') },
            401: problem,
            409: problem,
          },
        },
      },
      '/t/{tenant}/.well-known/jwks.json': {
        get: {
          summary: 'The issuer’s public key set',
          parameters: [tenantParam],
          responses: { 200: { description: 'JWK set' } },
        },
      },
      '/t/{tenant}/statuslists/{list}': {
        get: {
          summary: 'A status-list token (revocation bits)',
          parameters: [tenantParam, { name: 'list', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            200: {
              description: 'statuslist+jwt',
              content: { 'application/statuslist+jwt': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
    },
  };
}

export const openapi = new Hono<AppEnv>().get('/openapi.json', (c) => c.json(openApiDocument(c.get('deps').publicUrl)));
