// What one setting declares: the variable and the flag that set it, the parse of their text, its
// default and what it means. A table of declarations, keyed like the configuration it fills, gives the
// parse, the configuration's type, `--help` and the table of docs/configuration.md.
import { z } from 'zod';
import { boolText } from './setting-parsers';

/** A default that is no text to parse: nothing at all, or a value that depends on the machine. */
export interface DescribedDefault<D> {
  /** Markdown: the docs show it as is, --help as plain text. */
  shown: string;
  value: () => D;
}

export interface Setting<P, D = never> {
  env: string;
  flag: string;
  /** Parses the text of the variable, of the flag or of the line in .env. */
  parse: z.ZodType<P, string>;
  /** The text used when nothing sets it, parsed like any other (and shown as is), or a described default. */
  default: string | DescribedDefault<D>;
  /** What it does, in Markdown: the docs show it as is, --help as plain text. */
  help: string;
  /** Never echoed: a refusal shows (hidden) instead of the value. */
  secret?: boolean;
}

export const setting = <P, D = never>(s: Setting<P, D>): Setting<P, D> => s;
export const described = <D>(shown: string, value: () => D): DescribedDefault<D> => ({ shown, value });
export const unset = (shown: string): DescribedDefault<null> => described(shown, () => null);

/** Settings keyed by the configuration key each fills; a nested table fills a group of keys. */
export interface SettingsTable {
  [key: string]: Setting<unknown, unknown> | SettingsTable;
}

/** The values a table gives: each setting's parsed text or its default. */
export type TableValues<T> = {
  [K in keyof T]: T[K] extends Setting<infer P, infer D> ? P | D : TableValues<T[K]>;
};

/** One setting of a table, with its place in it and its texts as --help and the docs show them. */
export interface ListedSetting {
  env: string;
  flag: string;
  /** The keys leading to its value, e.g. ['embedded', 'port']. */
  path: string[];
  /** A flag without a value: true when given. */
  boolean: boolean;
  secret: boolean;
  help: string;
  helpMarkdown: string;
  defaultText: string;
  defaultMarkdown: string;
  /** The parse of its text with the default applied when nothing sets it. */
  field: z.ZodType<unknown, string | undefined>;
}

const isSetting = (node: Setting<unknown, unknown> | SettingsTable): node is Setting<unknown, unknown> => node.parse instanceof z.ZodType;

/** Markdown as a terminal shows it: code without backticks, a link as its text and its page in docs/. */
const plainText = (markdown: string) => markdown.replace(/\[([^\]]+)\]\(([^)#]+)[^)]*\)/g, '$1 (docs/$2)').replace(/`/g, '');

function listed(s: Setting<unknown, unknown>, path: string[]): ListedSetting {
  const d = s.default;
  const defaultMarkdown = typeof d === 'string' ? `\`${d}\`` : d.shown;
  return {
    env: s.env,
    flag: s.flag,
    path,
    // A boolean setting is a switch on the command line.
    boolean: s.parse === boolText,
    secret: s.secret ?? false,
    help: plainText(s.help),
    helpMarkdown: s.help,
    defaultText: plainText(defaultMarkdown),
    defaultMarkdown,
    field: typeof d === 'string' ? s.parse.prefault(d) : s.parse.optional().transform((v) => (v === undefined ? d.value() : v)),
  };
}

/** Every setting of a table, in its order. */
export function listSettings(table: SettingsTable, path: string[] = []): ListedSetting[] {
  return Object.entries(table).flatMap(([key, node]) => (isSetting(node) ? [listed(node, [...path, key])] : listSettings(node, [...path, key])));
}

/** The values of a table's settings, placed by key, from the parsed values named by variable. */
export function placeValues<T extends SettingsTable>(table: T, byEnv: Record<string, unknown>): TableValues<T> {
  const entries = Object.entries(table).map(([key, node]) => [key, isSetting(node) ? byEnv[node.env] : placeValues(node, byEnv)]);
  return Object.fromEntries(entries) as TableValues<T>;
}
