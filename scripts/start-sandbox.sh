#!/bin/sh
# `npm start`: the compiled server, tuned for a small memory footprint (the sandbox on a laptop).
# - The C allocator returns large blocks and freed memory to the system at once instead of keeping
#   them for reuse: fixed thresholds stop glibc raising them after the start-up's big allocations
#   (the WebAssembly compilation of PGlite, argon2 hashing), whose freed space otherwise stays resident.
# - One V8 helper thread instead of four: each thread's allocator arena keeps its own memory, and a
#   2-core machine runs no more than one helper beside the main thread anyway.
# Together about 50 MB less at idle (BENCHMARKS.md, "Memory"). Production starts with
# `npm run start:prod` (plain defaults) and sets what it wants in its unit or image.
export MALLOC_MMAP_THRESHOLD_=131072
export MALLOC_TRIM_THRESHOLD_=131072
exec node --v8-pool-size=1 --enable-source-maps dist/server/main.js "$@"
