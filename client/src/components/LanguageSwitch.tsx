/** A two-button switch between Bahasa Indonesia and English. */
import { useAppState, useT } from '../app/StoreContext.ts';
import { LANGUAGES } from '../i18n/index.ts';

/** Language switch; the pressed button is the current language. */
export function LanguageSwitch() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const languageChosen = useAppState((state) => state.languageChosen);
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          className="segmented__option"
          lang={option}
          aria-pressed={language === option}
          title={t(option === 'id' ? 'language.id' : 'language.en')}
          onClick={() => languageChosen(option)}
        >
          {/* The visible code starts the accessible name ("EN English"), so speech input can say what it sees. */}
          {option.toUpperCase()}
          <span className="visually-hidden"> {t(option === 'id' ? 'language.id' : 'language.en')}</span>
        </button>
      ))}
    </div>
  );
}
