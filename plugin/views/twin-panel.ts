// The twin panel: a sidebar view that shows the plugin's TwinStore. It holds no data of its own; the
// plugin asks it to render after every change (found through the workspace, never kept).
import { ItemView, requireApiVersion } from 'obsidian';
import type { App, WorkspaceLeaf } from 'obsidian';
import type { ConnectionReport } from '../settings/connection-test';
import type { TwinStore } from '../twin/twin-store';
import { isFirstRun, renderFirstRun } from './first-run';
import { renderTwinPanel } from './twin-panel-render';
import { addInsightsToPanel } from './insights-section';
import type { InsightsStore } from './insights-store';

export const VIEW_TYPE_TWIN_PANEL = 'digital-twin-panel';

export interface TwinPanelHost {
  store: TwinStore;
  /** The Insights section's data; the section is left out without it. */
  insights?: InsightsStore;
  now(): Date;
  /** The bridge URL and whether any bridge ever answered (no first-run screen then); absent in previews. */
  connection?: () => { url: string; answered: boolean };
  testConnection?: () => Promise<ConnectionReport>;
}

export class TwinPanelView extends ItemView {
  /** The first-run screen's last connection test (kept across the renders that test causes). */
  private report: ConnectionReport | 'testing' | null = null;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly host: TwinPanelHost,
  ) {
    super(leaf);
  }

  override getViewType(): string {
    return VIEW_TYPE_TWIN_PANEL;
  }

  override getDisplayText(): string {
    return 'Digital twin';
  }

  override getIcon(): string {
    return 'activity';
  }

  override async onOpen(): Promise<void> {
    const { store, insights } = this.host;
    this.addAction('refresh-cw', 'Refresh', () => {
      void store.refresh();
      void insights?.refresh();
    });
    this.render();
    if (store.snapshot.status === null && !store.snapshot.loading) void store.refresh();
  }

  render(): void {
    const { connection, testConnection, store, insights } = this.host;
    const conn = connection?.();
    if (conn && testConnection && isFirstRun(store.snapshot, conn.answered)) {
      renderFirstRun(this.contentEl, {
        url: conn.url,
        report: this.report,
        test: () => {
          this.report = 'testing';
          this.render();
          void testConnection().then((report) => {
            this.report = report;
            this.render();
          });
        },
      });
      return;
    }
    renderTwinPanel(this.contentEl, store.snapshot, this.host.now());
    if (insights) addInsightsToPanel(this.contentEl, insights, this.host.now());
  }

  override async onClose(): Promise<void> {
    this.contentEl.empty();
  }
}

/**
 * Whether a twin panel is really displayed: a deferred leaf (1.7.2+: restored but not yet shown, its
 * view a placeholder) and a panel in a collapsed sidebar do not count.
 */
export function twinPanelShown(app: App): boolean {
  return app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL).some((leaf) => {
    if (requireApiVersion('1.7.2') && leaf.isDeferred) return false;
    return leaf.view instanceof TwinPanelView && leaf.view.containerEl.isShown();
  });
}

/** Draws every open twin panel again (after the store changed). */
export function renderTwinPanels(app: App): void {
  for (const leaf of app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)) {
    if (leaf.view instanceof TwinPanelView) leaf.view.render();
  }
}
