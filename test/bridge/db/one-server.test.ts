// Which connection URLs lead to one server, so that one connection can watch all their databases.
import { describe, expect, it } from 'vitest';
import { databasesOnOneServer } from '../../../bridge/db/one-server';

describe('databases on one server', () => {
  it('names the databases of URLs with the same host and port, each once', () => {
    const at = (db: string) => `postgres://twin:secret@127.0.0.1:5433/${db}`;
    expect(databasesOnOneServer([at('autonomous_finance'), at('autonomous_training'), at('autonomous_finance')])).toEqual(['autonomous_finance', 'autonomous_training']);
    expect(databasesOnOneServer(['postgres://a@db.lan/f%C3%BCr', 'postgres://b@db.lan:5432/x'])).toEqual(['für', 'x']);
  });

  it('declines other servers, another socket folder, a URL without a database and one it cannot read', () => {
    expect(databasesOnOneServer(['postgres://a@db.lan/f', 'postgres://a@db.lan:5433/t'])).toBeNull();
    expect(databasesOnOneServer(['postgres://a@other.lan/f', 'postgres://a@db.lan/t'])).toBeNull();
    expect(databasesOnOneServer(['postgres://a@localhost/f?host=/run/a', 'postgres://a@localhost/t?host=/run/b'])).toBeNull();
    expect(databasesOnOneServer(['postgres://a@db.lan/f', 'postgres://a@db.lan'])).toBeNull();
    expect(databasesOnOneServer(['postgres://a@db.lan/f', 'not a url'])).toBeNull();
  });
});
