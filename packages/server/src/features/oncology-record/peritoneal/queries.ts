import { isCompleteCytoreduction, type CcScore, type PciIndication } from '@gisurg/clinical';
import type { peritonealAssessments } from '../../../db/schema/index.js';
import { translate } from '../../../i18n/messages.js';
import type { HipecRecord, PeritonealDto } from '@gisurg/contracts/oncology-record';

export type PeritonealRow = typeof peritonealAssessments.$inferSelect;

interface StoredFlag {
  code: string;
  messageKey: string;
  params?: Record<string, number>;
}

export function toPeritonealDto(row: PeritonealRow): PeritonealDto {
  const flags = (row.pciFlags as StoredFlag[]).map((f) => ({
    ...f,
    message: { zh: translate('zh-CN', f.messageKey, f.params), en: translate('en', f.messageKey, f.params) },
  }));
  const cc = row.cc as CcScore | null;
  return {
    id: row.id,
    version: row.version,
    operationId: row.operationId,
    pci: { regions: row.pciRegions, timing: row.pciTiming, total: row.pciTotal },
    pciTotal: row.pciTotal,
    indication: row.pciIndication as PciIndication,
    eligible: row.pciEligible,
    flags,
    policy: row.pciPolicy as Record<string, unknown>,
    residualMm: row.residualMm,
    cc,
    ccBoundary: row.ccBoundary,
    completeCytoreduction: cc ? isCompleteCytoreduction(cc) : null,
    heightCm: row.heightCm,
    weightKg: row.weightKg,
    bsaM2: row.bsaM2,
    bsaFormula: row.bsaFormula,
    hipec: (row.hipec as HipecRecord | null) ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
