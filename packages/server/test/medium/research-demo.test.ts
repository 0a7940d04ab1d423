import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/sql.js';
import { listProjects } from '../../src/features/research/get-projects.js';
import { createDemoDatabase, type DemoDatabase, demoContext } from './support/test-db.js';

/** Research demo (issue 14, acceptance 5): six grants with ethics, coherent frozen cohorts, consents (one withdrawn), outputs. */
let database: DemoDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 300_000);
afterAll(async () => database.destroy());

describe('research demo data', () => {
  it('has one NSFC and five provincial grants, each with ethics approval, a frozen cohort and consents', async () => {
    const rows = await queryRows<{
      funder: string;
      ethics_number: string | null;
      frozen: string | null;
      cohort: number;
      consenting: number;
      withdrawn: number;
    }>(
      database.db,
      sql`select p.funder, p.ethics_number, p.cohort_frozen_on::text as frozen,
        (select count(*) from research_cohort_members m where m.project_id = p.id)::int as cohort,
        (select count(*) from research_participants x where x.project_id = p.id and x.withdrawn_on is null)::int as consenting,
        (select count(*) from research_participants x where x.project_id = p.id and x.withdrawn_on is not null)::int as withdrawn
      from research_projects p`,
    );
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.funder === 'nsfc')).toHaveLength(1);
    expect(rows.filter((r) => r.funder === 'zhejiang_nsf' || r.funder === 'health_commission')).toHaveLength(5);
    for (const r of rows) {
      expect(r.ethics_number).toBeTruthy();
      expect(r.frozen).toBeTruthy();
      expect(r.cohort).toBeGreaterThan(0);
      expect(r.consenting).toBeGreaterThan(0);
    }
    expect(rows.reduce((n, r) => n + r.withdrawn, 0)).toBe(1);
  });

  it('lists each project with its own consent and output counts (the list once showed 0 for every project)', async () => {
    const { items } = await listProjects(await demoContext(database, 'department_head', 'research-demo-test'));
    const counts = await queryRows<{ id: string; consenting: number; withdrawn: number; outputs: number }>(
      database.db,
      sql`select p.id,
        (select count(*) from research_participants x where x.project_id = p.id and x.withdrawn_on is null)::int as consenting,
        (select count(*) from research_participants x where x.project_id = p.id and x.withdrawn_on is not null)::int as withdrawn,
        (select count(*) from research_outputs x where x.project_id = p.id and x.deleted_at is null)::int as outputs
      from research_projects p`,
    );
    expect(items).toHaveLength(counts.length);
    for (const c of counts) {
      const item = items.find((i) => i.id === c.id);
      expect(item && { consenting: item.consenting, withdrawn: item.withdrawn, outputs: item.outputs }).toEqual({
        consenting: c.consenting,
        withdrawn: c.withdrawn,
        outputs: c.outputs,
      });
    }
  });

  it('draws cohorts coherently: the CRS+HIPEC cohort had CRS with HIPEC, the laparoscopic gastrectomy cohort gastric cancer', async () => {
    const incoherent = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from research_participants x join research_projects p on p.id = x.project_id
        where p.funder = 'nsfc' and not exists (select 1 from operations o join operation_procedures op on op.operation_id = o.id
          join peritoneal_assessments pa on pa.operation_id = o.id and pa.hipec is not null
          where o.patient_id = x.patient_id and op.code = 'crs')`,
    );
    expect(incoherent[0]!.n).toBe(0);
    const gastric = await queryRows<{ n: number; total: number }>(
      database.db,
      sql`select count(*) filter (where not exists (select 1 from oncology_diagnoses d where d.patient_id = x.patient_id and d.site = 'stomach'))::int as n,
          count(*)::int as total
        from research_participants x join research_projects p on p.id = x.project_id where p.grant_no like 'LY24H160001%'`,
    );
    expect(gastric[0]!.total).toBeGreaterThan(5);
    expect(gastric[0]!.n).toBe(0);
    const outputs = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from research_outputs where kind = 'paper' and doi like '10.5555/%'`,
    );
    expect(outputs[0]!.n).toBeGreaterThanOrEqual(3);
  });
});
