import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGUAGES, formatMessage, translate } from './index.ts';

describe('i18n dictionaries', () => {
  const reference = Object.keys(DICTIONARIES.id).sort();

  it.each(LANGUAGES)('%s has exactly the keys of the Indonesian dictionary', (language) => {
    expect(Object.keys(DICTIONARIES[language]).sort()).toEqual(reference);
  });

  it.each(LANGUAGES)('%s has no empty strings', (language) => {
    const empty = Object.entries(DICTIONARIES[language]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as Indonesian', (language) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of reference) {
      const k = key as keyof typeof DICTIONARIES.id;
      expect(placeholders(DICTIONARIES[language][k]), key).toEqual(placeholders(DICTIONARIES.id[k]));
    }
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(formatMessage('Masuk sebagai {username} ({x})', { username: 'ngo' })).toBe(
      'Masuk sebagai ngo ({x})',
    );
    expect(translate('en')('session.signedInAs', { username: 'satgas' })).toBe('Signed in as satgas');
  });
});
