// Many requests are answered from one computed value (a state, a cached history page): each
// endpoint's JSON body for it is built and serialised once, then sent as it is.
const bodies = new WeakMap<object, Map<string, string>>();

export function bodyOnce(source: object, endpoint: string, build: () => object): string {
  let perSource = bodies.get(source);
  if (!perSource) {
    perSource = new Map();
    bodies.set(source, perSource);
  }
  let json = perSource.get(endpoint);
  if (json === undefined) {
    json = JSON.stringify(build());
    perSource.set(endpoint, json);
  }
  return json;
}

/** A serialised object body with `date` (the day a request asked for) first; unchanged without one. */
export function withDate(json: string, day: { date: string } | null): string {
  return day ? `{"date":${JSON.stringify(day.date)},${json.slice(1)}` : json;
}
