#!/usr/bin/env node
// Start-up and memory of one desktop window, for scripts/bench (which runs it under Xvfb).
//
//   node scripts/bench-window.mjs --label app --runs 7 [--home-from DIR] [--until REGEX]
//        [--settle-s N] -- BINARY ARGS…
//   node scripts/bench-window.mjs --summarize < RUNS
//
// Each run starts BINARY with a new, empty XDG data/config/cache home (or a copy of --home-from),
// waits for its "ui ready after N ms: <split>" line on stderr (the app logs it when its UI calls
// `ui_ready` on mount; the bare window prints the same line), then — with --until — for a line
// matching REGEX, then 5 s of idle, and sums the resident memory (VmRSS) of the process and all its
// descendants (the WebKit web and network processes); the main process's own figure is kept too.
// With --until, memory is also sampled at the matching line itself (the peak of a big sync) and,
// with --settle-s N, N s after it (does the memory come back?). Prints one JSON line per run and a
// summary with medians. --summarize prints the summary of run lines read from stdin: scripts/bench
// starts the windows it compares in turns, one run at a time, so a slower spell of a shared machine
// falls on all of them rather than on whichever window it happened to be timing.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const IDLE_MS = 5000;
// "ui ready after 366 ms: navigation +233, script +41, … ms": the figure, then the split of the
// start the page measured (each step's milliseconds; the app and the bare window both print it).
const READY = /ui ready after (\d+) ms(?:: (.*?) ms)?/;
const STEP = /^(\w+) ([+-]\d+)$/;

/** The split of a ready line: step → milliseconds. */
function steps(split) {
  const found = {};
  for (const part of (split ?? "").split(", ")) {
    const step = STEP.exec(part);
    if (step) found[step[1]] = Number(step[2]);
  }
  return found;
}

function parseArgs(argv) {
  const split = argv.indexOf("--");
  if (split < 0 || split === argv.length - 1) throw new Error("usage: bench-window.mjs [options] -- BINARY [ARGS…]");
  const options = { label: "window", runs: 5, homeFrom: null, until: null, settleMs: null, timeoutMs: 60000 };
  const flags = argv.slice(0, split);
  for (let i = 0; i < flags.length; i += 2) {
    const [name, value] = [flags[i], flags[i + 1]];
    if (name === "--label") options.label = value;
    else if (name === "--runs") options.runs = Number(value);
    else if (name === "--home-from") options.homeFrom = value;
    else if (name === "--until") options.until = new RegExp(value);
    else if (name === "--timeout-s") options.timeoutMs = Number(value) * 1000;
    else if (name === "--settle-s") options.settleMs = Number(value) * 1000;
    else throw new Error(`unknown option ${name}`);
  }
  if (options.settleMs !== null && (!options.until || options.settleMs < IDLE_MS)) {
    throw new Error(`--settle-s needs --until and at least ${IDLE_MS / 1000} s`);
  }
  return { options, command: argv[split + 1], args: argv.slice(split + 2) };
}

