// Whether connection URLs lead to one PostgreSQL server (the embedded one always does; a person's
// three databases often do): then one connection can read what happens in all of them.

function serverOf(url: string): { server: string; database: string } | null {
  try {
    const u = new URL(url);
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database) return null;
    // A socket folder given as ?host= names the server as much as a host name does.
    const server = [u.hostname, u.port || '5432', u.searchParams.get('host') ?? ''].join('|');
    return { server, database };
  } catch {
    return null;
  }
}

/** The database names of `urls` when they all name their database and lead to the same server; else null. */
export function databasesOnOneServer(urls: readonly string[]): string[] | null {
  const parsed = urls.map(serverOf);
  if (parsed.some((p) => p === null)) return null;
  const servers = new Set(parsed.map((p) => p!.server));
  return servers.size === 1 ? [...new Set(parsed.map((p) => p!.database))] : null;
}
