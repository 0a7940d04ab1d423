import type { StageTable } from './types.js';

/**
 * Stomach (ICD-O C16.x), AJCC Cancer Staging Manual 8th ed., chapter 17. Tables as in
 * clinical-rules.md §5.1, cross-checked with the VA Oncology package "AJCC 8th Ed Automatic Staging
 * Tables" (VistA ONCSGA8A.m, label 17) and the NHS TNM staging sheet (UICC TNM, same groupings).
 * EGJ tumours with epicentre <= 2 cm into the stomach are staged as oesophagus (not here).
 * Each of c, p and yp has its own table.
 */

const T = {
  TX: [],
  T0: ['T0'],
  Tis: ['Tis'],
  T1: ['T1'],
  T1a: ['T1'],
  T1b: ['T1'],
  T2: ['T2'],
  T3: ['T3'],
  T4: ['T4a', 'T4b'],
  T4a: ['T4a'],
  T4b: ['T4b'],
};
const M = { MX: [], M0: ['M0'], M1: ['M1'] };

/** cTNM and ypTNM do not subdivide N3: N3a/N3b -> N3 (clinical-rules.md §5, general encoding rules). */
const N_UNSPLIT = { NX: [], N0: ['N0'], N1: ['N1'], N2: ['N2'], N3: ['N3'], N3a: ['N3'], N3b: ['N3'] };

/** AJCC 8 stomach, clinical stage groups (cTNM). */
export const STOMACH_CLINICAL: StageTable = {
  source: 'AJCC 8th ed. ch. 17 stomach, clinical (cTNM) stage groups; VistA ONCSGA8A label 17 STGIND C',
  categories: { T, N: N_UNSPLIT, M },
  nColumns: ['N0', 'N1', 'N2', 'N3'],
  m0: {
    Tis: ['0', null, null, null],
    T1: ['I', 'IIA', 'IIA', 'IIA'],
    T2: ['I', 'IIA', 'IIA', 'IIA'],
    T3: ['IIB', 'III', 'III', 'III'],
    T4a: ['IIB', 'III', 'III', 'III'],
    T4b: ['IVA', 'IVA', 'IVA', 'IVA'],
  },
  m1: { M1: 'IVB' },
};

/**
 * AJCC 8 stomach, pathological stage groups (pTNM). New in the 8th edition: T4aN2 and T4bN0 are IIIA
 * (AJCC 8 summary of changes). pN3 is split: N3a 7–15, N3b >= 16 nodes; a bare N3 is resolved only
 * where N3a and N3b give the same stage.
 */
export const STOMACH_PATHOLOGICAL: StageTable = {
  source: 'AJCC 8th ed. ch. 17 stomach, pathological (pTNM) stage groups; VistA ONCSGA8A label 17 STGIND P',
  categories: { T, N: { NX: [], N0: ['N0'], N1: ['N1'], N2: ['N2'], N3: ['N3a', 'N3b'], N3a: ['N3a'], N3b: ['N3b'] }, M },
  nColumns: ['N0', 'N1', 'N2', 'N3a', 'N3b'],
  m0: {
    Tis: ['0', null, null, null, null],
    T1: ['IA', 'IB', 'IIA', 'IIB', 'IIIB'],
    T2: ['IB', 'IIA', 'IIB', 'IIIA', 'IIIB'],
    T3: ['IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC'],
    T4a: ['IIB', 'IIIA', 'IIIA', 'IIIB', 'IIIC'],
    T4b: ['IIIA', 'IIIB', 'IIIB', 'IIIC', 'IIIC'],
  },
  m1: { M1: 'IV' },
};

/**
 * AJCC 8 stomach, post-neoadjuvant pathological stage groups (ypTNM), I–IV only, N3 not split.
 * Sources disagree: the AJCC change summary says the yp groupings are "the same as pTNM"; the VistA
 * table (used here, clinical-rules.md §5.1) is not a collapse of pTNM (ypT1N3 -> II, pT1N3b -> IIIB).
 * ypT0 and ypTis are not in the table: stage 'unknown' (record pCR separately).
 */
export const STOMACH_POST_NEOADJUVANT: StageTable = {
  source: 'AJCC 8th ed. ch. 17 stomach, post-neoadjuvant (ypTNM) stage groups; VistA ONCSGA8A label 17 STGIND PT',
  categories: { T, N: N_UNSPLIT, M },
  nColumns: ['N0', 'N1', 'N2', 'N3'],
  m0: {
    T1: ['I', 'I', 'II', 'II'],
    T2: ['I', 'II', 'II', 'III'],
    T3: ['II', 'II', 'III', 'III'],
    T4a: ['II', 'III', 'III', 'III'],
    T4b: ['III', 'III', 'III', 'III'],
  },
  m1: { M1: 'IV' },
};
