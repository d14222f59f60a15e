// The confirmation a pairing link opens: what it will set (the URL, the key masked, where the key is
// kept), Save or Cancel; after Save, the connection test's answer in the same window.
import { Modal, Setting } from 'obsidian';
import type { App } from 'obsidian';
import { renderReport } from '../settings/connection-test';
import type { ConnectionReport } from '../settings/connection-test';
import { maskKey } from './pairing-link';
import type { Pairing } from './pairing-link';

export interface PairingHost {
  /** The bridge URL set now. */
  currentUrl: string;
  /** Where a key goes: the secret's name, or null on apps that keep it in data.json. */
  secretName: string | null;
  /** Stores the pairing and saves the settings, then tests the connection. */
  save(pairing: Pairing): Promise<ConnectionReport>;
}

export class PairingModal extends Modal {
  constructor(
    app: App,
    private readonly pairing: Pairing,
    private readonly host: PairingHost,
  ) {
    super(app);
  }

  override onOpen(): void {
    const { contentEl, pairing, host } = this;
    this.setTitle('Pair with the bridge');
    new Setting(contentEl).setName('Bridge URL').setDesc(host.currentUrl === pairing.url ? pairing.url : `${pairing.url} (now ${host.currentUrl})`);
    const where = host.secretName === null ? "in data.json (this app has no secret storage)" : `in this device's secret storage as ${host.secretName}`;
    new Setting(contentEl).setName('API key').setDesc(pairing.key === null ? 'None in the link; the key set now is kept.' : `${maskKey(pairing.key)}, kept ${where}.`);
    const result = contentEl.createDiv({ cls: 'dt-doctor' });
    const buttons = new Setting(contentEl);
    buttons.addButton((button) => button.setButtonText('Cancel').onClick(() => this.close()));
    buttons.addButton((button) =>
      button
        .setButtonText('Save')
        .setCta()
        .onClick(async () => {
          buttons.settingEl.detach();
          result.setText('Saved. Testing…');
          renderReport(result, await host.save(pairing));
          new Setting(contentEl).addButton((close) => close.setButtonText('Close').onClick(() => this.close()));
        }),
    );
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
