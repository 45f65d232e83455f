import { useEffect, useState } from "react";

/**
 * Seconds left of a wait of `seconds`, ticking down to 0 once a second; restarts when `source`
 * (the failure being shown) or `seconds` change. Null when there is no wait.
 */
export function useCountdown(seconds: number | null, source: unknown): number | null {
  const [state, setState] = useState({ source, seconds, left: seconds });

  useEffect(() => {
    setState({ source, seconds, left: seconds });
    if (seconds === null || seconds <= 0) return;
    // Measured against a deadline, not by counting ticks: a hidden window's timers may be slowed.
    const deadline = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setState({ source, seconds, left });
      if (left === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds, source]);

  // Before the effect has run for a new failure, its full wait (not the previous one's count).
  return state.source === source && state.seconds === seconds ? state.left : seconds;
}
