// A reader for the XML property lists launchd loads (plutil is macOS-only): dict, array, key,
// string, integer, true and false, with XML's five entities. Anything else is an error, so a plist
// this reads is one launchd reads.
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(\w+);/g, (m, name: string) => {
    const v = ENTITIES[name];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });

export function parsePlist(xml: string): PlistValue {
  const body = xml
    .replace(/^<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN" "http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd">/, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const tokens = [...body.matchAll(/<(\/?)(\w+)(?:\s+[^>]*?)?(\/?)>|([^<]+)/g)];
  let at = 0;
  const next = () => {
    const t = tokens[at++];
    if (!t) throw new Error('unexpected end of plist');
    return t;
  };
  const skipSpace = () => {
    while (tokens[at]?.[4] !== undefined && tokens[at][4].trim() === '') at++;
  };
  const text = (tag: string): string => {
    let out = '';
    while (tokens[at]?.[4] !== undefined) out += next()[4];
    const close = next();
    if (close[1] !== '/' || close[2] !== tag) throw new Error(`expected </${tag}>`);
    return decode(out);
  };
  const value = (): PlistValue => {
    skipSpace();
    const [, closing, tag, selfClosing] = next();
    if (closing) throw new Error(`unexpected </${tag}>`);
    if (tag === 'true' || tag === 'false') {
      if (!selfClosing) throw new Error(`<${tag}> must be empty`);
      return tag === 'true';
    }
    if (tag === 'string') return text('string');
    if (tag === 'integer') {
      const t = text('integer');
      if (!/^-?\d+$/.test(t)) throw new Error(`not an integer: ${t}`);
      return Number(t);
    }
    if (tag === 'array' || tag === 'dict' || tag === 'plist') {
      const items: PlistValue[] = [];
      const dict: Record<string, PlistValue> = {};
      for (;;) {
        skipSpace();
        const t = tokens[at];
        if (t?.[1] === '/' && t[2] === tag) break;
        if (tag === 'dict') {
          const k = next();
          if (k[2] !== 'key' || k[1]) throw new Error('expected <key> in <dict>');
          const key = text('key');
          if (key in dict) throw new Error(`duplicate key ${key}`);
          dict[key] = value();
        } else items.push(value());
      }
      at++;
      if (tag === 'plist') {
        if (items.length !== 1) throw new Error('<plist> holds exactly one value');
        return items[0];
      }
      return tag === 'dict' ? dict : items;
    }
    throw new Error(`unknown plist element <${tag}>`);
  };
  const root = value();
  skipSpace();
  if (at !== tokens.length) throw new Error('content after </plist>');
  return root;
}
