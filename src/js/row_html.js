// Set a list row's content from HTML, keeping the nodes that stay the same.
//
// A row's HTML is rebuilt whenever anything in it changes (the sizes that arrive
// after the first paint, a keystroke's new hits). Replacing it wholesale would drop
// the row's link while it may be under the pointer: a press on the old link and a
// release on the new one make no click, and the click is lost. Nodes whose tag and
// attributes are unchanged are kept (their text updated in place); any other node
// is replaced.
export function setRowHtml(el, html) {
  if (!el.firstChild) {
    el.innerHTML = html;
    return;
  }
  const t = document.createElement('template');
  t.innerHTML = html;
  morph(el, t.content);
}

function morph(to, from) {
  let a = to.firstChild;
  let b = from.firstChild;
  while (b) {
    const nextB = b.nextSibling;
    if (!a) {
      to.appendChild(b);
    } else {
      const nextA = a.nextSibling;
      if (!same(a, b)) {
        to.replaceChild(b, a);
      } else if (a.nodeType === 1) {
        morph(a, b);
      } else if (a.data !== b.data) {
        a.data = b.data;
      }
      a = nextA;
    }
    b = nextB;
  }
  while (a) {
    const nextA = a.nextSibling;
    to.removeChild(a);
    a = nextA;
  }
}

// Same node type, and for elements the same tag and attributes.
function same(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== 1) return true;
  if (a.tagName !== b.tagName || a.attributes.length !== b.attributes.length) return false;
  for (const at of b.attributes) {
    if (a.getAttribute(at.name) !== at.value) return false;
  }
  return true;
}
