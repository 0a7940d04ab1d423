import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';
import { organizations } from './organizations.js';

/**
 * API clients of the FHIR facade (issue 13, docs/fhir.md): a system (another hospital, a registry) with a
 * client id and a secret, bound to one organization, with SMART system scopes. Only a SHA-256 of the
 * 256-bit random secret is stored (a random secret needs no slow password hash).
 */
export const fhirClients = pgTable(
  'fhir_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    scopes: text('scopes').array().notNull(),
    /** The client may see full ID numbers (as the permission patient:read_id does for users). */
    idNumbers: boolean('id_numbers').notNull().default(false),
    /** SHA-256 of the secret (client_secret_basic/post); null for a client that signs JWT assertions with its key. */
    secretHash: text('secret_hash'),
    /** The public key (JWK, RS384 or ES384) of a private-key JWT client (SMART Backend Services); never a private key. */
    publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>(),
    keyAlg: text('key_alg', { enum: ['RS384', 'ES384'] }),
    createdAt: tstz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    revokedAt: tstz('revoked_at'),
    lastTokenAt: tstz('last_token_at'),
  },
  (t) => [
    uniqueIndex('fhir_clients_client_id_uq').on(t.clientId),
    index('fhir_clients_org_idx').on(t.organizationId),
    // Exactly one way to authenticate: a secret, or a public key with its algorithm.
    check(
      'fhir_clients_auth_ck',
      sql`(${t.secretHash} is not null and ${t.publicJwk} is null and ${t.keyAlg} is null) or (${t.secretHash} is null and ${t.publicJwk} is not null and ${t.keyAlg} in ('RS384','ES384'))`,
    ),
  ],
);

/** `jti`s of the JWT assertions a client used, until they expire: an assertion is accepted once (no replay). */
export const fhirClientAssertionJtis = pgTable(
  'fhir_client_assertion_jtis',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => fhirClients.id),
    jti: text('jti').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] }), index('fhir_client_assertion_jtis_expires_idx').on(t.expiresAt)],
);

/** Bearer tokens issued by the token endpoint (client_credentials); only the SHA-256 of the token is stored. */
export const fhirAccessTokens = pgTable(
  'fhir_access_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => fhirClients.id),
    scopes: text('scopes').array().notNull(),
    issuedAt: tstz('issued_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('fhir_access_tokens_client_idx').on(t.clientId), index('fhir_access_tokens_expires_idx').on(t.expiresAt)],
);
