/*
 * Chart colours from the VS Code theme. Canvas drawing cannot use CSS variables, so they are read
 * with getComputedStyle and read again when VS Code switches theme (it changes the body class).
 */

export interface ChartTheme {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  readonly fontFamily: string;
  /** One colour per series, in order. */
  readonly series: readonly string[];
  readonly highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const highContrast = document.body.classList.contains('vscode-high-contrast');
  const foreground = cssVar(style, '--vscode-editor-foreground', cssVar(style, '--vscode-foreground', dark ? '#cccccc' : '#333333'));
  return {
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: cssVar(style, '--vscode-editorWidget-border', cssVar(style, '--vscode-panel-border', dark ? '#454545' : '#c8c8c8')),
    background: cssVar(style, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    fontFamily: cssVar(style, '--vscode-font-family', 'system-ui, sans-serif'),
    highContrast,
    series: [
      cssVar(style, '--vscode-charts-blue', '#3794ff'),
      cssVar(style, '--vscode-charts-orange', '#d18616'),
      cssVar(style, '--vscode-charts-red', '#f14c4c'),
      cssVar(style, '--vscode-charts-green', '#89d185'),
      cssVar(style, '--vscode-charts-purple', '#b180d7'),
      cssVar(style, '--vscode-charts-yellow', '#cca700'),
      foreground,
    ],
  };
}

/** Calls `onChange` when VS Code switches between light, dark and high-contrast themes. */
export function watchTheme(onChange: () => void): MutationObserver {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return observer;
}

/** The colour of series `index` (the palette repeats). */
export function seriesColor(theme: ChartTheme, index: number): string {
  return theme.series[index % theme.series.length]!;
}

/** The theme's colours on one Chart.js scale's grid, border, ticks and title. */
export function applyScaleTheme(
  scale: { grid?: unknown; border?: unknown; ticks?: unknown; title?: unknown },
  theme: ChartTheme,
  ticks: object,
): void {
  scale.grid = { color: theme.grid };
  scale.border = { color: theme.grid };
  // Keeps a tick callback (the log axis's labels) while restyling.
  scale.ticks = { ...(scale.ticks as object | undefined), ...ticks, color: theme.foreground };
  const title = scale.title as { color?: string } | undefined;
  if (title) title.color = theme.foreground;
}
