import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/sql.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { aWard, wardClient } from './support/ward.js';
import { theatreClient, theatreFixture } from './support/theatre.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { permissionsOf, ROLES, type Permission, type Role } from '../../src/auth/permissions.js';

/**
 * Hostile input never crashes a route and never leaves half a write (trust.md S4): every JSON route gets
 * random and mutated bodies and query strings as a role that may call it (三员分立: no role holds
 * every permission any more); no answer is ≥ 500, no error body
 * carries a stack or SQL, and a refused request changes no table (other than the audit log).
 */
const RUNS = Number(process.env.GISURG_FUZZ_RUNS ?? 60);
const FIELDS = [
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'inpatientNo',
  'phone',
  'version',
  'username',
  'password',
  'displayName',
  'role',
  'organizationId',
  'kind',
  'disabled',
  'sourceOrganizationId',
  'q',
  'page',
  'pageSize',
  '__proto__',
  'constructor',
  // tumor boards
  'tumorGroup',
  'startsAt',
  'repeat',
  'patientId',
  'question',
  'urgency',
  'action',
  'reason',
  'reasonText',
  'caseIds',
  'participantId',
  'userId',
  'specialty',
  'checkedIn',
  'intent',
  'items',
  'consensus',
  'dissent',
  'guideline',
  'dueDate',
  'evidence',
  'deliveredOn',
  'meetingId',
  'status',
  'lang',
  // ward
  'bedId',
  'admittedAt',
  'source',
  'sourceInstitution',
  'diagnosis',
  'attendingSurgeonId',
  'expectedLosDays',
  'plannedProcedure',
  'isolation',
  'fallRisk',
  'at',
  'disposition',
  'dispositionInstitution',
  'otherAdmissionId',
  'until',
  'note',
  'wardId',
  'state',
  'surgeonId',
  'from',
  'to',
  'losCounting',
  'sameDayCountsOne',
  // theatre
  'roomId',
  'start',
  'durationMin',
  'surgeonIds',
  'assistantIds',
  'procedures',
  'equipmentIds',
  'crsHipec',
  'icuDays',
  'expectedStayDays',
  'date',
];
/** Tables a refused request may still write: the audit trail, the public routes' attempt counters, sessions, and the job queue's own runs. */
const MAY_CHANGE = new Set(['audit_log', 'audit_anchors', 'request_limits', 'sessions', 'jobs']);

