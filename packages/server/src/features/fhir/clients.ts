import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import type { Permission, Role } from '../../auth/permissions.js';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { AnonymousContext, UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { fhirAccessTokens, fhirClientAssertionJtis, fhirClients, organizations } from '../../db/schema/index.js';
import { claimsProblem, decodeJwt, publicKeyOf, publicMembers, verifyJwtSignature, type JwkProblem } from './jwt.js';
import type { Db } from '../../db/types.js';
import { FHIR_SCOPES, type CreateFhirClient, type FhirClientDto, type FhirResourceType } from '@gisurg/contracts/fhir';

/**
 * API clients for systems (issue 13): an administrator issues a client id + secret bound to an organization
 * with SMART system scopes; the client trades them for a short-lived Bearer token (client_credentials). A
 * token becomes an Actor of the client's organization, so visibility (patientScope), permissions and audit
 * are exactly those of a user of that organization.
 */

export const TOKEN_TTL_SECONDS = 900;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Scopes of actors that are API clients (a user's actor has none: their permissions decide). */
const clientScopes = new WeakMap<Actor, readonly string[]>();

/** May this actor do `interaction` on `type`? Users: yes (route permissions decide); clients: per their scopes. */
export function scopeAllows(actor: Actor, type: FhirResourceType, interaction: 'r' | 's'): boolean {
  const scopes = clientScopes.get(actor);
  if (!scopes) return true;
  return scopes.some((s) => {
    const m = /^system\/([A-Za-z*]+)\.([rs]+)$/.exec(s);
    // `system/*.rs` covers every served type except AuditEvent, which must be granted by name (docs/fhir.md).
    return !!m && ((m[1] === '*' && type !== 'AuditEvent') || m[1] === type) && m[2]!.includes(interaction);
  });
}

export function requireScope(actor: Actor, type: FhirResourceType, interaction: 'r' | 's'): void {
  if (!scopeAllows(actor, type, interaction))
    throw new AppError('FORBIDDEN', 'fhir.errors.scope', undefined, { scope: `system/${type}.${interaction}` });
}

function permissionsFor(scopes: readonly string[], idNumbers: boolean): Set<Permission> {
  const types = new Set(scopes.map((s) => /^system\/([A-Za-z*]+)\./.exec(s)?.[1]));
  const perms = new Set<Permission>();
  if (types.has('*') || types.has('Patient')) perms.add('patient:read');
  if (types.has('*') || [...types].some((t) => t && t !== 'Patient' && t !== '*' && t !== 'AuditEvent')) perms.add('oncology:read');
  // CarePlans are the board's recommendations and the follow-up plans: the users' mdt:read / followup:read.
  if (types.has('*') || types.has('CarePlan')) {
    perms.add('mdt:read');
    perms.add('followup:read');
  }
  // Who accessed which record: only with the AuditEvent scope itself (never through system/*.rs).
  if (types.has('AuditEvent')) perms.add('audit:read');
  if (idNumbers) perms.add('patient:read_id');
  // Bulk export ($export) of the types its scopes cover (features/fhir/export).
  if (types.size > 0) perms.add('fhir:export');
  return perms;
}

const JWK_PROBLEM: Record<JwkProblem, string> = {
  private: 'validation.fhir.jwkPrivate',
  invalid: 'validation.fhir.jwkInvalid',
  alg: 'validation.fhir.jwkMismatch',
};

type ClientRow = typeof fhirClients.$inferSelect & { organizationName: string };

function toDto(r: ClientRow): FhirClientDto {
  return {
    id: r.id,
    clientId: r.clientId,
    name: r.name,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    scopes: r.scopes,
    idNumbers: r.idNumbers,
    authMethod: r.publicJwk ? 'private_key_jwt' : 'client_secret',
    keyAlg: r.keyAlg ?? null,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastTokenAt: r.lastTokenAt?.toISOString() ?? null,
  };
}

const clientColumns = { c: fhirClients, organizationName: organizations.name };

export async function listFhirClients(ctx: UseCaseContext): Promise<{ items: FhirClientDto[] }> {
  const rows = await ctx.db
    .select(clientColumns)
    .from(fhirClients)
    .innerJoin(organizations, eq(organizations.id, fhirClients.organizationId))
    .orderBy(desc(fhirClients.createdAt));
  return { items: rows.map((r) => toDto({ ...r.c, organizationName: r.organizationName })) };
}

export async function createFhirClient(
  ctx: UseCaseContext,
  body: CreateFhirClient,
): Promise<FhirClientDto & { clientSecret: string | null }> {
  const { db, actor, meta, clock } = ctx;
  // A key client: its JWK must be a usable public key of the declared algorithm (RSA ≥ 2048 bits, EC P-384).
  const jwk = body.publicJwk ? publicMembers(body.publicJwk) : null;
  if (body.publicJwk) {
    const checked = publicKeyOf(body.publicJwk, body.publicJwk.alg);
    if ('problem' in checked) throw invalidField(ctx.locale, 'publicJwk', JWK_PROBLEM[checked.problem]);
  }
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, body.organizationId))
      .limit(1);
    if (!org) throw invalidField(ctx.locale, 'organizationId', 'validation.required');
    const clientId = `gisurg-${randomBytes(9).toString('base64url')}`;
    const secret = jwk ? null : randomBytes(32).toString('base64url');
    const scopes = [...new Set(body.scopes)].sort((a, b) => FHIR_SCOPES.indexOf(a) - FHIR_SCOPES.indexOf(b));
    const [row] = await tx
      .insert(fhirClients)
      .values({
        clientId,
        name: body.name,
        organizationId: body.organizationId,
        scopes,
        idNumbers: body.idNumbers,
        secretHash: secret === null ? null : sha256(secret),
        publicJwk: jwk,
        keyAlg: body.publicJwk?.alg ?? null,
        createdAt: clock.now(),
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'fhir.client.create',
      outcome: 'success',
      resourceType: 'fhir_client',
      resourceId: row!.id,
      details: {
        clientId,
        organizationId: body.organizationId,
        scopes,
        idNumbers: body.idNumbers,
        authMethod: jwk ? 'private_key_jwt' : 'client_secret',
      },
    });
    return { ...toDto({ ...row!, organizationName: org.name }), clientSecret: secret };
  });
}

