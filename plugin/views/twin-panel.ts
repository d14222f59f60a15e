// The twin panel: a sidebar view that shows the plugin's TwinStore. It holds no data of its own; the
// plugin asks it to render after every change (found through the workspace, never kept).
import { ItemView } from 'obsidian';
import type { WorkspaceLeaf } from 'obsidian';
import type { TwinStore } from '../twin/twin-store';
import { renderTwinPanel } from './twin-panel-render';
import { addInsightsToPanel } from './insights-section';
import type { InsightsStore } from './insights-store';

export const VIEW_TYPE_TWIN_PANEL = 'digital-twin-panel';

export interface TwinPanelHost {
  store: TwinStore;
  /** The Insights section's data; the section is left out without it. */
  insights?: InsightsStore;
  now(): Date;
}

export class TwinPanelView extends ItemView {
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
    this.addAction('refresh-cw', 'Refresh', () => {
      void this.host.store.refresh();
      void this.host.insights?.refresh();
    });
    this.render();
    if (this.host.store.snapshot.status === null && !this.host.store.snapshot.loading) void this.host.store.refresh();
  }

  render(): void {
    renderTwinPanel(this.contentEl, this.host.store.snapshot, this.host.now());
    if (this.host.insights) addInsightsToPanel(this.contentEl, this.host.insights, this.host.now());
  }

  override async onClose(): Promise<void> {
    this.contentEl.empty();
  }
}