let w: TestWorld;
let patientId: string;
let ids: string[];
/** Any snake_case table, column, index or constraint name of the schema, as a whole word (issue 16, item 6). */
let schemaNames: RegExp;
beforeAll(async () => {
  w = await createTestWorld();
  // Names with an underscore: single words ("patients", "name") are also plain words and API field names.
  const names = await queryRows<{ n: string }>(
    w.db,
    sql`select n from (
          select table_name::text as n from information_schema.tables where table_schema = 'public'
          union select column_name::text from information_schema.columns where table_schema = 'public'
          union select conname::text from pg_constraint join pg_namespace ns on ns.oid = connamespace where ns.nspname = 'public'
          union select indexname::text from pg_indexes where schemaname = 'public') x
        where strpos(n, '_') > 0`,
  );
  schemaNames = new RegExp(`\\b(?:${names.map((r) => r.n.replace(/[^a-z0-9_]/g, '')).join('|')})\\b`);
  const tables = await queryRows<{ t: string }>(
    w.db,
    sql`select table_name::text as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  await w.db.execute(sql`create table fuzz_changes (n bigint not null)`);
  await w.db.execute(sql`insert into fuzz_changes values (0)`);
  await w.db.execute(
    sql.raw(`create function fuzz_count() returns trigger language plpgsql as $$
      begin update fuzz_changes set n = n + 1; return null; end $$`),
  );
  for (const { t } of tables.filter((r) => !MAY_CHANGE.has(r.t)))
    await w.db.execute(
      sql.raw(`create trigger fuzz_count after insert or update or delete on "${t}" for each row execute function fuzz_count()`),
    );

  const counted = await snapshot();
  patientId = (await aPatient(w.homeOrgId).build(w.db)).id;
  expect(await snapshot(), 'the change counter sees a committed insert').not.toBe(counted);
  // Real ids for object routes: a patient, a board with a case, and a decided case with a tracked item.
  const m = mdtClient(w);
  const meeting = (await m.meeting()).id;
  const open = (await m.submit(meeting, patientId)).id;
  const decided = (await m.submit(meeting, (await aPatient(w.homeOrgId).build(w.db)).id)).id;
  const item = (await m.recommend(decided)).items[0]!.id;
  const wardBeds = await aWard(w.homeOrgId, { beds: 2 }).build(w.db);
  const admission = await wardClient(w).admit((await aPatient(w.homeOrgId).build(w.db)).id, wardBeds.bedIds[0]!);
  // A theatre booking (a CRS+HIPEC case holding beds) for the theatre object routes.
  const theatre = await theatreFixture(w);
  const tc = theatreClient(w);
  const booking = tc.ok<{ id: string }>(
    await tc.call('surgeon', 'POST', '/api/theatre/bookings', {
      patientId,
      roomId: theatre.rooms.or1,
      start: '2026-12-01T08:00',
      durationMin: 480,
      surgeonIds: [w.users.surgeon.id],
      procedures: ['crs', 'hipec'],
      equipmentIds: [theatre.equipment.hipec],
    }),
    201,
  ).id;
  ids = [patientId, meeting, open, decided, item, wardBeds.bedIds[0]!, wardBeds.bedIds[1]!, admission, booking];
});
afterAll(async () => w.close());

/**
 * Committed row changes in every other table, counted by a row trigger the test installs (fuzz_changes): any
 * insert, update or delete that commits moves the counter; one that rolls back takes its count with it.
 */
async function snapshot(): Promise<string> {
  const [r] = await queryRows<{ n: string }>(w.db, sql`select n::text as n from fuzz_changes`);
  return r!.n;
}

const weird = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '2026-02-30',
    'NaN',
    'Infinity',
    '-0',
    '+1',
    '\u0000',
    '\u202e',
    '\ud800',
    '💥',
    "' OR 1=1--",
    '<script>x</script>',
    'x'.repeat(5000),
  ),
  fc.integer(),
  fc.double(),
  // Numbers past every column type (issue 17: a version of 2^31 was a 500).
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 5e-324),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), weird, { maxKeys: 8 }),
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(null, 'text', 42, [], {}),
  // Deep nesting and huge arrays, in place of a field or as the whole body.
  fc.constantFrom(...FIELDS).map((k) => ({ [k]: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown })),
  fc.constantFrom(...FIELDS).map((k) => ({ [k]: Array.from({ length: 20_000 }, (_, i) => i) })),
  fc.constantFrom(...FIELDS).map((k) => ({ [k]: Array.from({ length: 5_000 }, () => '00000000-0000-4000-8000-000000000000') })),
);

/** A role holding the route's permission (the department head first: it holds most), so the input reaches the handler. */
function roleFor(access: string): Role {
  if (access === 'authenticated' || access === 'public') return 'department_head';
  const order: Role[] = ['department_head', ...ROLES.filter((r) => r !== 'department_head')];
  const role = order.find((r) => permissionsOf(r).has(access as Permission));
  if (!role) throw new Error(`no role holds ${access}`);
  return role;
}

describe('input fuzzing of every JSON route', () => {
  it('never answers ≥ 500 and refused writes change nothing', async () => {
    const routes = w.app.routeRegistry.filter((r) => r.url !== '/api/auth/logout' && r.url !== '/api/auth/login');
    for (const r of routes) {
      const cookie = await w.as(roleFor(r.access));
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.dictionary(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
          fc.constantFrom(...ids, '00000000-0000-4000-8000-000000000000'),
          async (payload, query, id) => {
            const qs = new URLSearchParams(query).toString();
            const url = `${r.url.replace(':id', id)}${r.method === 'GET' && qs ? `?${qs}` : ''}`;
            const before = r.method === 'GET' ? '' : await snapshot();
            const res = await w.app.inject({
              method: r.method as 'POST',
              url,
              headers: { cookie, 'content-type': 'application/json' },
              ...(r.method !== 'GET' ? { payload: JSON.stringify(payload) ?? 'null' } : {}),
            });
            expect(res.statusCode, `${r.method} ${url} ${JSON.stringify(payload)?.slice(0, 200)}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              // Stack frames ("at fn (file:line)"), source paths and SQL must never reach the client.
              expect(res.body).not.toMatch(/\bat \S+ \(|\bat (?:file|node):|\.[cm]?[jt]s:\d|SELECT |node_modules|\/home\//);
              // Nor a table, column, index or constraint name.
              expect(res.body, `${r.method} ${url}`).not.toMatch(schemaNames);
              if (r.method !== 'GET') expect(await snapshot()).toBe(before);
            }
          },
        ),
        { numRuns: RUNS },
      );
    }
  }, 600_000);
});

describe('error bodies name no table, column, index or constraint', () => {
  it('reports each unique violation on the form field it concerns', async () => {
    const post = async (url: string, payload: unknown) =>
      w.app.inject({
        method: 'POST',
        url,
        headers: { cookie: await w.as(url === '/api/organizations' ? 'admin' : 'department_head'), 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const patient = { name: '重复登记', sex: 'male', birthDate: '1960-01-01', idType: 'resident_id', idNumber: '110101196001010011' };
    const org = { name: '重复医院名称', kind: 'partner' };
    const cases: [string, unknown, string][] = [
      ['/api/patients', patient, 'idNumber'],
      ['/api/patients', { ...patient, idNumber: null, inpatientNo: 'DUP-0001' }, 'inpatientNo'],
      ['/api/organizations', org, 'name'],
    ];
    for (const [url, payload, field] of cases) {
      await post(url, payload);
      const res = await post(url, payload);
      expect(res.statusCode, url).toBe(409);
      expect(res.body).not.toMatch(schemaNames);
      const error = res.json<{ error: { details?: { fields?: { path: string }[] } } }>().error;
      expect(error.details?.fields?.map((f) => f.path)).toEqual([field]);
    }
  });
});
