import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeResidentId } from '@gisurg/clinical';
import { IMPORT_COLUMNS } from './columns.js';

/**
 * The example cases of docs/import/oncology-example.{csv,xlsx} (synthetic people): a laparoscopic D2
 * gastrectomy, a rectal cancer after neoadjuvant therapy with a leak, its stoma closure (same diagnosis),
 * CRS + HIPEC for pseudomyxoma, and a salvage APR for anal cancer.
 */
export function exampleRows(): Record<string, string>[] {
  const id = (birthDate: string, sequence: number, sex: 'male' | 'female') => makeResidentId({ areaCode: '330106', birthDate, sequence, sex });
  const zeros = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`pci_${i}`, '0']));
  return [
    {
      inpatient_no: 'IMP2024001', id_number: id('1956-03-14', 211, 'male'), name: '钱国华', sex: 'male', birth_date: '1956-03-14',
      site: 'stomach', icd10: 'C16.3', icdo3: '8140/3', diagnosis_date: '2024-03-02', basis: 'histology_primary', ct: 'T3', cn: 'N1', cm: 'M0',
      operation_date: '2024-03-20', urgency: 'elective', intent: 'curative', approach: 'laparoscopic', procedures: 'gastrectomy_distal_d2', lymphadenectomy: 'D2',
      surgeon: 'surgeon', assistants: 'resident', anesthetist_name: '沈丽华', anesthesia_method: '1', operation_level: '4', incision_class: 'II', healing_grade: 'jia',
      start_time: '08:30', end_time: '12:05', blood_loss_ml: '80', transfusion: 'no', anastomosis: 'billroth_ii', anastomosis_technique: 'stapled', stoma: 'none', discharge_date: '2024-03-29',
      pt: 'T3', nodes_examined: '22', nodes_positive: '5', pm: 'M0', grade: 'G3', margin: 'R0', lvi: 'yes', pni: 'no', mmr: 'pMMR', her2_ihc: '1+', report_date: '2024-03-27',
      complications: '2024-03-24|pneumonia|II',
    },
    {
      inpatient_no: 'IMP2024002', id_number: id('1962-09-30', 122, 'female'), name: '孙秀英', sex: 'female', birth_date: '1962-09-30',
      site: 'rectum', icd10: 'C20', icdo3: '8140/3', diagnosis_date: '2023-11-10', basis: 'histology_primary', ct: 'T3', cn: 'N1', cm: 'M0',
      operation_date: '2024-04-08', urgency: 'elective', intent: 'curative', approach: 'converted', conversion_reason: 'adhesions', incision_length_cm: '12',
      procedures: 'anterior_resection_tme;loop_ileostomy', lymphadenectomy: 'D3', surgeon: 'surgeon', assistants: 'resident', anesthesia_method: '4', operation_level: '4',
      incision_class: 'II', healing_grade: 'jia', start_time: '09:00', end_time: '13:20', blood_loss_ml: '150', transfusion: 'no', anastomosis: 'colorectal', anastomosis_technique: 'stapled',
      stoma: 'loop_ileostomy', stoma_intent: 'temporary', discharge_date: '2024-04-19',
      neoadjuvant: 'yes', pt: 'T2', nodes_examined: '14', nodes_positive: '0', pm: 'M0', grade: 'G2', margin: 'R0', mmr: 'pMMR', kras: 'mutant', nras: 'wild_type', braf: 'wild_type', report_date: '2024-04-15',
      complications: '2024-04-13|anastomotic_leak|IIIa',
    },
    {
      inpatient_no: 'IMP2024002', site: 'rectum', icd10: 'C20', diagnosis_date: '2023-11-10', ct: 'T3', cn: 'N1', cm: 'M0',
      operation_date: '2024-07-16', urgency: 'elective', intent: 'curative', approach: 'open', procedures: 'stoma_closure_small', surgeon: 'surgeon', operation_level: '2',
      incision_class: 'II', start_time: '10:00', end_time: '11:10', blood_loss_ml: '20', transfusion: 'no', anastomosis: 'other', anastomosis_technique: 'hand_sewn', discharge_date: '2024-07-21',
    },
    {
      inpatient_no: 'IMP2024003', id_number: id('1968-05-21', 87, 'female'), name: '欧阳丽', sex: 'female', birth_date: '1968-05-21',
      site: 'pseudomyxoma', icd10: 'C18.1', icd10_secondary: 'C78.6', icdo3: '8480/1', diagnosis_date: '2024-05-06', basis: 'histology_primary', ct: 'Tis(LAMN)', cn: 'N0', cm: 'M1b', c_grade: 'G1',
      psogi_category: 'low-grade-mcp', appendiceal_lesion: 'lamn',
      operation_date: '2024-05-28', urgency: 'elective', intent: 'curative', approach: 'open',
      procedures: 'crs;right_hemicolectomy_appendix;greater_omentectomy_splenectomy;pelvic_peritonectomy;hipec', surgeon: 'surgeon', assistants: 'resident', anesthesia_method: '1', operation_level: '4',
      incision_class: 'II', healing_grade: 'jia', start_time: '08:00', end_time: '17:30', blood_loss_ml: '900', transfusion: 'yes', rbc_units: '4', anastomosis: 'ileocolic', anastomosis_technique: 'stapled', discharge_date: '2024-06-18',
      pt: 'Tis(LAMN)', nodes_examined: '16', nodes_positive: '0', pm: 'M1b', grade: 'G1', margin: 'R0',
      ...zeros, pci_0: '3', pci_1: '2', pci_2: '2', pci_3: '2', pci_5: '1', pci_6: '3', pci_7: '2', pci_8: '1', pci_timing: 'surgical-pre-crs', residual_mm: '0',
      height_cm: '160', weight_kg: '57.6', hipec_drug: 'mitomycin-c', hipec_dose: '35', hipec_dose_basis: 'mg/m2', hipec_volume_l: '4', hipec_technique: 'closed', hipec_duration_min: '90', hipec_inflow_c: '43', hipec_outflow_c: '42',
      complications: '2024-06-02|myelosuppression|II;2024-06-05|pleural_effusion|IIIa',
    },
    {
      inpatient_no: 'IMP2024004', id_number: id('1959-12-02', 19, 'male'), name: '曾志强', sex: 'male', birth_date: '1959-12-02',
      site: 'anus', icd10: 'C21.1', icdo3: '8070/3', diagnosis_date: '2023-08-15', basis: 'histology_primary', ct: 'T3', cn: 'N1a', cm: 'M0',
      operation_date: '2024-02-26', urgency: 'elective', intent: 'curative', approach: 'open', procedures: 'abdominoperineal_resection;colostomy', surgeon: 'surgeon', operation_level: '4',
      incision_class: 'III', healing_grade: 'yi', start_time: '08:40', end_time: '13:00', blood_loss_ml: '350', transfusion: 'no', anastomosis: 'none', stoma: 'end_colostomy', stoma_intent: 'permanent', discharge_date: '2024-03-12',
      neoadjuvant: 'yes', pt: 'T2', nodes_examined: '9', nodes_positive: '1', pn: 'N1a', pm: 'M0', grade: 'G2', margin: 'R0',
      complications: '2024-03-04|ssi_deep|IIIa',
    },
  ];
}

function csv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
}

async function workbook(rows: Record<string, string>[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GISurg';
  const ws = wb.addWorksheet('cases');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.key));
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('说明 columns');
  help.addRow(['column', '中文', 'section', 'what to enter']);
  for (const c of IMPORT_COLUMNS) help.addRow([c.key, c.zh, c.section, c.help]);
  help.getRow(1).font = { bold: true };
  help.columns = [{ width: 22 }, { width: 18 }, { width: 14 }, { width: 100 }];
  await wb.xlsx.writeFile(file);
}

/** Write docs/import/oncology-template.{csv,xlsx} (header only) and oncology-example.{csv,xlsx}. */
export async function writeTemplateFiles(dir: string): Promise<void> {
  const header = IMPORT_COLUMNS.map((c) => c.key);
  const examples = exampleRows();
  await writeFile(path.join(dir, 'oncology-template.csv'), csv([header]), 'utf8');
  await writeFile(path.join(dir, 'oncology-example.csv'), csv([header, ...examples.map((r) => header.map((k) => r[k] ?? ''))]), 'utf8');
  await workbook([], path.join(dir, 'oncology-template.xlsx'));
  await workbook(examples, path.join(dir, 'oncology-example.xlsx'));
}
