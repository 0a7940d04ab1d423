import { useTranslation } from 'react-i18next';

export type Lang = 'zh' | 'en';

/** The language of the option labels of @gisurg/clinical (zh / en). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}
