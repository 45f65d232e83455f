#!/usr/bin/env node
// Reads a scripts/bench log and prints one table: each figure, its target and ✓ (met) or ✗
// (missed); "—" where the run did not measure it (e.g. --quick skips the engine benchmarks) or
// the figure has no target. Markdown, so it can go into BENCHMARKS.md as it is.
//
//   node scripts/bench-summary.mjs LOG

import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
const lines = text.split("\n").map((l) => l.trim());
const rows = [];
const row = (figure, measured, target, ok) => rows.push({ figure, measured, target, ok });
const mark = (ok) => (ok === null ? "—" : ok ? "✓" : "✗");
const find = (re) => lines.map((l) => re.exec(l)).filter(Boolean);

const summaries = {};
for (const [, name, json] of find(/^SUMMARY-([\w-]+) (\{.*\})$/)) summaries[name] = JSON.parse(json);
const sizes = {};
for (const [, name, mib] of find(/^SIZE (.+?) ([\d.]+) MiB/)) sizes[name] = Number(mib);

function startUp({ bare, app, demo }) {
  if (!bare) return;
  const ratio = (s) => s.startMsMedian / bare.startMsMedian;
  const range = (s) => `${s.startMsMedian} ms (${s.startMsMin}–${s.startMsMax})`;
  row(`Start, bare window (median of ${bare.runs})`, range(bare), "baseline", null);
  for (const [name, s] of [["onboarding", app], ["demo dashboard, 300 escrows", demo]]) {
    if (!s) continue;
    const r = ratio(s);
    row(`Start, app on ${name} (median of ${s.runs})`, `${range(s)}: ${r.toFixed(2)} × bare`, "≤ 1.2 × bare", r <= 1.2);
  }
  if (app) row("Start as the processes report it (from main)", `app ${app.reportedMsMedian} ms, bare ${bare.reportedMsMedian} ms`, "—", null);
  for (const [name, s] of [["bare window", bare], ["app, onboarding", app], ["app, demo dashboard", demo]]) {
    if (s?.splitMedian && Object.keys(s.splitMedian).length > 0) row(`Start split, ${name} (medians, ms)`, split(s.splitMedian), "—", null);
  }
}

/** "navigation 233 · script 41 · …": where a start goes, step by step (the ready line's split). */
function split(steps) {
  return Object.entries(steps)
    .map(([step, ms]) => `${step} ${ms}`)
    .join(" · ");
}

function memory({ bare, app, demo }) {
  const loaded = summaries["100k"];
  if (bare && app) {
    const extra = app.rssMiBMedian - bare.rssMiBMedian;
    row("RSS after 5 s idle, all processes (app on onboarding)", `${app.rssMiBMedian} MiB (main ${app.mainMiBMedian}); bare ${bare.rssMiBMedian} MiB (main ${bare.mainMiBMedian}): +${extra}`, "≤ bare + 60 MiB", extra <= 60);
  }
  if (demo) row("Demo shop: first sync done / RSS 5 s later", `${demo.untilMsMedian} ms / ${demo.rssMiBMedian} MiB (main ${demo.mainMiBMedian})`, "—", null);
  if (!loaded) return;
  row(`100,000 escrows: the app's first sync done (median of ${loaded.runs})`, `${(loaded.untilMsMedian / 1000).toFixed(1)} s`, "—", null);
  row("100,000 escrows: RSS when the sync finished / 5 s later", `${loaded.rssAtUntilMiBMedian} / ${loaded.rssMiBMedian} MiB (main ${loaded.mainAtUntilMiBMedian} / ${loaded.mainMiBMedian})`, "—", null);
  if (loaded.rssSettledMiBMedian === null) return;
  const live = summaries.live;
  if (live?.rssSettledMiBMedian != null) {
    const idle = `the same app on a live shop with an empty book, ${live.settleS} s after its first sync`;
    if (bare) {
      const extra = live.rssSettledMiBMedian - bare.rssMiBMedian;
      row(`Idle: ${idle}`, `${live.rssSettledMiBMedian} MiB (main ${live.mainSettledMiBMedian}): bare +${extra}`, "≤ bare + 60 MiB", extra <= 60);
    } else {
      row(`Idle: ${idle}`, `${live.rssSettledMiBMedian} MiB (main ${live.mainSettledMiBMedian})`, "—", null);
    }
    const over = loaded.rssSettledMiBMedian - live.rssSettledMiBMedian;
    row(`100,000 escrows: RSS of all processes ${loaded.settleS} s after the sync`, `${loaded.rssSettledMiBMedian} MiB: its idle (${live.rssSettledMiBMedian}) +${over}`, "≤ idle + 60 MiB", over <= 60);
    const mainOver = loaded.mainSettledMiBMedian - live.mainSettledMiBMedian;
    row(`100,000 escrows: RSS of the main process ${loaded.settleS} s after the sync`, `${loaded.mainSettledMiBMedian} MiB: its idle (${live.mainSettledMiBMedian}) +${mainOver}`, "≤ idle + 60 MiB", mainOver <= 60);
  }
  if (app) {
    const over = loaded.rssSettledMiBMedian - app.rssMiBMedian;
    row(`100,000 escrows: RSS of all processes ${loaded.settleS} s after the sync, against the onboarding screen's idle`, `${loaded.rssSettledMiBMedian} MiB: onboarding (${app.rssMiBMedian}) +${over} (main +${loaded.mainSettledMiBMedian - app.mainMiBMedian})`, "—", null);
  }
}

