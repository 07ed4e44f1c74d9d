// Node.js flags the backend runs with, wherever it is started (npm start,
// npm run start:backend, the benchmark, the e2e suites' built backend;
// backend/Dockerfile repeats them, and production-image.e2e-spec.ts checks it).
// Its live heap is ~30-50 MB; without a limit V8 lets garbage promoted under
// load grow the old space to ~130 MB before collecting, and RSS past 240 MB.
// 160 MB leaves three times the live heap and keeps RSS under load below 200 MB.
// No allocation-site pretenuring: while requests wait on PostgreSQL, objects
// allocated for each request outlive a young-generation collection; V8 then
// allocates them in the old generation from then on, and kept that decision
// when they died young again (--trace-pretenuring), so every later request's
// garbage needed a full collection (bench/README.md, "What made the difference").
export const BACKEND_NODE_FLAGS = ['--max-old-space-size=160', '--no-allocation-site-pretenuring'];
