import type { pathologyReports } from '../../../db/schema/index.js';
import type { PathologyDto } from '@gisurg/contracts/oncology-record';

export type PathologyRow = typeof pathologyReports.$inferSelect;

export function toPathologyDto(row: PathologyRow): PathologyDto {
  return {
    id: row.id,
    version: row.version,
    operationId: row.operationId,
    reportDate: row.reportDate,
    pathologyNo: row.pathologyNo,
    neoadjuvant: row.neoadjuvant,
    classification: row.classification as PathologyDto['classification'],
    stagingSite: row.stagingSite as PathologyDto['stagingSite'],
    t: row.t,
    nodesExamined: row.nodesExamined,
    nodesPositive: row.nodesPositive,
    tumorDeposits: row.tumorDeposits,
    n: row.n,
    nDerived: row.nDerived,
    m: row.m,
    grade: row.grade,
    pathologicalStage: row.pathologicalStage,
    stagingEdition: row.stagingEdition,
    lymphNodesAdequate: row.lymphNodesAdequate,
    lymphNodeThreshold: row.lymphNodeThreshold,
    margin: row.margin as PathologyDto['margin'],
    lvi: row.lvi,
    pni: row.pni,
    tumorSizeMm: row.tumorSizeMm,
    histology: row.histology,
    mmr: row.mmr,
    msi: row.msi,
    her2Ihc: row.her2Ihc,
    her2Ish: row.her2Ish,
    her2Status: row.her2Status,
    kras: row.kras,
    nras: row.nras,
    braf: row.braf,
    updatedAt: row.updatedAt.toISOString(),
  };
}