export async function revokeFhirClient(ctx: UseCaseContext, id: string): Promise<FhirClientDto> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(fhirClients)
      .set({ revokedAt: clock.now() })
      .where(and(eq(fhirClients.id, id), isNull(fhirClients.revokedAt)))
      .returning();
    if (!row) throw notFound();
    await tx.delete(fhirAccessTokens).where(eq(fhirAccessTokens.clientId, id));
    await recordAudit(tx, meta, actor, { action: 'fhir.client.revoke', outcome: 'success', resourceType: 'fhir_client', resourceId: id });
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.organizationId));
    return toDto({ ...row, organizationName: org?.name ?? '' });
  });
}

export type TokenResult =
  | { ok: true; body: { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } }
  | { ok: false; status: 400 | 401; body: { error: string; error_description: string } };

/**
 * client_credentials: the client authenticates with its id and secret, or (a key client) with a JWT assertion
 * signed by its private key (iss = sub = client id, aud = the token URL, exp at most 5 minutes away, a jti used
 * once); optionally it asks for a subset of its scopes. Answer: a Bearer token.
 */
export async function issueToken(
  ctx: AnonymousContext,
  req: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    scope: string | undefined;
    /** A verified-later JWT assertion and the token URL it must name as `aud`. */
    assertion?: { jwt: string; tokenUrl: string };
  },
): Promise<TokenResult> {
  const { db, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const invalid = async (clientRowId: string | null, reason: string): Promise<TokenResult> => {
      await recordAudit(tx, meta, null, {
        action: 'fhir.token',
        outcome: 'failure',
        resourceType: 'fhir_client',
        resourceId: clientRowId,
        details: { clientId: req.clientId?.slice(0, 100) ?? null, reason },
      });
      return {
        ok: false,
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: req.assertion ? `Client assertion refused: ${reason}` : 'Unknown client or wrong secret',
        },
      };
    };
    // With an assertion the client id is its iss (a client_id sent along must agree).
    const decoded = req.assertion ? decodeJwt(req.assertion.jwt) : null;
    if (req.assertion && !decoded) return invalid(null, 'not a JWT');
    const clientId = decoded ? (typeof decoded.claims.iss === 'string' ? decoded.claims.iss : undefined) : req.clientId;
    if (decoded && req.clientId && req.clientId !== clientId) return invalid(null, 'client_id differs from iss');
    const [client] = clientId
      ? await tx
          .select()
          .from(fhirClients)
          .where(and(eq(fhirClients.clientId, clientId), isNull(fhirClients.revokedAt)))
          .limit(1)
      : [];
    if (!client) return invalid(null, decoded ? 'unknown client' : 'invalid_client');
    if (decoded) {
      if (!client.publicJwk || !client.keyAlg) return invalid(client.id, 'the client has no registered key');
      if (decoded.header.alg !== client.keyAlg) return invalid(client.id, `alg must be ${client.keyAlg}`);
      const key = publicKeyOf(client.publicJwk, client.keyAlg);
      if ('problem' in key || !verifyJwtSignature(req.assertion!.jwt, key.key, client.keyAlg)) return invalid(client.id, 'bad signature');
      const now = clock.now();
      const problem = claimsProblem(decoded.claims, client.clientId, req.assertion!.tokenUrl, Math.floor(now.getTime() / 1000));
      if (problem) return invalid(client.id, problem);
      // Each jti once: a replayed assertion is refused while it could still be valid.
      await tx.delete(fhirClientAssertionJtis).where(lt(fhirClientAssertionJtis.expiresAt, now));
      const used = await tx
        .insert(fhirClientAssertionJtis)
        .values({ clientId: client.id, jti: decoded.claims.jti as string, expiresAt: new Date((decoded.claims.exp as number) * 1000) })
        .onConflictDoNothing()
        .returning({ jti: fhirClientAssertionJtis.jti });
      if (used.length === 0) return invalid(client.id, 'jti already used');
    } else {
      if (!client.secretHash) return invalid(client.id, 'the client authenticates with a signed assertion');
      const given = Buffer.from(sha256(req.clientSecret ?? ''), 'hex');
      if (!timingSafeEqual(given, Buffer.from(client.secretHash, 'hex'))) return invalid(client.id, 'invalid_client');
    }
    const who = { actorId: client.id, actorRole: 'api_client', organizationId: client.organizationId };
    const requested = req.scope?.trim() ? req.scope.trim().split(/\s+/) : client.scopes;
    const granted = requested.filter((s) => client.scopes.includes(s));
    if (granted.length === 0 || granted.length !== requested.length) {
      await recordAudit(tx, meta, who, {
        action: 'fhir.token',
        outcome: 'denied',
        resourceType: 'fhir_client',
        resourceId: client.id,
        details: { requested },
      });
      return { ok: false, status: 400, body: { error: 'invalid_scope', error_description: `Granted scopes: ${client.scopes.join(' ')}` } };
    }
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await tx.insert(fhirAccessTokens).values({
      tokenHash: sha256(token),
      clientId: client.id,
      scopes: granted,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000),
    });
    await tx.update(fhirClients).set({ lastTokenAt: now }).where(eq(fhirClients.id, client.id));
    await recordAudit(tx, meta, who, {
      action: 'fhir.token',
      outcome: 'success',
      resourceType: 'fhir_client',
      resourceId: client.id,
      details: { scopes: granted },
    });
    return { ok: true, body: { access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_SECONDS, scope: granted.join(' ') } };
  });
}

