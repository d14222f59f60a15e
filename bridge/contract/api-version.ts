// The version of the HTTP contract (the shapes in this folder), answered as `api_version` by
// /status and /health/live so that a client can tell what the bridge it talks to understands. It
// follows semver and only grows: a new field or endpoint raises the minor number; a shape removed or
// changed in meaning would raise the major one, which the contract avoids. The bridge's own release
// is `version` (package.json), which moves for fixes that leave the contract as it is.
export const API_VERSION = '1.1.0';