function latency() {
  for (const [, rtt, ms] of find(/bench: counter first sale after start charge->qr latency=(\d+)ms time=(\d+)ms/)) {
    const target = 2 * Number(rtt) + 50;
    row(`Charge → QR, first sale after a start, ${rtt} ms injected`, `${ms} ms`, `≤ ${target} ms`, Number(ms) <= target);
  }
  for (const m of find(/bench: counter charge->qr latency=(\d+)ms sales=(\d+) median=(\d+)ms min=(\d+)ms max=(\d+)ms/)) {
    const [rtt, sales, median, min, max] = m.slice(1).map(Number);
    const target = 2 * rtt + 50;
    row(`Charge → QR, the next ${sales} sales, ${rtt} ms injected`, `median ${median} ms (${min}–${max})`, `≤ ${target} ms`, median <= target);
  }
}

function escrowsScreen() {
  for (const [, n, median, min, max] of find(/bench: escrows filter change over (\d+) escrows changes=\d+ median=(\d+)ms min=(\d+)ms max=(\d+)ms/)) {
    row(`Escrows screen, ${n} escrows: filter change → rows drawn`, `median ${median} ms (${min}–${max})`, "< 100 ms", Number(median) < 100);
  }
  for (const m of find(/bench: escrows scroll over (\d+) escrows fps=([\d.]+) frames=(\d+) long_frames=(\d+) p95_frame=([\d.]+)ms loading_frames=(\d+)/)) {
    const [n, fps, frames, long, p95, loading] = m.slice(1).map(Number);
    row(`Escrows screen, ${n} escrows: scripted scroll`, `${fps} fps, ${long} of ${frames} frames > 25 ms, p95 frame ${p95} ms, ${loading} frames with rows loading`, "60 fps (≥ 57)", fps >= 57);
  }
}

/** Milliseconds from a Rust `Duration` debug print ("5.2ms", "950µs", "1.1s"). */
function ms(duration) {
  const m = /^([\d.]+)(ns|µs|us|ms|s)$/.exec(duration);
  if (!m) return Number.NaN;
  const scale = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 }[m[2]];
  return Number(m[1]) * scale;
}

function engine() {
  for (const [, name, p50, p95] of find(/^(query [^:]+): p50 (\S+)\s+p95 (\S+)/)) {
    // A word found in every row is the pathological search the book's notes discuss: no target.
    const pathological = name.includes("matches all");
    const p95ms = ms(p95);
    row(`Book (100k): ${name}`, `p50 ${ms(p50).toFixed(1)} ms, p95 ${p95ms.toFixed(1)} ms`, pathological ? "—" : "p95 < 20 ms", pathological ? null : p95ms < 20);
  }
  const cli = lines.find((l) => l.startsWith("CLI first sync of 100,000"));
  if (cli) row("CLI first sync of 100,000 escrows", cli.replace(/^.*: /, ""), "—", null);
  for (const [name, mib] of Object.entries(sizes)) {
    const deb = name === "deb";
    row(`Size: ${name}`, `${mib} MiB`, deb ? "≤ 12 MB (11.4 MiB)" : "—", deb ? mib * 1048576 <= 12e6 : null);
  }
}

const machine = lines.find((l) => /cores, .* load /.test(l));
const commit = lines.find((l) => l.startsWith("git "));
const elapsed = process.env.BENCH_TOOK ?? lines.find((l) => l.startsWith("bench took "));
startUp(summaries);
memory(summaries);
latency();
escrowsScreen();
engine();
if (machine) console.log(`Machine: ${machine}; ${commit ?? ""}${elapsed ? `; ${elapsed}` : ""}`);
console.log("\n| Figure | Measured | Target | |\n|---|---|---|---|");
for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.target} | ${mark(r.ok)} |`);
const missed = rows.filter((r) => r.ok === false).length;
const met = rows.filter((r) => r.ok === true).length;
console.log(`\n${met} met, ${missed} missed`);
