import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const LOCALE_STORAGE_KEY = 'zhifa.locale';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export type TranslateVars = Record<string, string | number | null | undefined>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

/** Look a key up and fill `{name}` placeholders. Pure, so it is usable outside React too. */
export function translate(locale: Locale, key: MessageKey, vars?: TranslateVars): string {
  const template = dictionaries[locale][key] ?? zhCN[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? m : String(v);
  });
}

export function readStoredLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (v === 'zh-CN' || v === 'en-US') return v;
  } catch {
    /* storage unavailable (privacy mode): fall back to the default */
  }
  return 'zh-CN';
}

function applyLocale(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale ?? readStoredLocale();
    applyLocale(l);
    return l;
  });
  useEffect(() => applyLocale(locale), [locale]);
  const setLocale = useCallback((l: Locale) => {
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    applyLocale(l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useT/useLocale must be used inside <I18nProvider>');
  return v;
}

/** The translate function of the current locale. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale: (l: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** Picks the label of the current locale from a domain `{ zh, en }` label. */
export function useLabel(): (l: Bilingual | undefined | null, fallback?: string) => string {
  const { locale } = useI18n();
  return useCallback((l, fallback = '') => (l ? (locale === 'en-US' ? l.en : l.zh) : fallback), [locale]);
}
