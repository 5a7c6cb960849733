/**
 * Entry point: builds the store from the URL, keeps the URL in step, asks the server about itself, its releases,
 * analyses, venues and interventions, renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { followAnalyses } from './app/followAnalyses.ts';
import { followPoints } from './app/followPoints.ts';
import { followReleases } from './app/followReleases.ts';
import { loadServerState } from './app/loadServerState.ts';
import { StoreContext } from './app/StoreContext.ts';
import { translate } from './i18n/index.ts';
import { createAppStore } from './store/index.ts';
import { readInitialFiltersFromPage, readInitialViewFromPage, syncViewToPage } from './store/viewUrl.ts';
import './styles.css';

const store = createAppStore(readInitialViewFromPage(), readInitialFiltersFromPage());
syncViewToPage(store, (language) => translate(language)('app.documentTitle'));
void loadServerState(store);
followReleases(store);
followAnalyses(store);
followPoints(store);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <StoreContext value={store}>
      <App />
    </StoreContext>
  </StrictMode>,
);
