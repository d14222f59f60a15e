// The bridge's house: no circle between files, and none between rooms (the folders under bridge/),
// so that every import runs down a floor; and SQL written only where its database's door is.
import { describe, expect, it } from 'vitest';
import { circles, fileGraph, readSource, roomGraph, roomOf, sourceFiles } from './import-graph';

// A statement, not a word in a sentence: the keywords with what must follow them in SQL.
const SQL = /\b(SELECT\s[\s\S]{0,400}?\bFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|SCHEMA|UNIQUE\s+INDEX|EXTENSION|OR\s+REPLACE)|ALTER\s+TABLE\s|DROP\s+(TABLE|SCHEMA|INDEX)\s)/;
/** Where SQL may be written: a database's repository, the database layer (schemas, migrations), the demo's seeding. */
const SQL_HOMES = [/-repository\.ts$/, /^bridge\/db\//, /^bridge\/demo\//];

describe('the bridge import graph', () => {
  const files = fileGraph();

  it('is read from every source file', () => {
    expect(files.size).toBeGreaterThan(100);
    expect([...files.values()].flat().length).toBeGreaterThan(300);
  });

  it('has no circle between files', () => {
    expect(circles(files)).toEqual([]);
  });

  it('has no circle between rooms: every import runs down a floor', () => {
    const rooms = roomGraph(files);
    const found = circles(rooms).map((c) => c.sort());
    // Name the imports that close each circle, so a failure says what to move.
    const ties = found.map((c) =>
      [...files].flatMap(([f, ts]) => ts.filter((t) => c.includes(roomOf(f)) && c.includes(roomOf(t)) && roomOf(f) !== roomOf(t)).map((t) => `${f} → ${t}`)),
    );
    expect(ties).toEqual([]);
  });
});

describe('SQL', () => {
  it('is written only in the repositories, the database layer and the demo seeding', () => {
    const outside = sourceFiles().filter((f) => !SQL_HOMES.some((home) => home.test(f)) && SQL.test(readSource(f)));
    expect(outside).toEqual([]);
  });
});
