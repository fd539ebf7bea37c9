import { css } from 'lit';

/**
 * Styles of `<pakta-queue>`, adopted into its shadow root (no inline styles: works under a strict CSP).
 * The `.base` wrapper resets everything the host page could make it inherit.
 */
export default css`
  :host {
    all: initial;
    display: block;
    contain: content;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    all: initial;
    display: block;
    --p: var(--pakta-color-primary, #0b5cad);
    --on-p: var(--pakta-color-on-primary, #fff);
    --fg: var(--pakta-color-text, #1b1b1b);
    --muted: var(--pakta-color-muted, #50565c);
    --bg: var(--pakta-color-surface, #fff);
    --bg2: var(--pakta-color-surface-alt, #f2f4f7);
    --line: var(--pakta-color-border, #767b82);
    --err: var(--pakta-color-danger, #b3261e);
    --r: var(--pakta-radius, 8px);
    --focus: var(--pakta-color-focus, #c2410c);
    font-family: var(--pakta-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    font-size: var(--pakta-font-size, 16px);
    line-height: 1.5;
    color: var(--fg);
    background: var(--bg);
    border: 1px solid var(--pakta-color-frame, #d0d5dc);
    border-radius: var(--r);
    padding: var(--pakta-padding, 16px);
    max-width: var(--pakta-max-width, 40rem);
    min-width: 0;
    overflow-wrap: anywhere;
    text-align: start;
    container-type: inline-size;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd,
  fieldset,
  legend {
    margin: 0;
    padding: 0;
  }
  h2 {
    font-size: 1.375em;
    line-height: 1.25;
    margin-block: 4px 12px;
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  h3 {
    font-size: 1em;
    margin-block: 16px 4px;
  }
  p,
  .field,
  fieldset {
    margin-block-end: 12px;
  }
  a {
    color: var(--p);
    text-decoration: underline;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    margin-block-end: 8px;
  }
  .tenant-name {
    font-weight: 600;
    font-size: 0.875em;
    color: var(--muted);
  }
  .progress {
    font-size: 0.875em;
    color: var(--muted);
  }
  .bar {
    display: flex;
    gap: 4px;
    margin-block: 4px 8px;
  }
  .bar span {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--bg2);
    border: 1px solid var(--line);
  }
  .bar span.done {
    background: var(--p);
    border-color: var(--p);
  }
  button,
  .btn,
  input,
  select {
    font: inherit;
    color: inherit;
    margin: 0;
  }
  button,
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 44px;
    min-width: 44px;
    padding: 8px 16px;
    border-radius: var(--r);
    border: 2px solid var(--p);
    background: var(--bg);
    color: var(--p);
    font-weight: 600;
    text-decoration: none;
    text-align: center;
    cursor: pointer;
    line-height: 1.25;
  }
  button.primary {
    background: var(--p);
    color: var(--on-p);
  }
  button.danger {
    border-color: var(--err);
    color: var(--err);
  }
  button.danger.primary {
    background: var(--err);
    color: #fff;
  }
  button.link {
    border-color: transparent;
    background: none;
    text-decoration: underline;
    padding-inline: 8px;
  }
  button:disabled {
    cursor: not-allowed;
    border-color: #8a8f96;
    background: #e9ebee;
    color: #4b5057;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .nav {
    display: flex;
    flex-wrap: wrap-reverse;
    gap: 8px;
    justify-content: space-between;
    margin-block-start: 16px;
  }
  .nav > :only-child {
    margin-inline-start: auto;
  }
  .actions {
    display: grid;
    gap: 8px;
    margin-block: 12px;
  }
  label,
  legend {
    font-weight: 600;
  }
  legend {
    margin-block-end: 6px;
  }
  fieldset {
    border: 0;
    min-width: 0;
  }
  .hint {
    display: block;
    font-weight: 400;
    font-size: 0.9375em;
    color: var(--muted);
  }
  input[type='text'],
  input[type='tel'],
  input[type='search'] {
    display: block;
    width: 100%;
    min-height: 44px;
    padding: 8px 12px;
    border: 2px solid var(--line);
    border-radius: var(--r);
    background: var(--bg);
    margin-block-start: 4px;
  }
  input[aria-invalid='true'] {
    border-color: var(--err);
  }
  .ferr {
    display: block;
    color: var(--err);
    font-weight: 600;
    margin-block-start: 4px;
  }
  .list {
    list-style: none;
    display: grid;
    gap: 8px;
  }
  .opt {
    display: flex;
    gap: 12px;
    align-items: flex-start;
    min-height: 44px;
    padding: 10px 12px;
    border: 1px solid var(--line);
    border-radius: var(--r);
    cursor: pointer;
    font-weight: 400;
    background: var(--bg);
  }
  .opt:has(input:checked) {
    border: 2px solid var(--p);
    background: var(--bg2);
    padding: 9px 11px;
  }
  .opt:has(input:disabled) {
    cursor: not-allowed;
    background: var(--bg2);
    border-style: dashed;
  }
  .opt input {
    flex: none;
    width: 22px;
    height: 22px;
    margin: 1px 0 0;
    accent-color: var(--p);
  }
  .opt b {
    display: block;
  }
  .req {
    margin: 6px 0 4px 34px;
    font-size: 0.9375em;
  }
  .req ul {
    padding-inline-start: 1.25em;
  }
  .agency {
    font-size: 0.875em;
    color: var(--muted);
    margin-block: 8px 0;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .alert {
    border: 2px solid var(--err);
    border-inline-start-width: 6px;
    border-radius: var(--r);
    padding: 10px 12px;
    margin-block: 8px 12px;
    background: var(--bg);
  }
  .alert p {
    margin: 0 0 8px;
  }
  .alert p:last-child {
    margin: 0;
  }
  .muted {
    color: var(--muted);
    font-size: 0.9375em;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .bar span.done {
      background: CanvasText;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s;
    }
  }
`;