/** A live token of a live client → the client's actor (organization, permissions from its scopes), else null. */
export async function resolveBearer(db: Db, token: string, now: Date): Promise<Actor | null> {
  const [row] = await db
    .select({ ...clientActorColumns, scopes: fhirAccessTokens.scopes })
    .from(fhirAccessTokens)
    .innerJoin(fhirClients, eq(fhirClients.id, fhirAccessTokens.clientId))
    .innerJoin(organizations, eq(organizations.id, fhirClients.organizationId))
    .where(and(eq(fhirAccessTokens.tokenHash, sha256(token)), gt(fhirAccessTokens.expiresAt, now), isNull(fhirClients.revokedAt)))
    .limit(1);
  return row ? toClientActor(row, row.scopes) : null;
}

const clientActorColumns = {
  id: fhirClients.id,
  clientId: fhirClients.clientId,
  name: fhirClients.name,
  organizationId: fhirClients.organizationId,
  organizationKind: organizations.kind,
  idNumbers: fhirClients.idNumbers,
};

function toClientActor(
  row: {
    id: string;
    clientId: string;
    name: string;
    organizationId: string;
    organizationKind: Actor['organizationKind'];
    idNumbers: boolean;
  },
  scopes: readonly string[],
): Actor {
  const actor: Actor = {
    userId: row.id,
    username: `client:${row.clientId}`,
    displayName: row.name,
    // Not a user role: audit rows show 'api_client'; nothing on the FHIR path decides by role (permissions and
    // the organization do).
    role: 'api_client' as Role,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    permissions: permissionsFor(scopes, row.idNumbers),
    sessionId: null,
  };
  clientScopes.set(actor, scopes);
  return actor;
}

/**
 * A live (not revoked) client's actor with the given scopes, else null: the bulk export job acts as the client
 * that started it, with the scopes of the token it used (features/fhir/export).
 */
export async function clientActor(db: Db, clientRowId: string, scopes: readonly string[]): Promise<Actor | null> {
  const [row] = await db
    .select(clientActorColumns)
    .from(fhirClients)
    .innerJoin(organizations, eq(organizations.id, fhirClients.organizationId))
    .where(and(eq(fhirClients.id, clientRowId), isNull(fhirClients.revokedAt)))
    .limit(1);
  return row ? toClientActor(row, scopes) : null;
}

/** The scopes of a client's actor (null for a user's actor). */
export function scopesOf(actor: Actor): readonly string[] | null {
  return clientScopes.get(actor) ?? null;
}
