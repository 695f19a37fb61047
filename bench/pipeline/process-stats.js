'use strict';
// Preloaded into each Human process (node -r process-stats.js bench.js ...): as the process exits it writes
// its peak resident memory, its whole life time and the load average at its start to $BENCH_PROCESS_STATS,
// so Human's side is measured like FaceAccord's without changing the peer harness.
const fs = require('fs');
const os = require('os');

const target = process.env.BENCH_PROCESS_STATS;
const loadAverageAtStart = os.loadavg()[0];
if (target) {
  process.on('exit', () => {
    const stats = { maxRssKiB: process.resourceUsage().maxRSS, uptimeSeconds: process.uptime(), loadAverageAtStart };
    fs.writeFileSync(target, JSON.stringify(stats) + '\n');
  });
}
