#!/usr/bin/env node
// Reads a scripts/bench log and prints the window, size and latency figures against their targets
// (issue #7): start ≤ 1.25 × the bare window, idle memory ≤ bare + 60 MB, .deb ≤ 12 MB,
// Charge → QR ≤ 2 × latency + 50 ms.

import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
const lines = text.split("\n");
const mark = (ok) => (ok ? "met" : "MISSED");

const summaries = {};
for (const line of lines) {
  const m = /^SUMMARY-(\w+) (\{.*\})$/.exec(line.trim());
  if (m) summaries[m[1]] = JSON.parse(m[2]);
}
const sizes = {};
for (const line of lines) {
  const m = /^SIZE (.+?) ([\d.]+) MiB/.exec(line.trim());
  if (m) sizes[m[1]] = Number(m[2]);
}

const out = [];
const { bare, app, demo } = summaries;
const loaded = summaries["100k"];
if (bare && app) {
  const ratio = app.startMsMedian / bare.startMsMedian;
  out.push(`start-up (median of ${app.runs}): app ${app.startMsMedian} ms, bare ${bare.startMsMedian} ms, ratio ${ratio.toFixed(2)} (target ≤ 1.25: ${mark(ratio <= 1.25)})`);
  out.push(`  as the processes report it: app ${app.reportedMsMedian} ms, bare ${bare.reportedMsMedian} ms`);
  const extra = app.rssMiBMedian - bare.rssMiBMedian;
  out.push(`memory after 5 s idle: app ${app.rssMiBMedian} MiB, bare ${bare.rssMiBMedian} MiB, +${extra} MiB (target ≤ +60: ${mark(extra <= 60)})`);
}
if (demo) out.push(`demo shop (300 escrows): first sync done at ${demo.untilMsMedian} ms, memory 5 s later ${demo.rssMiBMedian} MiB`);
if (loaded) out.push(`100,000 escrows in the book: start ${loaded.startMsMedian} ms, sync done at ${loaded.untilMsMedian} ms, memory 5 s later ${loaded.rssMiBMedian} MiB`);
for (const [name, mib] of Object.entries(sizes)) {
  const target = name === "deb" ? ` (target ≤ 12 MB = ${(12e6 / 1048576).toFixed(1)} MiB: ${mark(mib * 1048576 <= 12e6)})` : "";
  out.push(`size ${name}: ${mib} MiB${target}`);
}
for (const line of lines) {
  const m = /bench: counter charge->qr latency=(\d+)ms sales=(\d+) median=(\d+)ms min=(\d+)ms max=(\d+)ms/.exec(line);
  if (!m) continue;
  const [latency, sales, median, min, max] = m.slice(1).map(Number);
  const target = 2 * latency + 50;
  out.push(`Charge → QR with ${latency} ms injected (${sales} sales): median ${median} ms (${min}–${max}) (target ≤ ${target}: ${mark(median <= target)})`);
}
const sync = lines.find((l) => l.startsWith("CLI first sync of 100,000"));
if (sync) out.push(sync.trim());
console.log(out.join("\n"));
