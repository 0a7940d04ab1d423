export {
  peritonealCancerIndex,
  lesionSizeScore,
  pciEligibility,
  PCI_INDICATIONS,
  DEFAULT_PCI_POLICY,
  type LesionSizeScore,
  type LesionSizeOptions,
  type PciResult,
  type PciIndication,
  type PciPolicy,
  type PciFlag,
  type PciFlagCode,
  type PciEligibility,
} from './pci.js';
export { completenessOfCytoreduction, isCompleteCytoreduction, CC_SCORES, type CcScore, type CcOptions } from './cc.js';
export {
  hipecDose,
  HIPEC_DRUG_OPTIONS,
  HIPEC_REGIMENS,
  type HipecDoseBasis,
  type HipecDoseInput,
  type HipecDoseResult,
  type HipecFractionInput,
} from './hipec.js';
export { bodySurfaceArea, BSA_LIMITS, type BsaFormula } from './bsa.js';
