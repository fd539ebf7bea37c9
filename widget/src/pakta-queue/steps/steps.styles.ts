import { css } from 'lit';

/**
 * Styles only steps 2–6 use, adopted with the flow chunk (the first script carries only what step 1 needs).
 */
export default css`
  /* days and times: cards in a grid; the radio is the whole card (still a native radio for keyboards and readers) */
  .days {
    grid-template-columns: repeat(auto-fill, minmax(7em, 1fr));
  }
  .slots {
    grid-template-columns: repeat(auto-fill, minmax(5em, 1fr));
  }
  .days .opt,
  .slots .opt {
    position: relative;
    display: block;
    padding: 8px;
    text-align: center;
  }
  .days .opt:has(input:checked),
  .slots .opt:has(input:checked) {
    padding: 7px;
  }
  .days input,
  .slots input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    opacity: 0;
    cursor: inherit;
  }
  .opt:has(input:focus-visible) {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .opt:has(input:checked) b::before {
    content: '✓ ';
  }
  .opt:has(input:disabled) b {
    text-decoration: line-through;
  }
  .bring ul {
    padding-inline-start: 1.25em;
  }
  .note {
    border-inline-start: 4px solid var(--p);
    background: var(--bg2);
    padding: 8px 12px;
    border-radius: var(--r);
    font-size: 0.9375em;
  }
  .pact {
    white-space: pre-line;
    border: 1px solid var(--line);
    border-radius: var(--r);
    padding: 12px;
    margin-block-end: 12px;
    background: var(--bg2);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: 4px 12px;
    margin-block-end: 12px;
  }
  dt {
    color: var(--muted);
  }
  dd {
    font-weight: 600;
  }
  .ticket {
    text-align: center;
    border: 2px solid var(--p);
    border-radius: var(--r);
    padding: 12px;
    margin-block-end: 12px;
  }
  .ticket strong {
    display: block;
    font-size: 3em;
    line-height: 1.1;
    letter-spacing: 0.04em;
    color: var(--p);
  }
  .cancelled .ticket strong {
    text-decoration: line-through;
    color: var(--muted);
  }
  .qr {
    display: block;
    width: 100%;
    max-width: 320px;
    margin: 8px auto;
    background: #fff;
  }
  @container (max-width: 340px) {
    dl {
      grid-template-columns: 1fr;
    }
    .ticket strong {
      font-size: 2.5em;
    }
  }
`;
