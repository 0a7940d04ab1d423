import { sql, type SQL } from 'drizzle-orm';
import { BEDS_PER_WARD, expressions, type Layout } from './layout.js';
import { GIVEN, readingsTable, sitesTable, stagesTable, SURNAMES } from './tables.js';

/**
 * The INSERT … SELECT statements of `gisurg generate`, one per table, each over a batch of this run's patient
 * numbers g ∈ [a, b] (layout.ts): every value is derived from g, so no statement reads another's rows back.
 * Clinically coherent: diagnosis (AJCC 8 clinical stage) before the first operation, one admission per
 * operation holding a ward bed, tumour-board cases between diagnosis and surgery with their plan items
 * delivered by the operation, follow-up contacts after surgery with deaths and recurrences drawn by stage.
 */
export interface RunContext {
  layout: Layout;
  now: Date;
  homeOrganizationId: string;
  departmentId: string;
  userId: string;
  userName: string;
  observationsPerPatient: number;
  /** Share of patients discussed at a tumour board (0–1). */
  mdtShare: number;
}

export type BatchStatement = (a: number, b: number) => SQL;

export function statements(c: RunContext) {
  const l = c.layout;
  const { G, U, slot1, slot2, slotDay, los, emergency, date, at, uuid, n } = expressions(l);
  const now = sql`${c.now.toISOString()}::timestamptz`;
  const user = sql`${c.userId}::uuid`;
  const home = sql`${c.homeOrganizationId}::uuid`;
  const today = n(l.days - 1);
  const sites = sitesTable();
  const stages = stagesTable();
  const len = (s: string) => n([...s].length);
  // Each character drawn on its own (a hash, not a multiple of g: those repeat with a short period), so 1,000,000
  // patients carry ~6,000 two-character and ~350,000 three-character names.
  const pick = (chars: string, salt: number) => sql`substr(${chars}::text, 1 + floor(${U(salt)} * ${len(chars)})::int, 1)`;
  const surname = pick(SURNAMES, 6);
  const given1 = pick(GIVEN, 7);
  const given2 = sql`(case when ${U(9)} < 0.5 then ${pick(GIVEN, 8)} end)`;
  const name = sql`(${surname} || ${given1} || coalesce(${given2}, ''))`;
  const sex = sql`(case when ${U(4)} < 0.62 then 'male' else 'female' end)`;
  const birthDate = sql`(date '${sql.raw(l.day0)}' + (${slotDay(slot1)})::int - (40 * 365 + floor(${U(5)} * 40 * 365))::int)`;
  const inpatientNo = sql`('S' || lpad(${G}::text, 9, '0'))`;
  const pid = uuid('p', G);

  /** One row per patient with an operation: case mix, stage, days of diagnosis, operations, death, recurrence. */
  const facts = (a: number, b: number) => sql`pt as (
      select g, ${G} as gg, sites.*, stages.t, stages.n, stages.m, stages.stage, stages.main_group, stages.hazard,
             ${slotDay(slot1)} as d1, ${los(1)} as los1, ${emergency} as em, ${slot1} as j1, ${slot2} as j2,
             case when ${slot2} is not null and ${slotDay(slot2)} <= ${n(l.days - 2)} then ${slotDay(slot2)} end as d2, ${los(2)} as los2
      from generate_series(${n(a)}::int, ${n(b)}::int) g
      join ${sites.table} on sites.i = floor(${U(2)} * ${n(sites.count)})::int
      join ${stages.table} on stages.staging_site = sites.staging_site and stages.i = floor(${U(3)} * ${n(stages.count)})::int
      where ${slotDay(slot1)} <= ${n(l.days - 2)}
    ), pf as (
      select pt.*, d1 + case when em then 0 else 1 end as f,
             d1 - 7 - floor(${U(1)} * 50)::int as dx,
             coalesce(d2 + los2, d1 + los1) + 30 + least(100000, floor(-ln(1 - ${U(30)}) / hazard * 30.4375))::int as death
      from pt
    ), pr as (
      select pf.*, case when ${U(31)} < 0.8 then greatest(f + 30, death - 90 - floor(${U(32)} * 270)::int) end as rec from pf
    )`;

  /** One row per operation (and its admission). */
  const ops = (a: number, b: number) => sql`with ${facts(a, b)}, ops as (
      select pr.*, k.n as k, k.day, k.los, k.day + case when k.n = 1 and em then 0 else 1 end as op_day,
             (k.j % ${n(l.beds)}) as bed,
             ${at(sql`k.day`, sql`480 + floor(${U(sql`13 + k.n`)} * 240)`)} as adm_at,
             ${at(sql`k.day + k.los`, sql`600 + floor(${U(sql`15 + k.n`)} * 180)`)} as dis_at,
             case when k.n = 2 then case when site = 'rectum' then 'open' else 'laparoscopic' end
                  when ${U(17)} < 0.55 then 'laparoscopic' when ${U(17)} < 0.7 then 'robotic' else 'open' end as approach,
             case when k.n = 1 then proc1 else proc2 end as proc,
             case when k.n = 1 then proc1_label else proc2_label end as proc_label,
             case when k.n = 1 then array[proc1_open, proc1_lap] else array[proc2_open, proc2_lap] end as icd9
      from pr cross join lateral (values (1, pr.d1, pr.los1, pr.j1), (2, pr.d2, pr.los2, pr.j2)) k(n, day, los, j)
      where k.day is not null
    )`;
  const stamp = (t: SQL) => sql`${t}, ${t}, ${user}, ${user}`;

  const patients: BatchStatement = (a, b) => sql`
    insert into patients (id, organization_id, source_organization_id, name, sex, birth_date, inpatient_no, created_at, updated_at)
    select ${pid}, ${home},
           case when g % 3 = 0 or h.a is null then null else h.a[1 + g % array_length(h.a, 1)] end,
           ${name}, ${sex}, ${birthDate}, ${inpatientNo},
           ${at(sql`${slotDay(slot1)} - 7`, 600)}, ${now}
    from generate_series(${n(a)}::int, ${n(b)}::int) g,
         (select array_agg(id order by id) as a from organizations where kind = 'primary') h`;

  /** The keys patients/search-terms.ts would write: name, given name, pinyin and initials (every reading), inpatient no. */
  const searchTerms: BatchStatement = (a, b) => sql`
    insert into patient_search_terms (patient_id, kind, term, organization_id, source_organization_id, patient_updated_at)
    with rd as (select * from ${readingsTable()}), nm as (
      select ${pid} as pid, ${surname} as sc, ${given1} as g1, ${given2} as g2, lower(${inpatientNo}) as ino
      from generate_series(${n(a)}::int, ${n(b)}::int) g
    ), py as (
      select nm.pid, nm.g2 is not null as three, rs.r as rs, r1.r as r1, r2.r as r2
      from nm join rd rs on rs.pos = 's' and rs.ch = nm.sc join rd r1 on r1.pos = 'g' and r1.ch = nm.g1
      left join rd r2 on r2.pos = 'g' and r2.ch = nm.g2
      where nm.g2 is null or r2.r is not null
    ), terms (pid, kind, term) as (
    select pid, 'name', sc || g1 || coalesce(g2, '') from nm
    union all select pid, 'given_name', g1 || g2 from nm where g2 is not null
    union all select pid, 'inpatient_no', ino from nm
    union all select pid, 'pinyin', rs || r1 || coalesce(r2, '') from py
    union all select pid, 'initials', left(rs, 1) || left(r1, 1) || coalesce(left(r2, 1), '') from py
    union all select pid, 'given_pinyin', r1 || r2 from py where three
    union all select pid, 'given_initials', left(r1, 1) || left(r2, 1) from py where three
    )
    -- The patient's scope and recency on each term (as the insert trigger would copy them, without a lookup per row).
    select terms.pid, terms.kind, terms.term, p.organization_id, p.source_organization_id, p.updated_at
    from terms join patients p on p.id = terms.pid
    on conflict do nothing`;

  const diagnoses: BatchStatement = (a, b) => sql`
    insert into oncology_diagnoses (id, patient_id, site, icd10, icdo3_morphology, diagnosis_date, basis, staging_site,
      clinical_t, clinical_n, clinical_m, clinical_stage, staging_edition, created_at, updated_at, created_by, updated_by)
    with ${facts(a, b)}
    select ${uuid('dx', sql`gg`)}, ${uuid('p', sql`gg`)}, site, icd10, '8140/3', ${date(sql`dx`)}, 'histology_primary', staging_site,
           t, n, m, stage, 8, ${stamp(at(sql`dx`, 960))}
    from pr`;

  const operations: BatchStatement = (a, b) => sql`
    insert into operations (id, patient_id, diagnosis_id, operation_date, urgency, intent, approach, surgeon_id, operation_level,
      start_time, end_time, duration_min, blood_loss_ml, transfusion, discharge_date, postoperative_los_days,
      created_at, updated_at, created_by, updated_by)
    ${ops(a, b)}, o as (
      select ops.*, 90 + floor(${U(sql`18 + k`)} * 210)::int as minutes, ${at(sql`op_day`, sql`510 + floor(${U(sql`20 + k`)} * 120)`)} as start_at
      from ops
    )
    select ${uuid('op', sql`gg || ':' || k`)}, ${uuid('p', sql`gg`)}, ${uuid('dx', sql`gg`)}, ${date(sql`op_day`)},
           case when k = 1 and em then 'emergency' else 'elective' end,
           case when k = 2 and site <> 'rectum' then 'diagnostic' when main_group = 'IV' then 'palliative' else 'curative' end,
           approach, ${user}, case when k = 1 then 4 else 2 end,
           start_at, start_at + minutes * interval '1 minute', minutes, (20 + floor(${U(sql`22 + k`)} * 380))::int, ${U(sql`24 + k`)} < 0.05,
           case when dis_at <= ${now} then ${date(sql`day + los`)} end, case when dis_at <= ${now} then day + los - op_day end,
           ${stamp(sql`start_at`)}
    from o`;

  const procedures: BatchStatement = (a, b) => sql`
    insert into operation_procedures (operation_id, position, code, icd9cm3)
    ${ops(a, b)}
    select ${uuid('op', sql`gg || ':' || k`)}, 1, proc, case when approach in ('laparoscopic', 'robotic') then icd9[2] else icd9[1] end from ops`;

  const admissions: BatchStatement = (a, b) => sql`
    insert into admissions (id, patient_id, organization_id, status, admitted_at, source, diagnosis, attending_surgeon_id,
      expected_los_days, planned_procedure, discharged_at, disposition, created_at, updated_at, created_by, updated_by)
    ${ops(a, b)}
    select ${uuid('adm', sql`gg || ':' || k`)}, ${uuid('p', sql`gg`)}, ${home},
           case when dis_at > ${now} then 'active' else 'discharged' end, adm_at,
           case when k = 1 and em then 'emergency' else 'outpatient' end, dx_label, ${user}, 7, proc_label,
           case when dis_at <= ${now} then dis_at end, case when dis_at <= ${now} then 'order' end,
           adm_at, least(dis_at, ${now}), ${user}, ${user}
    from ops`;

  const bedStays: BatchStatement = (a, b) => sql`
    insert into bed_stays (id, admission_id, bed_id, from_at, to_at, created_at)
    ${ops(a, b)}
    select ${uuid('stay', sql`gg || ':' || k`)}, ${uuid('adm', sql`gg || ':' || k`)}, ${uuid('bed', sql`${n(l.start)} || ':' || bed`)},
           adm_at, case when dis_at <= ${now} then dis_at end, adm_at
    from ops`;

  /** Contacts 3, 12, 24, 36 and 60 months after surgery while alive, and the death (with its recurrence) when known. */
  const contacts: BatchStatement = (a, b) => sql`
    insert into follow_up_contacts (id, patient_id, contact_date, method, status, recurrence_date, death_date, death_cause,
      recorded_by, created_at, updated_at, created_by, updated_by)
    with ${facts(a, b)}
    select ${uuid('fc', sql`gg || ':' || mm.m`)}, ${uuid('p', sql`gg`)}, ${date(sql`cc.c`)},
           case when ${U(sql`40 + mm.m`)} < 0.7 then 'clinic' else 'phone' end,
           case when rec <= cc.c then 'alive_with_disease' else 'alive_no_disease' end,
           case when rec <= cc.c then ${date(sql`rec`)} end, null, null, ${user}, ${stamp(at(sql`cc.c`, 600))}
    from pr cross join (values (3), (12), (24), (36), (60)) mm(m)
         cross join lateral (select f + round(mm.m * 30.4375)::int as c) cc
    where cc.c <= ${today} and cc.c < death
    union all
    select ${uuid('fc', sql`gg || ':death'`)}, ${uuid('p', sql`gg`)}, ${date(sql`death`)}, 'phone', 'dead',
           case when rec <= death then ${date(sql`rec`)} end, ${date(sql`death`)}, case when rec is not null then 'cancer' else 'other' end,
           ${user}, ${stamp(at(sql`least(death + 7, ${today})`, 600))}
    from pr where death <= ${today}`;

  /** Tumour markers from diagnosis to today (or death), evenly spaced. */
  const markers: BatchStatement = (a, b) => sql`
    insert into tumor_markers (patient_id, marker, value, unit, upper_limit, sampled_on, created_at, updated_at, created_by, updated_by)
    with ${facts(a, b)}
    select ${uuid('p', sql`gg`)}, (array['CEA','CA19-9','CA125','CA72-4'])[1 + (k % 4)],
           round((random() * 40)::numeric, 1)::float8, case when k % 4 = 0 then 'ng/mL' else 'U/mL' end,
           case k % 4 when 0 then 5 when 1 then 37 when 2 then 35 else 6.9 end,
           ${date(sql`s.day`)}, ${stamp(at(sql`s.day`, 600))}
    from pr cross join generate_series(1, ${n(c.observationsPerPatient)}::int) k
         cross join lateral (select dx + floor((least(${today}, death) - dx) * k / ${n(c.observationsPerPatient + 1)}.0)::int as day) s`;

  /** Patients discussed at the weekly board of their tumour group before their first operation. */
  const boardCases = (a: number, b: number) => sql`with ${facts(a, b)}, mc as (
      select pr.*, case when tumor_group = 'gastric' then 1 else 3 end as off from pr where ${U(50)} < ${c.mdtShare}::float8
    ), mw as (
      select mc.*, floor((f - 3 - off) / 7.0)::int as w from mc
    ), mb as (
      select mw.*, w * 7 + off as mday, main_group in ('III', 'IV') as chemo, f + 28 as chemo_due,
             f + 28 + floor(${U(51)} * 10)::int as chemo_day,
             case when main_group not in ('III', 'IV') then null when f + 88 < ${today} then
               case when ${U(52)} < 0.85 then 'delivered' else 'not_delivered' end else 'pending' end as chemo_state
      from mw where w >= 0
    )`;
  const caseId = uuid('case', sql`gg`);
  const recId = uuid('rec', sql`gg`);
  const opClosed = at(sql`f`, 1080);
  const chemoClosed = at(sql`chemo_day`, 1020);
  const completedAt = sql`(case when chemo_state = 'pending' then null when chemo_state is null then ${opClosed} else ${chemoClosed} end)`;
  const decidedAt = at(sql`mday`, 990);

  const mdtCases: BatchStatement = (a, b) => sql`
    insert into mdt_cases (id, meeting_id, patient_id, submitting_organization_id, submitted_by, question, urgency, presenting_specialty,
      status, snapshot, snapshot_at, decided_at, completed_at, created_at, updated_at, created_by, updated_by)
    ${boardCases(a, b)}
    select ${caseId}, ${uuid('mtg', sql`${n(l.start)} || ':' || tumor_group || ':' || w`)}, ${uuid('p', sql`gg`)}, ${home}, ${user},
           dx_label || ' c' || t || n || m || '，手术方案？', 'routine', 'surgery',
           case when chemo_state = 'pending' then 'decided' else 'completed' end,
           jsonb_build_object('capturedAt', to_char(${at(sql`mday - 2`, 600)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'source', 'demographics_only',
             'patient', jsonb_build_object('id', ${uuid('p', sql`gg`)}, 'name', ${name}, 'sex', ${sex}, 'birthDate', ${birthDate}::text,
               'age', date_part('year', age(${date(sql`mday - 2`)}, ${birthDate}))::int, 'inpatientNo', ${inpatientNo}, 'sourceOrganizationName', null),
             'diagnoses', '[]'::jsonb, 'pci', null, 'operations', '[]'::jsonb, 'pathology', null, 'markers', '[]'::jsonb, 'ecog', null),
           ${at(sql`mday - 2`, 600)}, ${decidedAt}, ${completedAt},
           ${at(sql`mday - 2`, 600)}, coalesce(${completedAt}, ${decidedAt}), ${user}, ${user}
    from mb`;

  const recommendations: BatchStatement = (a, b) => sql`
    insert into mdt_recommendations (id, case_id, intent, summary, guideline, consensus, executing_specialty, responsible_user_id,
      responsible_name, patient_summary, decided_at, decided_on, decided_by, created_at, updated_at, created_by, updated_by)
    ${boardCases(a, b)}
    select ${recId}, ${caseId}, case when main_group = 'IV' then 'palliative' else 'curative' end,
           proc1_label || case when chemo then '；术后辅助化疗' else '' end, 'CSCO', true, 'surgery', ${user}, ${c.userName}::text,
           '建议手术：' || proc1_label || case when chemo then '，术后辅助化疗' else '' end,
           ${decidedAt}, ${date(sql`mday`)}, ${user}, ${stamp(decidedAt)}
    from mb`;

  const planItems: BatchStatement = (a, b) => sql`
    insert into mdt_plan_items (id, recommendation_id, case_id, patient_id, position, kind, detail, requires_admission, due_date,
      status, delivered_via, delivered_on, evidence, evidence_ref, not_delivered_reason, closed_at, closed_by, admission_ref,
      created_at, updated_at, created_by, updated_by)
    ${boardCases(a, b)}
    select ${uuid('item', sql`gg || ':1'`)}, ${recId}, ${caseId}, ${uuid('p', sql`gg`)}, 1, 'surgery', proc1_label, true, ${date(sql`mday + 14`)},
           'delivered', 'operation', ${date(sql`f`)}, '手术记录：' || proc1_label, ${uuid('op', sql`gg || ':1'`)}::text, null,
           ${opClosed}, ${user}, ${uuid('adm', sql`gg || ':1'`)}::text, ${decidedAt}, ${opClosed}, ${user}, ${user}
    from mb
    union all
    select ${uuid('item', sql`gg || ':2'`)}, ${recId}, ${caseId}, ${uuid('p', sql`gg`)}, 2, 'chemotherapy', '辅助化疗', false, ${date(sql`chemo_due`)},
           chemo_state, case when chemo_state = 'delivered' then 'manual' end, case when chemo_state = 'delivered' then ${date(sql`chemo_day`)} end,
           case when chemo_state = 'delivered' then '化疗记录：第 1 周期已完成' end, null,
           case when chemo_state = 'not_delivered' then 'patient_choice' end,
           case when chemo_state <> 'pending' then ${chemoClosed} end, case when chemo_state <> 'pending' then ${user} end, null,
           ${decidedAt}, case when chemo_state = 'pending' then ${decidedAt} else ${chemoClosed} end, ${user}, ${user}
    from mb where chemo`;

  /** Wards of 40 beds in the home department, the beds, and (after the stays) each bed's current state. */
  const wardCount = Math.ceil(l.beds / BEDS_PER_WARD);
  const wardsAndBeds = [
    sql`insert into wards (id, department_id, code, name, name_en, kind, sort_order, created_at, updated_at, created_by, updated_by)
        select ${uuid('ward', sql`${n(l.start)} || ':' || w`)}, ${c.departmentId}::uuid, 'S' || ${n(l.start + 1)} || '-' || lpad((w + 1)::text, 3, '0'),
               '合成病区 ' || (w + 1), 'Synthetic ward ' || (w + 1), 'general', 100 + w, ${stamp(now)}
        from generate_series(0, ${n(wardCount - 1)}) w`,
    sql`insert into beds (id, ward_id, label, sort_order, created_at, updated_at, created_by, updated_by)
        select ${uuid('bed', sql`${n(l.start)} || ':' || bed`)}, ${uuid('ward', sql`${n(l.start)} || ':' || (bed / ${n(BEDS_PER_WARD)})`)},
               lpad((bed % ${n(BEDS_PER_WARD)} + 1)::text, 2, '0') || '床', bed % ${n(BEDS_PER_WARD)}, ${stamp(now)}
        from generate_series(0, ${n(l.beds - 1)}) bed`,
  ];
  const bedStates = sql`
    insert into bed_states (bed_id, state, admission_id, since, created_at, updated_at)
    select b.id, case when s.admission_id is null then 'vacant_clean' else 'occupied' end, s.admission_id, coalesce(s.from_at, ${now}), ${now}, ${now}
    from generate_series(0, ${n(l.beds - 1)}) bed
    join beds b on b.id = ${uuid('bed', sql`${n(l.start)} || ':' || bed`)}
    left join bed_stays s on s.bed_id = b.id and s.to_at is null`;

  const meetings = sql`
    insert into mdt_meetings (id, tumor_group, kind, title, starts_at, duration_minutes, place, chair_user_id, status, started_at, closed_at,
      created_at, updated_at, created_by, updated_by)
    select ${uuid('mtg', sql`${n(l.start)} || ':' || grp.g || ':' || w`)}, grp.g, 'intra', grp.zh || ' MDT（合成）',
           ${at(sql`w * 7 + grp.off`, 960)}, 90, '外科楼示教室', ${user},
           case when ${at(sql`w * 7 + grp.off`, 1080)} <= ${now} then 'closed' else 'scheduled' end,
           case when ${at(sql`w * 7 + grp.off`, 1080)} <= ${now} then ${at(sql`w * 7 + grp.off`, 960)} end,
           case when ${at(sql`w * 7 + grp.off`, 1080)} <= ${now} then ${at(sql`w * 7 + grp.off`, 1050)} end,
           ${stamp(sql`least(${now}, ${at(sql`w * 7 + grp.off - 14`, 600)})`)}
    from (values ('gastric', 1, '胃癌'), ('colorectal', 3, '结直肠癌')) grp(g, off, zh),
         generate_series(-1, ${n(Math.floor((l.days + 13) / 7))}) w
    where w * 7 + grp.off between 0 and ${n(l.days + 13)}`;

  return {
    wardsAndBeds,
    meetings,
    bedStates,
    batches: {
      patients,
      patient_search_terms: searchTerms,
      oncology_diagnoses: diagnoses,
      operations,
      operation_procedures: procedures,
      admissions,
      bed_stays: bedStays,
      follow_up_contacts: contacts,
      tumor_markers: markers,
      mdt_cases: mdtCases,
      mdt_recommendations: recommendations,
      mdt_plan_items: planItems,
    } satisfies Record<string, BatchStatement>,
  };
}
