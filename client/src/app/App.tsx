/** The dashboard's page: header, map filling the screen, and the side panel later issues fill. */
import { Header } from '../components/Header.tsx';
import { MapView } from '../components/MapView.tsx';
import { PrintSummary } from '../components/PrintSummary.tsx';
import { ServerStatusBanner } from '../components/ServerStatusBanner.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { useT } from './StoreContext.ts';

/** The whole dashboard. */
export function App() {
  const t = useT();
  return (
    <div className="app">
      <a className="skip-link" href="#map">
        {t('app.skipToMap')}
      </a>
      <Header />
      <ServerStatusBanner />
      <PrintSummary />
      <main className="workspace">
        <MapView />
        <SidePanel />
      </main>
    </div>
  );
}
