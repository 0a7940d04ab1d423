import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { clinicalMessages, nestClinicalMessages } from '@gisurg/clinical';
import zhCN from '../i18n/zh-CN.json';
import en from '../i18n/en.json';

/**
 * Each feature keeps its own texts in `features/<feature>/i18n/{zh-CN,en}.json` (top-level key = the
 * feature's namespace, e.g. `{ "ward": { … } }`); they are merged over the shell's catalogs here.
 */
type Catalog = Record<string, unknown>;
const featureCatalogs = import.meta.glob<Catalog>('../features/*/i18n/*.json', { eager: true, import: 'default' });
function featureTexts(locale: 'zh-CN' | 'en'): Catalog {
  return Object.entries(featureCatalogs)
    .filter(([file]) => file.endsWith(`/${locale}.json`))
    .reduce<Catalog>((acc, [, catalog]) => ({ ...acc, ...catalog }), {});
}
import { setApiLocale } from './api';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'gisurg.locale';

/** Chinese first: zh-CN unless the user chose English before (remembered in this browser). */
export function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN';
}

function applyLocale(locale: Locale): void {
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  // The server reads this cookie for the language of its messages (no personal data in it).
  document.cookie = `gisurg_locale=${locale}; path=/; SameSite=Lax; max-age=31536000`;
}

export function setLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage unavailable */
  }
  applyLocale(locale);
  void i18n.changeLanguage(locale);
}

const start = initialLocale();
applyLocale(start);

void i18n.use(initReactI18next).init({
  resources: {
    // Clinical rule texts come from @gisurg/clinical (same texts the server sends), under `clinical.*`.
    'zh-CN': { translation: { ...zhCN, ...featureTexts('zh-CN'), ...nestClinicalMessages(clinicalMessages['zh-CN']) } },
    en: { translation: { ...en, ...featureTexts('en'), ...nestClinicalMessages(clinicalMessages.en) } },
  },
  lng: start,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
