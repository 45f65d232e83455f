/** A short two-tone chime made with WebAudio (no sound file): "paid". Silent when audio is unavailable. */
export function playPaidSound(): void {
  const Ctor: typeof AudioContext | undefined =
    typeof window !== "undefined"
      ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
      : undefined;
  if (!Ctor) return;
  try {
    const ctx = new Ctor();
    const tones: Array<[number, number]> = [
      [880, 0],
      [1320, 0.15],
    ];
    for (const [frequency, start] of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.3);
    }
    window.setTimeout(() => void ctx.close().catch(() => {}), 800);
  } catch {
    // No audio device: the large on-screen confirmation is enough.
  }
}
