/** The dashboard's dictionaries and translation helpers, by language. */
import { en } from './en.ts';
import { id } from './id.ts';
import { translator, type Language, type Messages, type Translate } from './messages.ts';

export {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  formatMessage,
  isLanguage,
  type Language,
  type MessageKey,
  type MessageParams,
  type Messages,
  type Translate,
} from './messages.ts';

/** Every dictionary by language tag. */
export const DICTIONARIES: Readonly<Record<Language, Messages>> = { id, en };

const translators: Readonly<Record<Language, Translate>> = { id: translator(id), en: translator(en) };

/** The translate function of a language. */
export function translate(language: Language): Translate {
  return translators[language];
}
