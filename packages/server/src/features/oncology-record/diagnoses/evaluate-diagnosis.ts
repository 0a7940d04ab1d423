import {
  checkDiagnosisCoding,
  diagnosisStagingSite,
  stageAjcc8,
  type DiagnosisSite,
  type PmOrigin,
  type StagingSite,
} from '@gisurg/clinical';
import type { Problems } from '../../../core/problems.js';

export interface DiagnosisFields {
  site: DiagnosisSite;
  icd10: string;
  icd10Secondary?: string | null | undefined;
  diagnosisDate: string;
  pmOrigin?: PmOrigin | null | undefined;
  psogiCategory?: string | null | undefined;
  appendicealLesion?: string | null | undefined;
  whoCategory?: string | null | undefined;
  clinical?: { t: string; n: string; m: string; grade?: 'G1' | 'G2' | 'G3' | 'GX' | null | undefined } | null | undefined;
  /** The client's own stage, checked against the computed one. */
  clinicalStage?: string | null | undefined;
}

export interface StagedDiagnosis {
  stagingSite: StagingSite | null;
  clinicalT: string | null;
  clinicalN: string | null;
  clinicalM: string | null;
  clinicalGrade: string | null;
  clinicalStage: string | null;
  stagingEdition: number | null;
}

/**
 * The rules of a diagnosis, shared by create, edit and import: codes agree with the site
 * (checkDiagnosisCoding), the date is neither in the future nor before birth, and the clinical stage is
 * computed with stageAjcc8 (AJCC 8, classification c) for the site's chapter — never taken from the
 * client, whose `clinicalStage`, when sent, must agree. Problems are collected, not thrown.
 */
export function evaluateDiagnosis(problems: Problems, d: DiagnosisFields, birthDate: string, today: string): StagedDiagnosis {
  const codingOk =
    problems.clinical('', () => {
      checkDiagnosisCoding({
        site: d.site,
        icd10: d.icd10,
        icd10Secondary: d.icd10Secondary ?? null,
        pmOrigin: d.pmOrigin ?? null,
        psogiCategory: d.psogiCategory ?? null,
        appendicealLesion: d.appendicealLesion ?? null,
        whoCategory: d.whoCategory ?? null,
      });
      return true;
    }) === true;
  problems.notFuture('diagnosisDate', d.diagnosisDate, today);
  problems.notBefore('diagnosisDate', d.diagnosisDate, birthDate, 'oncology.validation.beforeBirth');
  const empty: StagedDiagnosis = {
    stagingSite: null,
    clinicalT: null,
    clinicalN: null,
    clinicalM: null,
    clinicalGrade: null,
    clinicalStage: null,
    stagingEdition: null,
  };
  if (!codingOk) return empty;
  const stagingSite = diagnosisStagingSite(d.site, d.icd10);
  const result: StagedDiagnosis = { ...empty, stagingSite };
  if (d.clinical) {
    if (stagingSite === null) {
      problems.add('clinical', 'clinical.staging.noStagingForSite');
    } else {
      const c = d.clinical;
      const staged = problems.clinical('clinical', () =>
        stageAjcc8({ site: stagingSite, classification: 'c', t: c.t, n: c.n, m: c.m, ...(c.grade ? { grade: c.grade } : {}) }),
      );
      if (staged) {
        Object.assign(result, {
          clinicalT: staged.categories.t,
          clinicalN: staged.categories.n,
          clinicalM: staged.categories.m,
          clinicalGrade: c.grade ?? null,
          clinicalStage: staged.stage,
          stagingEdition: staged.edition,
        });
      }
    }
  }
  if (!problems.any) problems.agree('clinicalStage', d.clinicalStage, result.clinicalStage);
  return result;
}
