// Stand-in for the `server-only` marker package in tests (they run on the server side anyway).
export {};
