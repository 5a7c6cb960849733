/** Types and lookup of the dashboard's translated strings. */
import type { id } from './id.ts';

/** A key of the dashboard's dictionaries (the keys of the Indonesian dictionary). */
export type MessageKey = keyof typeof id;

/** A complete dictionary: every key of the Indonesian one, each with a string. */
export type Messages = { readonly [K in MessageKey]: string };

/** Languages the dashboard speaks, as BCP 47 tags (also used for `<html lang>`). */
export const LANGUAGES = ['id', 'en'] as const;

/** A language the dashboard speaks: `id` (Bahasa Indonesia, the default) or `en`. */
export type Language = (typeof LANGUAGES)[number];

/** The language used when neither the URL nor the browser's storage names one. */
export const DEFAULT_LANGUAGE: Language = 'id';

/** Whether a string is one of the dashboard's language tags. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Values filled into `{name}` placeholders of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up a message and fills its `{name}` placeholders; unknown placeholders are left as written. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Fills `{name}` placeholders in a template from `params`. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Builds a translate function over one dictionary. */
export function translator(messages: Messages): Translate {
  return (key, params) => formatMessage(messages[key], params);
}