/** pid → parent pid, for every process. */
function parents() {
  const map = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name sits in parentheses and may hold spaces: read after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      map.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** The resident memory of `root` and its descendants, in MiB (all, and `root`'s own), and their names. */
function treeRss(root) {
  const parentOf = parents();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kib = 0;
  let mainKib = 0;
  const names = [];
  for (const pid of tree) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      const name = /Name:\s+(.*)/.exec(status);
      if (rss) {
        kib += Number(rss[1]);
        if (pid === root) mainKib = Number(rss[1]);
        names.push(`${name ? name[1] : pid}:${Math.round(Number(rss[1]) / 1024)}MB`);
      }
    } catch {
      // Gone.
    }
  }
  return { mib: Math.round(kib / 1024), mainMiB: Math.round(mainKib / 1024), names };
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function oneRun({ options, command, args }) {
  const home = mkdtempSync(join(tmpdir(), "bench-window-"));
  if (options.homeFrom) cpSync(options.homeFrom, home, { recursive: true });
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let readyAt = null;
    let reportedMs = null;
    let split = {};
    let untilAt = null;
    const lines = [];
    const exited = new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done();
      else child.once("exit", done);
    });
    // Resolves once the window's process is gone: a start while it is still dying finds the
    // single-instance lock taken (its D-Bus name) and exits at once.
    const finish = (error, result) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      void exited.then(() => {
        rmSync(home, { recursive: true, force: true });
        if (error) reject(error);
        else resolve(result);
      });
    };
    const timer = setTimeout(
      () => finish(new Error(`${options.label}: no ready line within ${options.timeoutMs} ms; last output:\n${lines.slice(-20).join("\n")}`)),
      options.timeoutMs,
    );
    const measure = async () => {
      const atUntil = options.until ? treeRss(child.pid) : null;
      await sleep(IDLE_MS);
      const idle = treeRss(child.pid);
      let settled = null;
      if (options.settleMs !== null) {
        await sleep(options.settleMs - IDLE_MS);
        settled = treeRss(child.pid);
      }
      finish(null, {
        label: options.label,
        startMs: Math.round(readyAt - started),
        reportedMs,
        split,
        untilMs: untilAt === null ? null : Math.round(untilAt - started),
        rssAtUntilMiB: atUntil?.mib ?? null,
        mainAtUntilMiB: atUntil?.mainMiB ?? null,
        rssMiB: idle.mib,
        mainMiB: idle.mainMiB,
        rssSettledMiB: settled?.mib ?? null,
        mainSettledMiB: settled?.mainMiB ?? null,
        settleS: options.settleMs === null ? null : options.settleMs / 1000,
        processes: idle.names,
        processesSettled: settled?.names ?? null,
      });
    };
    createInterface({ input: child.stderr }).on("line", (line) => {
      lines.push(line);
      if (readyAt === null) {
        const ready = READY.exec(line);
        if (ready) {
          readyAt = performance.now();
          reportedMs = Number(ready[1]);
          split = steps(ready[2]);
          if (!options.until) void measure();
        }
      }
      if (readyAt !== null && options.until && untilAt === null && options.until.test(line)) {
        untilAt = performance.now();
        void measure();
      }
    });
    child.on("exit", (code, signal) => {
      if (readyAt === null || (options.until && untilAt === null)) {
        finish(new Error(`${options.label} exited (${code ?? signal}) before it was ready:\n${lines.slice(-20).join("\n")}`));
      }
    });
  });
}

const median = (values) => {
  if (values.some((v) => v === null)) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Medians (and the start's range) over `runs` of one window. */
function summarize(label, runs) {
  const withUntil = runs.some((r) => r.untilMs !== null);
  return {
    label,
    runs: runs.length,
    startMsMedian: median(runs.map((r) => r.startMs)),
    startMsMin: Math.min(...runs.map((r) => r.startMs)),
    startMsMax: Math.max(...runs.map((r) => r.startMs)),
    reportedMsMedian: median(runs.map((r) => r.reportedMs)),
    splitMedian: Object.fromEntries(
      Object.keys(runs[0]?.split ?? {}).map((step) => [step, median(runs.map((r) => r.split[step] ?? null))]),
    ),
    untilMsMedian: withUntil ? median(runs.map((r) => r.untilMs)) : null,
    rssMiBMedian: median(runs.map((r) => r.rssMiB)),
    mainMiBMedian: median(runs.map((r) => r.mainMiB)),
    rssAtUntilMiBMedian: median(runs.map((r) => r.rssAtUntilMiB)),
    mainAtUntilMiBMedian: median(runs.map((r) => r.mainAtUntilMiB)),
    rssSettledMiBMedian: median(runs.map((r) => r.rssSettledMiB)),
    mainSettledMiBMedian: median(runs.map((r) => r.mainSettledMiB)),
    settleS: runs[0]?.settleS ?? null,
  };
}

if (process.argv[2] === "--summarize") {
  const runs = readFileSync(0, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
  if (runs.length === 0) throw new Error("--summarize: no run lines on stdin");
  console.log(`SUMMARY ${JSON.stringify(summarize(runs[0].label, runs))}`);
} else {
  const spec = parseArgs(process.argv.slice(2));
  const runs = [];
  for (let i = 0; i < spec.options.runs; i += 1) {
    const run = await oneRun(spec);
    console.log(JSON.stringify(run));
    runs.push(run);
    await sleep(500);
  }
  console.log(`SUMMARY ${JSON.stringify(summarize(spec.options.label, runs))}`);
}
