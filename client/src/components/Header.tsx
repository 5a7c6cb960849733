/** The top bar: the product's name, the synthetic-data marker, the language switch and who is signed in. */
import { useT } from '../app/StoreContext.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SessionStatus } from './SessionStatus.tsx';
import { SyntheticDataBadge } from './SyntheticDataBadge.tsx';

/** The dashboard's header. */
export function Header() {
  const t = useT();
  return (
    <header className="header">
      <div className="header__brand">
        <svg className="header__logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Z" fill="currentColor" />
          <circle cx="12" cy="9" r="2.6" fill="#fff" />
        </svg>
        <div className="header__titles">
          <h1 className="header__title">{t('app.title')}</h1>
          <p className="header__tagline">{t('app.tagline')}</p>
        </div>
        <SyntheticDataBadge />
      </div>
      <div className="header__tools">
        <LanguageSwitch />
        <SessionStatus />
      </div>
    </header>
  );
}
