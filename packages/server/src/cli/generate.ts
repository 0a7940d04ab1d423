import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows } from '../db/sql.js';
import type { Db } from '../db/types.js';
import { openRuntime } from '../runtime.js';
import { bootstrap } from '../seed/bootstrap.js';

/**
 * `gisurg generate`: a large synthetic database on PostgreSQL for scale measurements (issue 18 "Scale").
 * Synthetic only (names from a fixed list of surnames and given-name characters; no ID numbers). Set-based:
 * every table is filled by one `INSERT … SELECT … FROM generate_series` per batch, inside PostgreSQL, and
 * rows/s are printed per table.
 *
 * What it builds today: hospitals (referring organizations), patients (with their name and inpatient-number
 * search terms) and tumour-marker observations spread over `years`. Not yet: operations, MDT cases,
 * admissions, follow-up (docs/performance.md "Several processes" says so).
 */
export interface GenerateOptions {
  hospitals: number;
  patients: number;
  observationsPerPatient: number;
  years: number;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉建国志文斌宇浩凯健俊帆帅旭宁琳晨欣怡子涵梓轩佳悦思雨嘉懿';
const BATCH = 50_000;

function parseArgs(args: readonly string[]): GenerateOptions {
  const get = (flag: string, def: number) => {
    const i = args.indexOf(flag);
    if (i < 0) return def;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  return {
    hospitals: get('--hospitals', 100),
    patients: get('--patients', 1_000_000),
    observationsPerPatient: get('--observations-per-patient', 10),
    years: get('--years', 20),
  };
}

async function timed(label: string, rows: number, fn: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(
    `  ${label.padEnd(24)} ${String(rows).padStart(11)} rows  ${s.toFixed(1).padStart(7)} s  ${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en')} rows/s\n`,
  );
}

export async function generate(db: Db, homeOrganizationId: string, o: GenerateOptions, now: Date): Promise<void> {
  const [{ start } = { start: 0 }] = await queryRows<{ start: number }>(
    db,
    sql`select count(*)::int as start from patients where inpatient_no like 'S%'`,
  );
  const runTag = now.toISOString().slice(0, 19);
  const firstNo = `S${String(start + 1).padStart(9, '0')}`;
  const t0 = performance.now();
  await timed('hospitals', o.hospitals, async () => {
    await db.execute(sql`insert into organizations (name, kind, region, created_at, updated_at)
      select '合成医院 ' || ${runTag}::text || '-' || lpad(g::text, 4, '0') || ' (synthetic)', 'primary', '浙江省', ${now}, ${now}
      from generate_series(1, ${o.hospitals}::int) g`);
  });
  const days = Math.max(1, Math.round(o.years * 365.25));
  await timed('patients', o.patients, async () => {
    for (let from = 1; from <= o.patients; from += BATCH) {
      const to = Math.min(o.patients, from + BATCH - 1);
      await db.execute(sql`insert into patients (organization_id, source_organization_id, name, sex, birth_date, inpatient_no, created_at, updated_at)
        select ${homeOrganizationId}::uuid,
               case when g % 3 = 0 or h.a is null then null else h.a[1 + g % array_length(h.a, 1)] end,
               substr(${SURNAMES}::text, (1 + (g::bigint * 7919) % char_length(${SURNAMES}::text))::int, 1)
                 || substr(${GIVEN}::text, (1 + (g::bigint * 104729) % char_length(${GIVEN}::text))::int, 1)
                 || case when g % 2 = 0 then substr(${GIVEN}::text, (1 + (g::bigint * 15485863) % char_length(${GIVEN}::text))::int, 1) else '' end,
               case when g % 2 = 0 then 'male' else 'female' end,
               (date '1940-01-01' + ((g::bigint * 37) % 20000)::int)::date,
               'S' || lpad((${start}::int + g)::text, 9, '0'),
               ${now}::timestamptz - make_interval(days => g % ${days}::int), ${now}
        from generate_series(${from}::int, ${to}::int) g,
             (select array_agg(id order by id) as a from organizations where kind = 'primary') h`);
    }
  });
  await timed('patient_search_terms', o.patients * 3, async () => {
    await db.execute(sql`insert into patient_search_terms (patient_id, kind, term)
      select id, k.kind, case k.kind when 'name' then name when 'given_name' then substr(name, 2) else inpatient_no end
      from patients p cross join (values ('name'), ('given_name'), ('inpatient_no')) as k(kind)
      where p.inpatient_no like 'S%' and p.inpatient_no >= ${firstNo}
      on conflict do nothing`);
  });
  const markers = o.patients * o.observationsPerPatient;
  await timed('tumor_markers', markers, async () => {
    const ids = await queryRows<{ id: string }>(
      db,
      sql`select id from patients where inpatient_no like 'S%' and inpatient_no >= ${firstNo} order by inpatient_no`,
    );
    for (let i = 0; i < ids.length; i += BATCH / Math.max(o.observationsPerPatient, 1)) {
      const chunk = ids.slice(i, i + BATCH / Math.max(o.observationsPerPatient, 1)).map((r) => r.id);
      await db.execute(sql`insert into tumor_markers (patient_id, marker, value, unit, upper_limit, sampled_on, created_at, updated_at)
        select p, (array['CEA','CA19-9','CA125','CA72-4'])[1 + (n % 4)],
               round((random() * 40)::numeric, 1)::float8, case when n % 4 = 0 then 'ng/mL' else 'U/mL' end,
               case n % 4 when 0 then 5 when 1 then 37 when 2 then 35 else 6.9 end,
               (${now}::date - ((abs(hashtext(p::text || n::text)) % ${days})))::date, ${now}, ${now}
        from unnest(${sql.param(chunk)}::uuid[]) p cross join generate_series(1, ${o.observationsPerPatient}::int) n`);
    }
  });
  await db.execute(sql`analyze`);
  const total = o.hospitals + o.patients * 4 + markers;
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(
    `Generated ${total.toLocaleString('en')} rows in ${s.toFixed(1)} s (${Math.round(total / s).toLocaleString('en')} rows/s), then ANALYZE.\n`,
  );
}

/** `gisurg generate [--hospitals 100] [--patients 1000000] [--observations-per-patient 10] [--years 20]` (PostgreSQL only). */
export async function generateCli(config: Config, args: readonly string[]): Promise<number> {
  if (!config.databaseUrl) {
    process.stderr.write('gisurg: generate builds a province-size database and needs PostgreSQL: set DATABASE_URL.\n');
    return 2;
  }
  let opts: GenerateOptions;
  try {
    opts = parseArgs(args);
  } catch (e) {
    process.stderr.write(`gisurg: ${(e as Error).message}\n`);
    return 2;
  }
  const runtime = await openRuntime(config);
  try {
    const now = new Date();
    const boot = await bootstrap(runtime.database.db, { adminPassword: config.adminPassword, now });
    process.stdout.write(
      `Generating ${opts.hospitals} hospitals, ${opts.patients} patients, ${opts.observationsPerPatient} observations each over ${opts.years} years …\n`,
    );
    await generate(runtime.database.db, boot.homeOrganizationId, opts, now);
    return 0;
  } finally {
    await runtime.close();
  }
}
