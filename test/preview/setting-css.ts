// Obsidian's settings rows, reduced to what the screenshots need (its app.css is not public).
export const SETTING_CSS = `
.settings-preview { display: flex; gap: 24px; padding: 16px; align-items: flex-start; }
.settings-frame { width: 720px; padding: 12px 20px; border-radius: 8px; }
.setting-item { display: flex; align-items: center; gap: 16px; padding: 12px 0; border-top: 1px solid var(--background-modifier-border); }
.setting-item:first-child { border-top: none; }
.setting-item-info { flex: 1 1 auto; }
.setting-item-name { color: var(--text-normal); font-size: var(--font-ui-medium, 15px); }
.setting-item-description { color: var(--text-muted); font-size: var(--font-ui-smaller, 13px); padding-top: 4px; }
.setting-item-control { flex: 0 0 auto; display: flex; gap: 8px; }
.setting-item-control input, .setting-item-control select, .setting-item-control button {
  background: var(--background-modifier-form-field, var(--background-primary)); color: var(--text-normal);
  border: 1px solid var(--background-modifier-border); border-radius: 4px; padding: 4px 8px; font: inherit; }
.checkbox-container { width: 40px; height: 22px; border-radius: 11px; background: var(--text-faint); position: relative; }
.checkbox-container::after { content: ''; position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%; background: var(--background-primary); }
.checkbox-container.is-enabled { background: var(--interactive-accent); }
.checkbox-container.is-enabled::after { left: 21px; }
`;
