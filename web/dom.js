// Small DOM helpers. Everything the server sends is inserted as text (textContent), never as
// HTML, so a resume or job title cannot inject markup or script.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('a', {href: '#/x', class: 'y'}, 'text', child...) builds an element. Attributes whose value
// is null/undefined/false are left out; `true` sets an empty attribute. `on` takes event
// handlers: {on: {click: fn}}.
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// The same for SVG elements (the charts).
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== null && value !== undefined && value !== false) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function $(id) {
  return document.getElementById(id);
}

// Replaces an element's children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function show(el, visible = true) {
  el.hidden = !visible;
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
}

export function formatDollars(value) {
  if (value === null || value === undefined) return 'no limit';
  return (value < 0 ? '-$' : '$') + Math.abs(value).toFixed(2);
}

// A label for a score feature name: "required_skills" -> "Required skills".
export function featureLabel(name) {
  const known = {lexical_bm25: 'Keyword match (BM25)', title_fit: 'Title fit',
                 semantic: 'Semantic similarity'};
  if (known[name]) return known[name];
  const text = String(name).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The class for a score band, shared by the chart and the tables.
export function scoreBand(score) {
  if (score >= 70) return 'band-high';
  if (score >= 45) return 'band-mid';
  return 'band-low';
}

let flashTimer = 0;
let flashShownAt = 0;
// A short message at the top of the page (errors stay until the next message).
export function flash(message, kind = 'info') {
  const el = $('flash');
  el.textContent = message;
  el.className = `flash flash-${kind}`;
  el.hidden = false;
  flashShownAt = Date.now();
  clearTimeout(flashTimer);
  if (kind !== 'error') flashTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

export function clearFlash() {
  $('flash').hidden = true;
}

// On navigation: a message shown just before (e.g. "Job accepted", or why the session ended)
// belongs to the page being opened; older ones are stale.
export function clearStaleFlash() {
  if (Date.now() - flashShownAt > 1000) clearFlash();
}
