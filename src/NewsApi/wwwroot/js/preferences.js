// Reading preferences (font size and contrast): applied to <html>, saved in localStorage.
// The same keys and bounds are read early by preferences-early.js.
const FONT_KEY = 'newsapi.reader.fontStep';
const CONTRAST_KEY = 'newsapi.reader.contrast';
export const MIN_FONT_STEP = -2;
export const MAX_FONT_STEP = 3;

const root = document.documentElement;

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not saved (storage unavailable); the choice still applies to this page.
  }
}

export function fontStep() {
  const step = Number(read(FONT_KEY) ?? 0);
  return Number.isInteger(step) ? Math.min(MAX_FONT_STEP, Math.max(MIN_FONT_STEP, step)) : 0;
}

export function setFontStep(step) {
  const bounded = Math.min(MAX_FONT_STEP, Math.max(MIN_FONT_STEP, step));
  root.dataset.fontStep = String(bounded);
  write(FONT_KEY, String(bounded));
  return bounded;
}

export function highContrast() {
  return read(CONTRAST_KEY) === 'high';
}

export function setHighContrast(on) {
  root.classList.toggle('high-contrast', on);
  write(CONTRAST_KEY, on ? 'high' : 'normal');
}

/** Percent of the default size for a step, as the CSS sets it (for the status message). */
export function fontPercent(step) {
  return { '-2': 80, '-1': 90, 0: 100, 1: 115, 2: 130, 3: 150 }[step] ?? 100;
}
