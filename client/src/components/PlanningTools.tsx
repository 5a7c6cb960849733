/**
 * The planning tools of the side panel, one tab each: banner and CCTV placement, the patrol plan (task force and
 * admins), outreach priorities and interventions (every signed-in tier). Nothing for the public.
 */
import type { Role } from '@titik-rawan/shared/codes';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import { CoverageCheck } from './CoverageCheck.tsx';
import { InterventionsTool } from './InterventionsTool.tsx';
import { OutreachPriorities } from './OutreachPriorities.tsx';
import { PatrolPlanner } from './PatrolPlanner.tsx';
import { PlacementPlanner } from './PlacementPlanner.tsx';

interface PlanningTool {
  readonly id: string;
  readonly label: MessageKey;
  readonly roles: readonly Role[];
  readonly render: () => ReactNode;
}

/** The tools in tab order, each with the roles that may use it. */
const TOOLS: readonly PlanningTool[] = [
  {
    id: 'placement',
    label: 'planning.placement',
    roles: ['satgas', 'admin'],
    render: () => <PlacementPlanner />,
  },
  { id: 'patrol', label: 'planning.patrol', roles: ['satgas', 'admin'], render: () => <PatrolPlanner /> },
  {
    // Before every other tool NGOs may use, so that it is their first tab.
    id: 'outreach',
    label: 'planning.outreach',
    roles: ['ngo', 'satgas', 'admin'],
    render: () => <OutreachPriorities />,
  },
  {
    id: 'coverage',
    label: 'planning.coverage',
    roles: ['satgas', 'admin', 'ngo'],
    render: () => <CoverageCheck />,
  },
  {
    id: 'interventions',
    label: 'planning.interventions',
    roles: ['ngo', 'satgas', 'admin'],
    render: () => <InterventionsTool />,
  },
];

/** The planning section: a tab per tool the signed-in role may use. */
export function PlanningTools() {
  const t = useT();
  const role = useAppState((state) => (state.session.status === 'signedIn' ? state.session.user.role : null));
  const [chosen, setChosen] = useState<string | null>(null);
  const baseId = useId();
  const tools = role ? TOOLS.filter((tool) => tool.roles.includes(role)) : [];
  const first = tools[0];
  if (!first) return null;
  const current = tools.find((tool) => tool.id === chosen) ?? first;
  const tabId = (tool: PlanningTool) => `${baseId}-tab-${tool.id}`;
  const panelId = (tool: PlanningTool) => `${baseId}-panel-${tool.id}`;
  const moveWithArrows = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = tools[(tools.indexOf(current) + step + tools.length) % tools.length] ?? first;
    setChosen(next.id);
    document.getElementById(tabId(next))?.focus();
  };

  return (
    <section
      className="panel__section planning"
      aria-labelledby={`${baseId}-title`}
      data-testid="planning-tools"
    >
      <h2 id={`${baseId}-title`} className="panel__heading">
        {t('planning.title')}
      </h2>
      <div
        className="planning__tabs"
        role="tablist"
        aria-labelledby={`${baseId}-title`}
        onKeyDown={moveWithArrows}
      >
        {tools.map((tool) => (
          <button
            key={tool.id}
            id={tabId(tool)}
            type="button"
            role="tab"
            className="planning__tab"
            aria-selected={tool === current}
            aria-controls={panelId(tool)}
            tabIndex={tool === current ? 0 : -1}
            onClick={() => setChosen(tool.id)}
            data-testid={`planning-tab-${tool.id}`}
          >
            {t(tool.label)}
          </button>
        ))}
      </div>
      <div id={panelId(current)} role="tabpanel" aria-labelledby={tabId(current)} className="planning__panel">
        {current.render()}
      </div>
    </section>
  );
}
